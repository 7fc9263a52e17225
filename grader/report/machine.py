"""The machine-readable reports: the JSON report and the CSV gradebook."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from grader.results import SubmissionResult


def json_report(assignment: str, max_score: float, results: Iterable[SubmissionResult]) -> dict:
    return {
        "assignment": assignment,
        "max_score": max_score,
        "submissions": [result.to_dict() for result in results],
    }


def csv_gradebook(question_ids: list[str], results: Iterable[SubmissionResult]) -> str:
    """One row per submission, one column per question id, then the total."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["submission", *question_ids, "total", "max_score", "errors"])
    for result in results:
        scores = {q.id: q.score for q in result.questions}
        writer.writerow(
            [result.submission, *(_number(scores.get(qid, 0.0)) for qid in question_ids),
             _number(result.score), _number(result.max_score), len(result.errors)]
        )
    return buffer.getvalue()


class LiveReports:
    """Keeps the JSON report and the CSV gradebook on disk current as each row is graded.

    Rows are appended in the order they finish, one JSON row per line, with constant work per row (the
    JSON's closing brackets are rewritten in place, so the file parses after every row). Of each row only
    its input index and where its lines lie in the live files are kept: `finish` copies the rows from
    there, in the submissions' input order, into the final files (written atomically).
    """

    _CLOSE = b"\n]}\n"

    def __init__(self, json_path: Path | None, csv_path: Path | None, assignment: str, max_score: float,
                 question_ids: list[str]):
        self.json_path, self.csv_path = json_path, csv_path
        self.assignment, self.max_score, self.question_ids = assignment, max_score, question_ids
        self._json = self._csv = None
        self._where: dict[int, tuple[int, int, int, int]] = {}  # input index -> JSON offset, length, CSV offset, length
        if json_path:
            self._json = _open_fresh(json_path)
            head = json.dumps({"assignment": assignment, "max_score": max_score}, ensure_ascii=False)[:-1]
            self._json.write((head + ', "submissions": [').encode() + self._CLOSE)
            self._json.flush()
        if csv_path:
            self._csv = _open_fresh(csv_path)
            self._csv.write(csv_gradebook(question_ids, []).encode())
            self._csv.flush()

    def add(self, index: int, result: SubmissionResult) -> None:
        """Append the row of the submission at `index` of the input (rows arrive in any order)."""
        json_at = json_size = csv_at = csv_size = 0
        if self._json:
            row = json.dumps(result.to_dict(), ensure_ascii=False).encode()
            self._json.seek(-len(self._CLOSE), os.SEEK_END)
            self._json.write(b",\n" if self._where else b"\n")
            json_at, json_size = self._json.tell(), len(row)
            self._json.write(row + self._CLOSE)
            self._json.flush()
        if self._csv:
            line = csv_gradebook(self.question_ids, [result]).split("\n", 1)[1].encode()
            csv_at, csv_size = self._csv.tell(), len(line)
            self._csv.write(line)
            self._csv.flush()
        self._where[index] = (json_at, json_size, csv_at, csv_size)

    def finish(self) -> None:
        """Rewrite both files with the rows in input order: byte for byte what `dump_json(json_report(...))`
        and `csv_gradebook` write for the same results."""
        order = sorted(self._where)
        if self._json:
            self._json.close()
            with open(self.json_path, "rb") as live, atomic_writer(self.json_path) as out:
                head = json.dumps({"assignment": self.assignment, "max_score": self.max_score}, indent=2,
                                  ensure_ascii=False)[:-2]  # without the closing "\n}"
                out.write(head + ',\n  "submissions": [' + ("" if order else "]\n}\n"))
                for number, index in enumerate(order):
                    at, size = self._where[index][:2]
                    live.seek(at)
                    row = json.dumps(json.loads(live.read(size)), indent=2, ensure_ascii=False)
                    out.write((",\n    " if number else "\n    ") + row.replace("\n", "\n    "))
                if order:
                    out.write("\n  ]\n}\n")
        if self._csv:
            self._csv.close()
            with open(self.csv_path, "rb") as live, atomic_writer(self.csv_path) as out:
                out.write(csv_gradebook(self.question_ids, []))
                for index in order:
                    at, size = self._where[index][2:]
                    live.seek(at)
                    out.write(live.read(size).decode())


def _open_fresh(path: Path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("wb")


@contextmanager
def atomic_writer(path: Path):
    """A text file that replaces `path` in one step when the block ends, so a reader never sees half a
    report (and, if the block fails, `path` is left as it was)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` in one step, so a reader never sees half a report."""
    with atomic_writer(path) as out:
        out.write(text)


def dump_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _number(value: float) -> str:
    return f"{value:g}"

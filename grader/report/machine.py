"""The machine-readable reports: the JSON report and the CSV gradebook."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import threading
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

    Rows are appended in the order they finish, with constant work per row (the JSON's closing
    brackets are rewritten in place, so the file parses after every row); `finish` then writes
    both files once more, atomically, in the submissions' input order.
    """

    _CLOSE = b"\n]}\n"

    def __init__(self, json_path: Path | None, csv_path: Path | None, assignment: str, max_score: float,
                 question_ids: list[str]):
        self.json_path, self.csv_path = json_path, csv_path
        self.assignment, self.max_score, self.question_ids = assignment, max_score, question_ids
        self._json = self._csv = None
        self._rows = 0
        self._lock = threading.Lock()  # rows arrive from the batch's worker threads
        if json_path:
            self._json = _open_fresh(json_path, "wb")
            head = json.dumps({"assignment": assignment, "max_score": max_score}, ensure_ascii=False)[:-1]
            self._json.write((head + ', "submissions": [').encode() + self._CLOSE)
            self._json.flush()
        if csv_path:
            self._csv = _open_fresh(csv_path, "w")
            self._csv.write(csv_gradebook(question_ids, []))
            self._csv.flush()

    def add(self, result: SubmissionResult) -> None:
        row = json.dumps(result.to_dict(), ensure_ascii=False).encode()
        line = csv_gradebook(self.question_ids, [result]).split("\n", 1)[1]
        with self._lock:
            if self._json:
                self._json.seek(-len(self._CLOSE), os.SEEK_END)
                self._json.write((b",\n" if self._rows else b"\n") + row + self._CLOSE)
                self._json.flush()
            if self._csv:
                self._csv.write(line)
                self._csv.flush()
            self._rows += 1

    def finish(self, results: list[SubmissionResult]) -> None:
        for handle in (self._json, self._csv):
            if handle:
                handle.close()
        if self.json_path:
            write_atomically(self.json_path, dump_json(json_report(self.assignment, self.max_score, results)))
        if self.csv_path:
            write_atomically(self.csv_path, csv_gradebook(self.question_ids, results))


def _open_fresh(path: Path, mode: str):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open(mode) if "b" in mode else path.open(mode, encoding="utf-8", newline="")


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` in one step, so a reader never sees half a report."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    os.replace(temp, path)


def dump_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _number(value: float) -> str:
    return f"{value:g}"

"""The machine-readable reports: the JSON report and the CSV gradebook."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
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

"""A JSON report (as `grader grade --json` writes it) read back into results, and written again."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from grader.report.machine import dump_json, json_report, write_atomically
from grader.results import SubmissionResult


class ReportError(ValueError):
    """A report, CSV or roster that cannot be used; the message names the file and the row."""


@dataclass(frozen=True)
class Report:
    assignment: str
    max_score: float
    results: tuple[SubmissionResult, ...]

    @property
    def question_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for result in self.results:
            for question in result.questions:
                seen.setdefault(question.id, None)
        return list(seen)

    def by_submission(self) -> dict[str, SubmissionResult]:
        return {result.submission: result for result in self.results}


def load_report(path: Path) -> Report:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Report(data["assignment"], float(data["max_score"]),
                      tuple(SubmissionResult.from_dict(entry) for entry in data["submissions"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReportError(f"{path}: not a grader JSON report ({type(exc).__name__}: {exc})") from None


def save_report(report: Report, path: Path) -> None:
    write_atomically(Path(path), dump_json(json_report(report.assignment, report.max_score, report.results)))

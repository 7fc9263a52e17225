"""Reports on disk stay readable while a batch runs, and end in the submissions' input order."""
from __future__ import annotations

import csv
import json

from grader.report.machine import LiveReports
from grader.results import QuestionResult, Status, SubmissionResult


def _result(name: str, score: float) -> SubmissionResult:
    question = QuestionResult("1a", "Ünïcode title", score, 1.0, Status.CORRECT if score else Status.INCORRECT,
                              "feedback with “quotes”", "compared exactly")
    return SubmissionResult(name, (question,))


def test_each_row_is_on_disk_and_parses_as_soon_as_it_is_added(tmp_path):
    reports = LiveReports(tmp_path / "r.json", tmp_path / "r.csv", "week08", 1.0, ["1a"])
    finished = [_result("b.py", 0.0), _result("a.py", 1.0), _result("c.py", 1.0)]
    for count, result in enumerate(finished, start=1):
        reports.add(result)
        on_disk = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
        assert [s["submission"] for s in on_disk["submissions"]] == [r.submission for r in finished[:count]]
        assert len(list(csv.DictReader((tmp_path / "r.csv").open()))) == count
    reports.finish([finished[1], finished[0], finished[2]])
    final = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [s["submission"] for s in final["submissions"]] == ["a.py", "b.py", "c.py"]
    assert final["assignment"] == "week08" and final["max_score"] == 1.0
    assert final["submissions"][0]["questions"][0]["title"] == "Ünïcode title"
    rows = list(csv.DictReader((tmp_path / "r.csv").open()))
    assert [(r["submission"], r["1a"], r["total"]) for r in rows] == [("a.py", "1", "1"), ("b.py", "0", "0"),
                                                                       ("c.py", "1", "1")]


def test_an_empty_batch_still_leaves_valid_reports(tmp_path):
    reports = LiveReports(tmp_path / "r.json", tmp_path / "r.csv", "week08", 20.0, ["1a", "1b"])
    assert json.loads((tmp_path / "r.json").read_text())["submissions"] == []
    reports.finish([])
    assert json.loads((tmp_path / "r.json").read_text())["submissions"] == []
    assert (tmp_path / "r.csv").read_text().splitlines()[0].startswith("submission,1a,1b,total")

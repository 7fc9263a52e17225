"""Reports on disk stay readable while a batch runs, and end in the submissions' input order."""
from __future__ import annotations

import csv
import json

from grader.report.machine import LiveReports, csv_gradebook, dump_json, json_report
from grader.results import QuestionResult, Status, SubmissionResult


def _result(name: str, score: float) -> SubmissionResult:
    question = QuestionResult("1a", "Ünïcode title", score, 1.0, Status.CORRECT if score else Status.INCORRECT,
                              "feedback with “quotes”", "compared exactly")
    return SubmissionResult(name, (question,))


def test_each_row_is_on_disk_and_parses_as_soon_as_it_is_added(tmp_path):
    reports = LiveReports(tmp_path / "r.json", tmp_path / "r.csv", "week08", 1.0, ["1a"])
    finished = [_result("b.py", 0.0), _result("a.py", 1.0), _result("c.py", 1.0)]
    for count, (index, result) in enumerate(zip([1, 0, 2], finished), start=1):
        reports.add(index, result)
        on_disk = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
        assert [s["submission"] for s in on_disk["submissions"]] == [r.submission for r in finished[:count]]
        assert len(list(csv.DictReader((tmp_path / "r.csv").open()))) == count
    reports.finish()
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
    reports.finish()
    assert json.loads((tmp_path / "r.json").read_text())["submissions"] == []
    assert (tmp_path / "r.csv").read_text().splitlines()[0].startswith("submission,1a,1b,total")


def test_the_final_files_are_byte_for_byte_the_reports_of_the_results_in_input_order(tmp_path):
    """Rows finish out of order and are copied back from the live files, not kept: the final JSON and
    CSV are exactly what the reports of the whole list in input order are."""
    results = [SubmissionResult(f"s{n}.py", (
        QuestionResult("1a", "Ünïcode title", n % 2, 1.0, Status.CORRECT if n % 2 else Status.INCORRECT,
                       "line one\nline “two”", "compared exactly", answer=f"x**{n}\n\ty"),
        QuestionResult("1b", "B", 0.5, 2.0, Status.PARTIAL, "half", "rule 1: half", seconds=0.25)),
        errors=("NameError: y",) if n == 3 else (), output="tail " * n, seconds=n / 7) for n in range(12)]
    reports = LiveReports(tmp_path / "r.json", tmp_path / "r.csv", "wëek08", 3.0, ["1a", "1b"])
    for index in [5, 0, 11, 3, 1, 2, 4, 10, 6, 7, 9, 8]:
        reports.add(index, results[index])
    reports.finish()
    assert (tmp_path / "r.json").read_bytes() == dump_json(json_report("wëek08", 3.0, results)).encode()
    assert (tmp_path / "r.csv").read_bytes() == csv_gradebook(["1a", "1b"], results).encode()


def test_an_empty_batch_ends_in_the_same_bytes_as_the_report_of_no_results(tmp_path):
    reports = LiveReports(tmp_path / "r.json", tmp_path / "r.csv", "week08", 20.0, ["1a"])
    reports.finish()
    assert (tmp_path / "r.json").read_bytes() == dump_json(json_report("week08", 20.0, [])).encode()
    assert (tmp_path / "r.csv").read_bytes() == csv_gradebook(["1a"], []).encode()

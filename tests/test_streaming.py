"""A class is graded with memory flat in its size: rows stream to the reports as they finish and only
compact rows are kept; the final reports still list submissions in input order."""
from __future__ import annotations

import json
import shutil
import weakref
from pathlib import Path

from click.testing import CliRunner

import grader.grading
from grader.cli import main
from grader.results import QuestionResult, Status, SubmissionResult
from tests.conftest import EXAMPLES, WEEK08


def _alive(refs: list[weakref.ref]) -> int:
    return sum(1 for ref in refs if ref() is not None)


def test_grade_stream_keeps_no_result_the_caller_dropped(tmp_path):
    from grader.grading import grade_stream, load_assignment
    from grader.sandbox import Sandbox

    paths = []
    for number in range(16):
        paths.append(tmp_path / f"copy{number:02d}.py")
        shutil.copyfile(EXAMPLES / "partly_wrong.py", paths[-1])
    refs, seen = [], []
    with Sandbox(jobs=2) as box:
        assignment = load_assignment(WEEK08, box)
        for index, result in grade_stream(assignment, paths, jobs=2, sandbox=box):
            seen.append(index)
            assert result.submission == str(paths[index])
            refs.append(weakref.ref(result))
            del result
            assert _alive(refs) <= 2  # the one just yielded and at most one the loop still holds
    assert sorted(seen) == list(range(16))


def _finished_out_of_order(count: int, refs: list[weakref.ref]):
    """A stand-in for grade_stream: rows finish last-first, each a fresh SubmissionResult."""

    def fake(assignment, paths, jobs=None, sandbox=None):
        paths = list(paths)
        assert len(paths) == count
        for index in reversed(range(count)):
            scored = index % 3 == 0
            question = QuestionResult("1a", "t", 1.0 if scored else 0.0, 1.0,
                                      Status.CORRECT if scored else Status.INCORRECT, "feedback " * 50, "exact",
                                      answer="x" * 1000)
            result = SubmissionResult(str(paths[index]), (question,), output="output tail " * 100)
            refs.append(weakref.ref(result))
            yield index, result
            del result
            assert _alive(refs) <= 2, "the grade command keeps SubmissionResults of rows it has reported"

    return fake


def test_the_grade_command_streams_rows_and_writes_them_in_input_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("class")
    folder.mkdir()
    for number in range(30):
        shutil.copyfile(EXAMPLES / "correct.py", folder / f"s{number:02d}.py")
    refs: list[weakref.ref] = []
    monkeypatch.setattr(grader.grading, "grade_stream", _finished_out_of_order(30, refs))
    done = CliRunner().invoke(main, ["grade", str(WEEK08), str(folder), "--summary", "--jobs", "2",
                                     "--json", str(tmp_path / "r.json"), "--csv", str(tmp_path / "r.csv")])
    assert done.exit_code == 0, done.output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [s["submission"] for s in report["submissions"]] == [str(folder / f"s{n:02d}.py") for n in range(30)]
    csv_names = [line.split(",")[0] for line in (tmp_path / "r.csv").read_text().splitlines()[1:]]
    assert csv_names == [str(folder / f"s{n:02d}.py") for n in range(30)]
    assert len(refs) == 30 and _alive(refs) == 0
    table = [line for line in done.output.splitlines() if line.startswith("│")]
    assert len(table) == 30
    first = [cell.strip() for cell in table[0].strip("│").split("│")]
    assert first[0] == str(folder / "s00.py") and first[1] == "1" and first[-1] == "1/1"
    assert [cell.strip() for cell in table[1].strip("│").split("│")][1:3] == ["0", ""]  # 1b was not graded
    assert "Graded 30 submissions" in done.output and "mean 0.33 / 1" in done.output

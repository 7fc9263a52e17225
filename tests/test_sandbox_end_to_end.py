"""Hostile submissions graded through the public `grader grade` command: each gets the score a
fair grader gives for what it set, and nothing outside its run changes, during or after."""
from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from pathlib import Path

import pytest

from grader.sandbox import Sandbox
from tests.conftest import EXAMPLES, ROOT, WEEK08, run_grader

HOSTILE = ROOT / "tests" / "hostile"
TIME_LIMIT_S = 2

# file -> (score, a fragment of the submission's errors or "" for none)
FAIR = {
    "loop_before_answers.py": (0.0, "stopped after 2 s (time limit)"),
    "loop_after_answers.py": (2.0, "stopped after 2 s (time limit)"),
    "stubborn_loop.py": (1.0, "did not stop when asked"),
    "detached_writer.py": (1.0, ""),
    "allocate_64gib.py": (1.0, "MemoryError"),
    "sys_exit_after_answers.py": (2.0, ""),
    "os_exit_after_answers.py": (2.0, ""),
    "raw_exit_after_answers.py": (1.0, ""),
    "fork_bomb.py": (1.0, "time limit"),
    "print_flood.py": (1.0, "time limit"),
    "write_results.py": (1.0, ""),
    "read_solutions.py": (0.0, ""),
    "int_subclass.py": (0.0, ""),
    "always_equal.py": (0.0, ""),
    "string_attacks.py": (0.0, ""),
    "failing_cell.ipynb": (2.0, "cell 2, line 2: NameError"),
    "magic.ipynb": (3.0, "cell 2, line 1: skipped `!rm -rf / --no-preserve-root`"),
    "looping_cell.ipynb": (1.0, "2 later cells did not run"),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def hostile_processes() -> list[str]:
    names = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip().startswith("hostile-"):
                names.append(entry.name)
        except OSError:
            pass
    return names


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A copy of the week08 course with a short time limit, and the hostile files as submissions.

    It lives outside /tmp when it can (every run gets an empty private /tmp, which would hide it
    anyway), so that only the sandbox's hiding of the course folders keeps the solutions away.
    """
    outside = HOSTILE / f".course-{uuid.uuid4().hex[:8]}"
    root = outside if os.access(HOSTILE, os.W_OK) else tmp_path_factory.mktemp("course")
    (root / "assignments").mkdir(parents=True)
    spec = WEEK08.read_text().replace("time_limit_s: 10", f"time_limit_s: {TIME_LIMIT_S}")
    assert f"time_limit_s: {TIME_LIMIT_S}" in spec
    (root / "assignments" / "week08.yaml").write_text(spec)
    shutil.copytree(ROOT / "solutions", root / "solutions")
    (root / "submissions").mkdir()
    for name in FAIR:
        shutil.copy(HOSTILE / name, root / "submissions" / name)
    hunter = root / "submissions" / "read_solutions.py"  # told exactly where to look
    hunter.write_text(f"SEARCH = [{str(root)!r}]\n" + hunter.read_text())
    for path in EXAMPLES.iterdir():
        shutil.copy(path, root / "submissions" / f"example_{path.name}")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # world-readable: only hiding protects it
    yield root
    if root == outside:
        shutil.rmtree(root)


@pytest.fixture(scope="module")
def graded(course):
    before = snapshot(course)
    gradescope = Path("/autograder/results/results.json")
    gradescope_before = gradescope.read_bytes() if gradescope.exists() else None
    report = course / "report.json"
    done = run_grader("grade", str(course / "assignments" / "week08.yaml"), str(course / "submissions"),
                      "--json", str(report), "--jobs", "2", cwd=course)
    assert done.returncode == 0, done.stderr
    written = report.read_bytes()
    leftovers = hostile_processes()
    time.sleep(1.5)  # a surviving daemon writes after 0.5 s
    return {"report": json.loads(written), "written": written, "leftovers": leftovers, "before": before,
            "course": course, "gradescope_before": gradescope_before}


def rows(report: dict) -> dict[str, dict]:
    return {Path(s["submission"]).name: s for s in report["submissions"]}


@pytest.fixture(scope="module")
def isolation() -> str:
    with Sandbox(jobs=1) as sandbox:
        return sandbox.isolation


@pytest.mark.parametrize("name", sorted(FAIR))
def test_each_hostile_submission_gets_the_fair_score(graded, isolation, name):
    if name == "read_solutions.py" and isolation == "plain":
        pytest.skip("without a mount namespace the course folders cannot be hidden (documented limit)")
    score, error = FAIR[name]
    row = rows(graded["report"])[name]
    assert row["score"] == score
    errors = " | ".join(row["errors"])
    assert (error in errors) if error else (row["errors"] == [] or name.startswith("read_"))


def test_unsupported_answers_are_invalid_not_compared(graded):
    for name in ("int_subclass.py", "always_equal.py"):
        question = next(q for q in rows(graded["report"])[name]["questions"] if q["id"] == "2d")
        assert question["status"] == "invalid"


def test_string_answers_that_attack_the_parser_are_invalid_and_never_evaluated(graded):
    questions = {q["id"]: q for q in rows(graded["report"])["string_attacks.py"]["questions"]}
    assert {questions[i]["status"] for i in ("1b", "1c", "1d", "1e")} == {"invalid"}
    assert not Path("/tmp/grader-hostile-pwned").exists()


def test_nothing_outside_the_runs_changed_during_or_after_grading(graded):
    course = graded["course"]
    after = snapshot(course)
    assert after.pop("report.json") == graded["written"]  # not rewritten after the grader exited
    assert after == graded["before"]
    assert graded["leftovers"] == [] and hostile_processes() == []
    gradescope = Path("/autograder/results/results.json")
    assert (gradescope.read_bytes() if gradescope.exists() else None) == graded["gradescope_before"]


def test_examples_in_a_hostile_batch_grade_exactly_as_when_graded_alone(graded, course, tmp_path):
    alone = tmp_path / "alone.json"
    examples = sorted(course.glob("submissions/example_*"))
    done = run_grader("grade", str(course / "assignments" / "week08.yaml"), *map(str, examples),
                      "--json", str(alone), cwd=course)
    assert done.returncode == 0, done.stderr
    mixed = rows(graded["report"])
    for row in json.loads(alone.read_text())["submissions"]:
        twin = mixed[Path(row["submission"]).name]
        assert (twin["score"], twin["errors"]) == (row["score"], row["errors"])
        assert _verdicts(twin["questions"]) == _verdicts(row["questions"])


def _verdicts(questions: list[dict]) -> list[dict]:
    """Each question's row without the time its check took (a measurement, not part of the verdict)."""
    return [{key: value for key, value in q.items() if key != "seconds"} for q in questions]

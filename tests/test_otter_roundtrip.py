"""Round trip: `grader gradescope` builds the zip, `otter run` grades with it (no Docker), and
every submission gets exactly the per-question scores `grader grade` gives it, whatever the
submission does to Otter, to results.json or to the clock."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, WEEK08, graded_by_name, run_grader

pytest.importorskip("otter")

WRONG_ANSWERS = '''
c_prev_depends_on_h_prev = True
dh_dhprev = "tanh(c)*Do"
sigmoid_prime = "sigma(z)"
conv_a_shape = (26, 28)
conv_d_params = 1
'''
FORGED = {"score": 20.0, "tests": [{"name": "forged", "score": 20.0, "max_score": 20.0}]}

HOSTILE = {
    # Writes a full-marks results.json wherever Otter or Gradescope might read one.
    "forges_results.py": WRONG_ANSWERS + f'''
import glob, json, os
forged = {json.dumps(FORGED)!r}
targets = ["results.json", "../results/results.json", "/autograder/results/results.json"]
targets += glob.glob("/tmp/*/autograder/results/results.json") + glob.glob("/tmp/*/autograder/results")
for target in targets:
    try:
        path = os.path.join(target, "results.json") if os.path.isdir(target) else target
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w") as f:
            f.write(forged)
    except OSError:
        pass
''',
    # Patches Otter's results and test classes, and overwrites the copied test files.
    "patches_otter.py": WRONG_ANSWERS + '''
import glob
try:
    import otter.test_files as tf
    from otter.test_files.abstract_test import TestFile
    tf.GradingResults.total = property(lambda self: 20.0)
    tf.GradingResults.to_gradescope_dict = lambda self, config: {"score": 20.0, "tests": []}
    TestFile.score = property(lambda self: self.possible)
except Exception:
    pass
for test in glob.glob("tests/*.py") + glob.glob("../tests/*.py") + glob.glob("/tmp/*/autograder/source/tests/*.py"):
    try:
        with open(test, "w") as f:
            f.write("OK_FORMAT = True\\ntest = {'name': 'pwned', 'points': 20, 'suites': []}\\n")
    except OSError:
        pass
''',
    # A daemon (double fork, new session) that keeps rewriting every results.json it can find.
    "detached_rewriter.py": WRONG_ANSWERS + f'''
import os, time
forged = {json.dumps(FORGED)!r}
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        deadline = time.time() + 30
        while time.time() < deadline:
            for top in ("/tmp", "/autograder"):
                for folder, dirs, files in os.walk(top):
                    if folder.count(os.sep) > 6:
                        dirs[:] = []
                    if "results.json" in files:
                        try:
                            with open(os.path.join(folder, "results.json"), "w") as f:
                                f.write(forged)
                        except OSError:
                            pass
            time.sleep(0.2)
        os._exit(0)
    os._exit(0)
''',
    # Copies the answers of the reference solution: from the unpacked zip, or from the repository
    # being graded from (other copies elsewhere on a machine are beyond any grader's reach).
    "reads_solutions.py": WRONG_ANSWERS + f'''
import glob
found = glob.glob({str(ROOT / "solutions" / "week08.py")!r})
for pattern in ("../source/**/week08.py", "/autograder/source/**/week08.py", "/tmp/*/autograder/source/**/week08.py",
                "../../solutions/week08.py", "solutions/week08.py"):
    found += glob.glob(pattern, recursive=True)
for path in found:
    try:
        exec(open(path).read())
    except Exception:
        pass
''',
    # Sets one answer, then never ends: the sandbox's time limit stops it, the answer still counts.
    "never_ends.py": 'conv_b_shape = (31, 30)\nwhile True:\n    pass\n',
}
BUNDLED = ["correct.py", "partly_wrong.py", "notebook.ipynb"]


@pytest.fixture(scope="module")
def submissions(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("submissions")
    paths = []
    for name in BUNDLED:
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
        paths.append(folder / name)
    for name, source in HOSTILE.items():
        (folder / name).write_text(source)
        paths.append(folder / name)
    return paths


@pytest.fixture(scope="module")
def autograder_zip(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("zip") / "autograder.zip"
    built = run_grader("gradescope", str(WEEK08), "--output", str(target))
    assert built.returncode == 0, built.stderr
    return target


@pytest.fixture(scope="module")
def graded(submissions, tmp_path_factory) -> dict[str, dict]:
    """`grader grade` on the same files: submission file name -> its JSON report entry."""
    return graded_by_name(submissions, tmp_path_factory.mktemp("grade"))


@pytest.fixture(scope="module")
def otter_results(submissions, autograder_zip, tmp_path_factory) -> dict[str, dict]:
    """`otter run` on each file (two at a time): file name -> results.json, read after a pause
    that gives any leftover process the chance to rewrite it."""
    def run(path: Path) -> tuple[str, Path]:
        out = tmp_path_factory.mktemp("otter-" + path.stem)
        done = subprocess.run([sys.executable, "-m", "otter", "run", "-a", str(autograder_zip), "-o", str(out),
                               str(path)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return path.name, out / "results.json"

    with ThreadPoolExecutor(max_workers=2) as pool:
        written = dict(pool.map(run, submissions))
    time.sleep(2)
    return {name: json.loads(path.read_text()) for name, path in written.items()}


def _question_id(test_name: str) -> str:
    return test_name.split(" (", 1)[0]


@pytest.mark.parametrize("name", BUNDLED + list(HOSTILE))
def test_otter_scores_equal_grader_grade(name, otter_results, graded):
    results, expected = otter_results[name], graded[name]
    scores = {_question_id(test["name"]): test["score"] for test in results["tests"]}
    assert scores == {q["id"]: q["score"] for q in expected["questions"]}
    assert results["score"] == pytest.approx(expected["score"])
    assert {_question_id(test["name"]): test["max_score"] for test in results["tests"]} == {
        q["id"]: q["max_score"] for q in expected["questions"]
    }


def test_hostile_submissions_do_not_reach_full_marks(otter_results):
    for name in HOSTILE:
        assert otter_results[name]["score"] < 20, name
        assert all(test["name"] != "forged" for test in otter_results[name]["tests"])


def test_correct_submission_gets_full_marks_with_one_test_per_question(otter_results, week08_spec):
    results = otter_results["correct.py"]
    assert results["score"] == 20
    names = [test["name"] for test in results["tests"]]
    assert names[:3] == ["1a (1 pt): Is c_{t-1} a function of h_{t-1}?", "1a-why (0 pts): Why (or why not)",
                         "1b (4 pts): dh_t/dh_{t-1}"]
    assert len(names) == len(week08_spec.questions)


def test_visibility_and_feedback_follow_the_spec(otter_results, week08_spec, graded):
    results = otter_results["partly_wrong.py"]
    visibility = {_question_id(test["name"]): test["visibility"] for test in results["tests"]}
    assert visibility == {q.id: week08_spec.visibility(q) for q in week08_spec.questions}
    by_id = {_question_id(test["name"]): test for test in results["tests"]}
    assert by_id["1b"]["output_format"] == "md"
    assert "c_prev*Df" in by_id["1b"]["output"]  # the missing term, named as `grader grade` names it
    assert "$$" in by_id["1b"]["output"]  # the student's formula as LaTeX
    assert isinstance(results["execution_time"], int)


def test_never_ending_submission_keeps_what_it_set(otter_results):
    by_id = {_question_id(test["name"]): test for test in otter_results["never_ends.py"]["tests"]}
    assert by_id["2b"]["score"] == 1
    assert "time" in otter_results["never_ends.py"]["output"]

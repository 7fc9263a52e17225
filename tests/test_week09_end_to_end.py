"""The second bundled assignment, written only in the spec format, graded through `grader grade`:
a symbol that is a scalar in one question and a d-vector in another, a domain for one question,
numeric arrays, choices with aliases, and the three `diagnose` levels."""
from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, run_grader

WEEK09 = ROOT / "assignments" / "week09.yaml"
EXAMPLES09 = ROOT / "examples" / "week09"

EXPECTED = {
    "correct.py": {qid: "correct" for qid in ["1a", "1b", "1c", "1d", "1e", "2a", "2b", "3a", "3b", "3c", "3d", "3e"]},
    "partly_wrong.py": {
        "1a": "incorrect", "1b": "correct", "1c": "partial", "1d": "incorrect", "1e": "incorrect", "2a": "incorrect",
        "2b": "incorrect", "3a": "incorrect", "3b": "incorrect", "3c": "incorrect", "3d": "incorrect", "3e": "partial",
    },
    "wrong_shapes.py": {
        "1a": "correct", "1b": "missing", "1c": "correct", "1d": "correct", "1e": "invalid", "2a": "invalid",
        "2b": "correct", "3a": "correct", "3b": "correct", "3c": "correct", "3d": "correct", "3e": "incorrect",
    },
}
SCORES = {"correct.py": 16, "partly_wrong.py": 2.5, "wrong_shapes.py": 10}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "week09.json"
    done = run_grader("grade", str(WEEK09), str(EXAMPLES09), "--json", str(out))
    assert done.returncode == 0, done.stderr
    entries = json.loads(out.read_text())["submissions"]
    return {entry["submission"].split("/")[-1]: {q["id"]: q for q in entry["questions"]} | {"_score": entry["score"]}
            for entry in entries}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_question_of_every_example(graded, name):
    rows = graded[name]
    assert {qid: rows[qid]["status"] for qid in EXPECTED[name]} == EXPECTED[name]
    assert rows["_score"] == SCORES[name]


def test_the_question_symbols_make_x_a_vector_in_2a_and_a_scalar_in_1a(graded):
    assert "random sizes d in 2..4, k in 2..5" in graded["correct.py"]["2a"]["method"]
    assert graded["wrong_shapes.py"]["2a"]["feedback"] == (
        "`dh_dx`: expected a matrix (k x d), but the answer is a column vector (k x 1)")
    assert "random sizes" not in graded["correct.py"]["1a"]["method"]


def test_diagnose_false_and_terms_withhold_what_full_would_tell(graded):
    wrong = graded["partly_wrong.py"]
    assert wrong["1d"]["feedback"] == "Not equivalent to the expected answer."  # not "lacks the term log(b)..."
    assert wrong["1d"]["method"] == ("not equal: the values differ at a sampled point "
                                     "(values withheld: diagnose is false)")
    assert wrong["1a"]["feedback"] == ("Not equivalent to the expected answer. Your answer has the term "
                                       "-tanh(x)**2 with a wrong coefficient.")  # terms: not "multiplied by 2"
    assert "(reference)" not in wrong["1a"]["method"]
    assert "(reference)" in wrong["2b"]["method"]  # full, the default


def test_the_self_check_agrees_with_grading_on_every_verify_question(graded, tmp_path):
    check_file = tmp_path / "week09.check.json"
    assert run_grader("publish", str(WEEK09), "--output", str(check_file)).returncode == 0
    for name, rows in graded.items():
        done = run_grader("check", str(check_file), str(EXAMPLES09 / name))
        for qid in ["1a", "1b", "1c", "1d", "2a", "2b", "3a", "3b"]:
            line = next(line for line in done.stdout.splitlines() if line.startswith(f"{qid} ("))
            if rows[qid]["status"] in ("correct", "partial", "incorrect"):
                expected = "right" if rows[qid]["status"] == "correct" else "not yet right"
                assert f"  {expected}  " in line, (name, line)


def test_arrays_choices_and_alternatives(graded):
    right, wrong, shapes = graded["correct.py"], graded["partly_wrong.py"], graded["wrong_shapes.py"]
    assert right["3e"]["method"].startswith("compared 4 entries within relative tolerance 1e-06")
    assert (wrong["3d"]["score"], wrong["3d"]["feedback"]) == (
        0, "These are the logits divided by their sum; softmax exponentiates them first.")
    assert wrong["3e"]["score"] == 0.5
    assert shapes["3e"]["feedback"] == "The answer is a 2 x 3 matrix; a 2 x 2 matrix is expected."
    assert shapes["1e"]["feedback"] == "`zero_centred`: 'swish' is not one of the choices: ReLU, tanh, sigmoid"
    assert right["1e"]["method"] == "compared with the choices ignoring case"


def test_the_readme_first_command_grades_week09_too():
    import re

    first = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)[0]
    assert "grader grade assignments/week09.yaml examples/week09" in first

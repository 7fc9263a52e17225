"""`grader explain` shows a TA everything behind one verdict, whatever the student was shown."""
from __future__ import annotations

from tests.conftest import ROOT, run_grader

WEEK09 = ROOT / "assignments" / "week09.yaml"
PARTLY = ROOT / "examples" / "week09" / "partly_wrong.py"


def test_explain_an_expression_the_student_was_told_nothing_about():
    done = run_grader("explain", str(WEEK09), str(PARTLY), "1d")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "0 / 1 points, incorrect" in out
    assert "method: not equal: the values differ at a sampled point (values withheld: diagnose is false)" in out
    assert "read as: 23/10*b**x" in out
    assert "reference: log(b)*b**x (the solution file's `exp_base_prime`)" in out
    assert "b: positive (this question)" in out
    first = next(line for line in out.splitlines() if line.strip().startswith("1. "))
    assert "answer " in first and "reference " in first and first.endswith("-> DIFFER")
    assert "grading stops at the first clear difference" in out
    assert "Proof attempt" in out and "status: " in out
    assert "the question has no rules" in out


def test_explain_shows_every_rule_tried_and_the_reference_source():
    out = run_grader("explain", str(WEEK09), str(PARTLY), "1c").stdout
    assert "1 / 2 points, partial" in out
    assert ("reference: -y + sigma(x) (the spec's derivative of -y*log(sigma(x)) - (1 - y)*log(1 - sigma(x)) by x, "
            "in its simplest form)") in out
    assert "rule 1 (1 points): y - sigma(x) vs y - sigma(x): equal" in out
    assert "y: interval [0, 1] (this question)" in out


def test_explain_an_array_entry_by_entry_and_refuse_an_unknown_question():
    out = run_grader("explain", str(WEEK09), str(PARTLY), "3e").stdout
    assert "0.5 / 2 points, partial" in out
    assert "2, 2         4.2                3.8                0.4" in out
    unknown = run_grader("explain", str(WEEK09), str(PARTLY), "9z")
    assert unknown.returncode == 2 and "no question '9z'; the questions are 1a, 1b" in unknown.stderr

"""Answers computed with numpy and sympy, as students compute them, graded as the values they are:
run in the real sandbox, then checked by the question kinds and shown in the report."""
from __future__ import annotations

import pytest

from grader.check import KINDS, CheckEnv
from grader.check.coerce import AnswerTypeError, as_integer, as_number
from grader.results import Status
from grader.sandbox import Limits, Sandbox
from grader.spec.models import AssignmentSpec
from grader.values import SymbolicText, show

SUBMISSION = '''
import numpy as np
import sympy as sp
options = np.array(["relu", "tanh", "sigmoid"])
activation = options[np.argmax([0.1, 0.9, 0.3])]           # numpy.str_
converges = sp.Eq(sp.Integer(2), sp.Integer(2))             # sympy's true
diverges = sp.Integer(1) > sp.Integer(2)                    # sympy's false
rate = sp.Rational(1, 80)
params = sp.Integer(100352)
mults = sp.Integer(2508800) * sp.Rational(1, 1)
half = sp.Float(0.5)
third = sp.Rational(1, 3)
mean_std = (np.float64(0.25), np.float64(0.5))
count_np = np.int64(3)
'''
SPEC = AssignmentSpec.model_validate({
    "assignment": "t",
    "questions": [
        {"id": "activation", "answer": "activation", "kind": "choice", "points": 1, "choices": ["relu", "tanh", "sigmoid"]},
        {"id": "converges", "answer": "converges", "kind": "boolean", "points": 1},
        {"id": "diverges", "answer": "diverges", "kind": "boolean", "points": 1},
        {"id": "rate", "answer": "rate", "kind": "number", "points": 1, "rtol": 1e-12},
        {"id": "params", "answer": "params", "kind": "integer", "points": 1},
        {"id": "mults", "answer": "mults", "kind": "count", "points": 1},
        {"id": "half", "answer": "half", "kind": "number", "points": 1},
        {"id": "third", "answer": "third", "kind": "integer", "points": 1},
    ],
})
REFERENCES = {"activation": "tanh", "converges": True, "diverges": False, "rate": 0.0125, "params": 100352,
              "mults": 2508800, "half": 0.5, "third": 1}


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    path = tmp_path_factory.mktemp("libraries") / "libraries.py"
    path.write_text(SUBMISSION)
    names = [line.split(" =")[0] for line in SUBMISSION.splitlines() if " = " in line]
    with Sandbox(jobs=1) as sandbox:
        result = sandbox.run(path, names, Limits(wall_s=20))
    assert result.errors == ()
    return result.answers


@pytest.mark.parametrize("question", [q for q in SPEC.questions if q.id != "third"], ids=lambda q: q.id)
def test_numpy_and_sympy_answers_are_graded_as_their_values(answers, question):
    outcome = KINDS[question.kind].check(question, answers[question.answer], REFERENCES[question.answer], CheckEnv(SPEC))
    assert outcome.status is Status.CORRECT, outcome.feedback


def test_a_sympy_rational_stays_exact_and_is_no_whole_number(answers):
    assert as_number(answers["rate"]) * 80 == 1
    third = next(q for q in SPEC.questions if q.id == "third")
    with pytest.raises(AnswerTypeError, match="whole number, got 1/3"):
        KINDS["integer"].check(third, answers["third"], 1, CheckEnv(SPEC))
    assert as_integer(answers["params"]) == 100352


def test_a_sympy_expression_is_not_taken_for_a_number():
    with pytest.raises(AnswerTypeError, match="expression z"):
        as_number(SymbolicText("z"))


def test_the_report_shows_numpy_values_as_numbers(answers):
    assert show(answers["mean_std"]) == "[0.25, 0.5]"
    assert show(answers["count_np"]) == "3"
    assert show(answers["activation"]) == "tanh"
    assert show([answers["activation"]]) == "['tanh']"

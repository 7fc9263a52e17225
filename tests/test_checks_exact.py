"""Exact kinds (boolean, integer, count, shape, number, choice, text) pinned row by row."""
from __future__ import annotations

import pytest

from grader.check import KINDS, CheckEnv
from grader.check.coerce import AnswerTypeError
from grader.results import Status
from grader.spec.models import AssignmentSpec
from grader.values import NDArray, SymbolicText, Unsupported

SPEC = AssignmentSpec.model_validate({
    "assignment": "t",
    "questions": [
        {"id": "b", "answer": "b", "kind": "boolean", "points": 1},
        {"id": "n", "answer": "n", "kind": "integer", "points": 1, "accept_if": "floor((n + 2*1 - 9)/3) + 1 == 16"},
        {"id": "c", "answer": "c", "kind": "count", "points": 1,
         "accept": [{"value": 2508800, "score": 1, "message": "accumulating into zero"}]},
        {"id": "s", "answer": "s", "kind": "shape", "points": 1},
        {"id": "x", "answer": "x", "kind": "number", "points": 2, "rtol": 1e-3},
        {"id": "ch", "answer": "ch", "kind": "choice", "points": 1, "choices": ["relu", "tanh", "sigmoid"]},
        {"id": "t", "answer": "t", "kind": "text", "points": 0, "max_sentences": 3},
    ],
})
ENV = CheckEnv(SPEC)
QUESTIONS = {q.id: q for q in SPEC.questions}
REFERENCES = {"b": False, "n": 52, "c": 2507200, "s": [26, 28], "x": 0.25, "ch": "tanh", "t": None}

ROWS = [
    # (question, answer, score, status, feedback words)
    ("b", False, 1, Status.CORRECT, "Correct"),
    ("b", True, 0, Status.INCORRECT, "True is not right"),
    ("b", NDArray("bool", (), False), 1, Status.CORRECT, ""),
    ("b", "false", 1, Status.CORRECT, ""),
    ("n", 52, 1, Status.CORRECT, ""),
    ("n", 53, 1, Status.CORRECT, ""),
    ("n", 54.0, 1, Status.CORRECT, ""),
    ("n", 55, 0, Status.INCORRECT, "does not give the required result"),
    ("n", 51, 0, Status.INCORRECT, ""),
    ("c", 2507200, 1, Status.CORRECT, ""),
    ("c", NDArray("int64", (), 2507200), 1, Status.CORRECT, ""),
    ("c", 2507200.0, 1, Status.CORRECT, ""),
    ("c", "2507200", 1, Status.CORRECT, ""),
    ("c", 2508800, 1, Status.CORRECT, "accumulating into zero"),
    ("c", 2507201, 0, Status.INCORRECT, "2507201 is not right"),
    ("s", [26, 28], 1, Status.CORRECT, ""),
    ("s", NDArray("int64", (2,), [26, 28]), 1, Status.CORRECT, ""),
    ("s", [28, 26], 0, Status.INCORRECT, ""),
    ("s", [26, 28, 1], 0, Status.INCORRECT, "has 3 sizes"),
    ("x", 0.25002, 2, Status.CORRECT, "Correct"),
    ("x", 0.26, 0, Status.INCORRECT, ""),
    ("x", SymbolicText("0.25"), 2, Status.CORRECT, ""),
    ("ch", "tanh", 1, Status.CORRECT, ""),
    ("ch", "relu", 0, Status.INCORRECT, ""),
    ("t", "One. Two. Three.", 0, Status.MANUAL, "Recorded for the instructor"),
    ("t", "One. Two. Three. Four.", 0, Status.MANUAL, "about 4 sentences"),
    ("t", "   ", 0, Status.MISSING, "empty"),
]


@pytest.mark.parametrize("qid, answer, score, status, words", ROWS)
def test_exact_kinds(qid, answer, score, status, words):
    outcome = KINDS[QUESTIONS[qid].kind].check(QUESTIONS[qid], answer, REFERENCES[qid], ENV)
    assert (outcome.score, outcome.status) == (score, status)
    assert words in outcome.feedback
    assert outcome.method


INVALID = [
    ("b", 1, "expected True or False, got int"),
    ("c", 2.5, "expected a whole number"),
    ("c", -3, "cannot be negative"),
    ("c", Unsupported("MyInt"), "unsupported type MyInt"),
    ("c", "lots", "expected a number, got str"),
    ("s", 26, "expected a tuple of sizes"),
    ("s", [26, "x"], "every size must be a whole number"),
    ("s", NDArray("int64", (2, 2), [[1, 2], [3, 4]]), "expected a tuple of sizes"),
    ("ch", "softmax", "is not one of the choices"),
    ("t", 3, "expected text"),
]


@pytest.mark.parametrize("qid, answer, words", INVALID)
def test_wrong_types_are_refused_with_a_message(qid, answer, words):
    with pytest.raises(AnswerTypeError, match=words):
        KINDS[QUESTIONS[qid].kind].check(QUESTIONS[qid], answer, REFERENCES[qid], ENV)


def test_every_declared_kind_has_a_check():
    from typing import get_args

    from grader.spec.models import Question

    union = get_args(Question)[0]
    declared = {name for model in get_args(union) for name in get_args(model.model_fields["kind"].annotation)}
    assert declared == set(KINDS)

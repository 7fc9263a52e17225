"""The numeric array kind: every form a student may use (list, tuple, numpy, sympy Matrix) is read as
the sandbox hands it over, the shape is judged first, values within the tolerance, the worst entry named."""
from __future__ import annotations

import re

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.check import KINDS, AnswerTypeError, CheckEnv
from grader.results import Status
from grader.selfcheck.notebook import plain_answers
from grader.spec import AssignmentSpec


def make(diagnose="full", **options):
    question = {"id": "q", "answer": "a", "kind": "array", "points": 2, **options}
    spec = AssignmentSpec.model_validate({"assignment": "t", "defaults": {"diagnose": diagnose},
                                          "questions": [question]})
    return spec.questions[0], CheckEnv(spec)


def as_sent(value):
    """The value exactly as a sandboxed run returns it (the child's encoder, JSON, the decoder)."""
    return plain_answers({"a": value}, ["a"])["a"]


def check(value, reference, diagnose="full", **options):
    question, env = make(diagnose, **options)
    return KINDS["array"].check(question, as_sent(value), as_sent(reference), env)


FORMS = [
    lambda a: a.tolist(),
    lambda a: tuple(tuple(row) for row in a.tolist()) if a.ndim == 2 else tuple(a.tolist()),
    lambda a: a,
    lambda a: a.astype(np.float32) if np.all(np.abs(a) < 1e30) else a,
    lambda a: sympy.Matrix(a.tolist()),
]
arrays = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=4),
                    elements=st.floats(-1e6, 1e6, allow_nan=False).filter(lambda v: v == 0 or abs(v) > 1e-6))


@settings(max_examples=60, deadline=None)
@given(arrays, st.sampled_from(range(len(FORMS))), st.floats(-0.4, 0.4))
def test_any_form_within_the_tolerance_is_right(reference, form, wiggle):
    answer = reference * (1 + wiggle * 1e-4)  # well inside rtol 1e-4 (float32 rounds to about 1e-7)
    outcome = check(FORMS[form](answer), reference, rtol=1e-4)
    assert outcome.status is Status.CORRECT, (outcome.feedback, outcome.method)
    assert "largest difference" in outcome.method


@settings(max_examples=60, deadline=None)
@given(arrays, st.data())
def test_one_entry_off_is_wrong_and_named(reference, data):
    index = data.draw(st.tuples(*(st.integers(0, size - 1) for size in reference.shape)))
    answer = reference.copy()
    answer[index] = reference[index] * 1.01 + 1.0  # beyond rtol 1e-4 and atol 1e-9 whatever the value
    outcome = check(answer.tolist(), reference, rtol=1e-4)
    assert outcome.status is Status.INCORRECT
    assert "1 of" in outcome.feedback
    vector = reference.ndim == 1 or 1 in reference.shape
    named = str(int(np.ravel_multi_index(index, reference.shape)) + 1) if vector else f"({index[0] + 1}, {index[1] + 1})"
    assert f"entry {named} differs most" in outcome.method


def test_vectors_have_no_orientation_but_matrices_do():
    reference = np.array([[0.09003057], [0.24472847], [0.66524096]])
    for form in ([0.09003057, 0.24472847, 0.66524096], [[0.09003057, 0.24472847, 0.66524096]]):
        assert check(form, reference).status is Status.CORRECT
    matrix = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    outcome = check(matrix.T, matrix)
    assert outcome.status is Status.INCORRECT
    assert outcome.feedback == "The answer is a 3 x 2 matrix; a 2 x 3 matrix is expected."
    assert outcome.method == "shape compared first: (3, 2) (answer) vs (2, 3) (reference)"
    transposed = check(matrix.T, matrix, accept_transpose=True)
    assert (transposed.status, transposed.feedback) == (Status.CORRECT, "Correct (as the transpose, which the question accepts).")


def test_accepted_alternatives_score_with_their_message_even_in_another_shape():
    reference = [[0.95, 2.1], [3.0, 3.8]]
    accept = [{"value": [[1.05, 1.9], [3.0, 4.2]], "score": 1, "message": "Against the gradient."},
              {"value": [0.95, 2.1, 3.0, 3.8], "score": 0.5, "message": "Flattened."}]
    up = check([[1.05, 1.9], [3.0, 4.2]], reference, accept=accept)
    assert (up.status, up.score, up.feedback) == (Status.PARTIAL, 1, "Against the gradient.")
    flat = check(np.array(reference).ravel(), reference, accept=accept)
    assert (flat.score, flat.feedback) == (0.5, "Flattened.")


@pytest.mark.parametrize("level, words, withheld", [
    ("full", "entry (2, 1) differs most: 3.5 (answer) vs 3 (reference)", None),
    ("terms", "entry (2, 1) differs most: 3.5 (answer; the reference's value is withheld", "vs 3"),
    (False, "not all within tolerance (details withheld: diagnose is false)", "entry"),
])
def test_diagnose_levels_decide_what_the_method_reveals(level, words, withheld):
    outcome = check([[1.0, 2.0], [3.5, 4.0]], [[1.0, 2.0], [3.0, 4.0]], diagnose=level)
    assert outcome.status is Status.INCORRECT
    assert words in outcome.method
    if withheld:
        assert withheld not in outcome.method
    assert ("1 of 4 entries is not right." == outcome.feedback) == bool(level)


def test_sympy_entries_are_read_by_the_safe_parser():
    exact = sympy.Matrix([[sympy.Rational(1, 2), sympy.sqrt(2)], [sympy.pi, -3]])
    assert check(exact, [[0.5, 2 ** 0.5], [np.pi, -3]]).status is Status.CORRECT
    assert check([sympy.Rational(1, 3), sympy.Float(0.25)], [1 / 3, 0.25]).status is Status.CORRECT


@pytest.mark.parametrize("value, words", [
    ([[1, 2], [3]], "the rows have different lengths (2, 1)"),
    ([1, [2, 3]], "mixes numbers and rows"),
    ([[[1]], [[2]]], "more than two dimensions"),
    ([], "the array is empty"),
    (3.5, "expected a list, tuple, numpy array or sympy Matrix of numbers, got float"),
    (np.float64(3.5), "got a single value"),
    (["a", "b"], "every entry must be a number"),
    (np.array([True, False]), "expected numbers, got a numpy array of bool"),
    (sympy.Symbol("x") + 1, "got a sympy expression"),
    (sympy.Matrix([[sympy.I, 1]]), "is not a real number"),
    (sympy.Matrix([[sympy.Symbol("x"), 1]]), "the entry `x` is not a number"),
    ("[1, 2]", "got str"),
])
def test_what_is_not_an_array_of_numbers_is_refused_with_a_reason(value, words):
    with pytest.raises(AnswerTypeError, match=re.escape(words)):
        check(value, [1.0, 2.0])

"""Expression questions of week08 (and the spec options around them) pinned row by row."""
from __future__ import annotations

import pytest

from grader.check import KINDS, CheckEnv
from grader.check.coerce import AnswerTypeError
from grader.results import Status
from grader.spec import load_spec
from grader.spec.models import AssignmentSpec
from grader.values import SymbolicText
from tests.conftest import WEEK08

SPEC = load_spec(WEEK08)
ENV = CheckEnv(SPEC)
QUESTIONS = {q.id: q for q in SPEC.questions}
REFERENCES = {
    "1b": "tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)",
    "1c": "sigma(z)*(1 - sigma(z))",
    "1d": "sigma_prime(Wf@x + Uf@h_prev)*Uf",
    "1e": "Uf_d/norm(Uf_d)",
}
T = "(1 - tanh(c)**2)"

ROWS = [
    # (question, answer, score, status, words in the feedback)
    ("1c", "exp(-z)/(1 + exp(-z))**2", 2, Status.CORRECT, "Correct"),
    ("1c", "sigma(z)(1 - sigma(z))", 2, Status.CORRECT, ""),
    ("1c", "sigma(z) − sigma(z)^2", 2, Status.CORRECT, ""),
    ("1c", SymbolicText("exp(-z)/(exp(-z) + 1)**2"), 2, Status.CORRECT, ""),
    ("1c", "sigma(z)*(1 - sigma(z)) + 1e-3", 0, Status.INCORRECT, "Not equivalent"),
    ("1c", "sigma(z)*(1 - sigma(z)) + 1e-13", 0, Status.INCORRECT, "Not equivalent"),
    ("1c", "sigma(z)", 0, Status.INCORRECT, ""),
    ("1d", "diag(sigma_prime(Wf@x + Uf@h_prev))@Uf", 2, Status.CORRECT, ""),
    ("1d", "sigma(Wf@x + Uf@h_prev)*(1 - sigma(Wf@x + Uf@h_prev))*Uf", 2, Status.CORRECT, ""),
    ("1d", "Uf@diag(sigma_prime(Wf@x + Uf@h_prev))", 1, Status.PARTIAL, "scales the rows"),
    ("1d", "Uf", 0, Status.INCORRECT, ""),
    ("1e", "Uf_d/norm(Uf_d)", 2, Status.CORRECT, "Correct"),
    ("1e", "Uf_d.T/norm(Uf_d)", 2, Status.CORRECT, "transpose"),
    ("1e", "Uf_d/sqrt(Uf_d.T@Uf_d)", 2, Status.CORRECT, ""),
    ("1e", "Uf_d", 1, Status.PARTIAL, "length 1"),
    ("1e", "3*Uf_d", 1, Status.PARTIAL, "length 1"),
    ("1e", "-Uf_d/norm(Uf_d)", 0, Status.INCORRECT, ""),
    ("1b", f"tanh(c)*Do + o*{T}*c_prev*Df + o*{T}*u*Di + o*{T}*i*Du", 4, Status.CORRECT, ""),
    ("1b", f"o*{T}*(c_prev*Df + u*Di + i*Du)", 2, Status.PARTIAL, "lacks the term tanh(c)*Do"),
    ("1b", f"tanh(c)*Do + o*{T}*(u*Di + i*Du)", 2, Status.PARTIAL, "lacks the term o*(1 - tanh(c)**2)*c_prev*Df"),
    ("1b", f"tanh(c)*Do + o*{T}*(c_prev*Df + i*Du)", 2, Status.PARTIAL, "u*Di"),
    ("1b", f"tanh(c)*Do + o*{T}*(c_prev*Df + u*Di)", 2, Status.PARTIAL, "i*Du"),
    ("1b", f"tanh(c)*Do + o*{T}*(i*Du)", 0, Status.INCORRECT, "Not equivalent"),
    ("1b", "tanh(c)*Do + o*(c_prev*Df + u*Di + i*Du)", 0, Status.INCORRECT, "Not equivalent"),
]


def _check(qid, answer, reference=None):
    question = QUESTIONS[qid]
    return KINDS[question.kind].check(question, answer, reference or REFERENCES[qid], ENV)


@pytest.mark.parametrize("qid, answer, score, status, words", ROWS)
def test_week08_expression_rows(qid, answer, score, status, words):
    outcome = _check(qid, answer)
    assert (outcome.score, outcome.status) == (score, status), outcome.feedback
    assert words in outcome.feedback
    assert outcome.method


def test_a_wrong_answer_to_1b_gets_a_term_level_diagnosis_and_latex():
    outcome = _check("1b", "tanh(c)*Do + o*(c_prev*Df + u*Di + i*Du)")
    assert "term" in outcome.feedback.lower()
    assert "\\tanh" in outcome.feedback_latex


def test_a_wrong_scalar_answer_names_a_counterexample_point():
    outcome = _check("1c", "sigma(z)")
    assert "z=" in outcome.method.replace(" ", "")


INVALID = [
    ("1c", "sigma(z)*(1 - sigma(z)", "a parenthesis is not closed"),
    ("1c", "sigma(x)", "unknown name `x`"),
    ("1c", "__import__('os').system('true')", ""),
    ("1c", "z.__class__", ""),
    ("1c", "9**9**9**9", ""),
    ("1c", "(" * 500 + "z" + ")" * 500, ""),
    ("1d", "Uf@sigma_prime(Wf@x + Uf@h_prev)", "expected a matrix (k x k), but the answer is a column vector (k x 1)"),
    ("1d", "W@x", "allowed names"),
    ("1c", 3, "expected text"),
]


@pytest.mark.parametrize("qid, answer, words", INVALID)
def test_malformed_and_hostile_answers_are_refused_with_a_message(qid, answer, words):
    with pytest.raises(AnswerTypeError) as caught:
        _check(qid, answer)
    assert words in str(caught.value)


def _mini_spec(**question):
    spec = AssignmentSpec.model_validate({
        "assignment": "mini", "symbols": {"z": "real"},
        "questions": [{"id": "q", "answer": "a", "kind": "expression", "points": 2, **question}],
    })
    return spec.questions[0], CheckEnv(spec)


def test_forbidden_and_required_functions():
    question, env = _mini_spec(forbid_functions=["exp"], require_functions=["sigma"])
    reference = "sigma(z)*(1 - sigma(z))"
    with pytest.raises(AnswerTypeError, match="not to use exp"):
        KINDS["expression"].check(question, "exp(-z)/(1 + exp(-z))**2", reference, env)
    with pytest.raises(AnswerTypeError, match="using sigma"):
        KINDS["expression"].check(question, "1/(4*cosh(z/2)**2)", reference, env)
    assert KINDS["expression"].check(question, "sigma(z) - sigma(z)**2", reference, env).score == 2


def test_a_reference_given_as_a_derivative():
    question, env = _mini_spec(reference={"derivative_of": "sigma(z)", "by": "z"})
    assert KINDS["expression"].check(question, "sigma(z)*(1 - sigma(z))", None, env).status is Status.CORRECT
    assert KINDS["expression"].check(question, "sigma(z)**2", None, env).status is Status.INCORRECT


def test_a_tolerance_set_by_the_instructor_is_honoured():
    question, env = _mini_spec(rtol=1e-3)
    assert KINDS["expression"].check(question, "z*1.0001", "z", env).status is Status.CORRECT
    assert KINDS["expression"].check(question, "z*1.01", "z", env).status is Status.INCORRECT


def test_same_answer_same_method_on_regrade():
    first, second = _check("1d", "Uf@diag(sigma_prime(Wf@x + Uf@h_prev))"), _check("1d", "Uf@diag(sigma_prime(Wf@x + Uf@h_prev))")
    assert first == second

"""Per-question symbols, choices with aliases and case, and the diagnosis of a `derivative_of` reference."""
from __future__ import annotations

import pytest

from grader.check import KINDS, AnswerTypeError, CheckEnv
from grader.results import Status
from grader.spec import AssignmentSpec

SYMBOLS = {"x": "real", "k": {"dim": "2..4"}, "W": {"shape": ["k", "k"]}}


def env_for(*questions, diagnose="full"):
    spec = AssignmentSpec.model_validate({"assignment": "t", "symbols": SYMBOLS, "defaults": {"diagnose": diagnose},
                                          "questions": list(questions)})
    return spec, CheckEnv(spec)


def expression(qid, **options):
    return {"id": qid, "answer": f"answer_{qid}", "kind": "expression", "points": 1, **options}


def test_a_question_overrides_a_symbol_and_the_others_keep_the_default():
    spec, env = env_for(expression("s", reference="x"), expression("v", reference="W@x", symbols={"x": {"shape": ["k", 1]}}))
    scalar, vector = spec.questions
    assert env.expr_context(scalar).symbols["x"].shape == ()
    assert env.expr_context(vector).symbols["x"].shape == ("k", 1)
    assert KINDS["expression"].check(vector, "W@x", None, env).status is Status.CORRECT
    with pytest.raises(AnswerTypeError, match="expected a column vector"):
        KINDS["expression"].check(vector, "x.T@W.T", None, env)
    assert KINDS["expression"].check(scalar, "x + 0", None, env).status is Status.CORRECT


def test_a_domain_declared_for_one_question_is_used_in_its_proof_only():
    spec, env = env_for(expression("p", reference="log(b)*b**x", symbols={"b": "positive"}))
    question = spec.questions[0]
    assert env.expr_context(question).symbols["b"].domain == "positive"
    assert "b" not in env.expr_context().symbols
    outcome = KINDS["expression"].check(question, "exp(x*log(b))*log(b)", None, env)
    assert outcome.status is Status.CORRECT
    other, other_env = env_for(expression("o", reference="x"))
    with pytest.raises(AnswerTypeError, match="unknown name"):
        KINDS["expression"].check(other.questions[0], "b", None, other_env)


def test_names_restrict_within_the_question_symbols():
    spec, env = env_for(expression("n", reference="y*x", symbols={"y": {"interval": [0, 1]}}, names=["y", "x"]))
    assert set(env.expr_context(spec.questions[0], answer=True).symbols) == {"x", "y"}


def choice(**options):
    return {"id": "c", "answer": "c", "kind": "choice", "points": 1,
            "choices": ["ReLU", {"choice": "tanh", "aliases": ["hyperbolic tangent"]}, "sigmoid"], **options}


@pytest.mark.parametrize("answer, status", [
    ("tanh", Status.CORRECT), ("  TANH ", Status.CORRECT), ("Hyperbolic Tangent", Status.CORRECT),
    ("relu", Status.INCORRECT), ("sigmoid", Status.INCORRECT),
])
def test_choices_ignore_case_and_accept_aliases(answer, status):
    spec, env = env_for(choice())
    assert KINDS["choice"].check(spec.questions[0], answer, "tanh", env).status is status


def test_case_sensitive_choices_refuse_another_case():
    spec, env = env_for(choice(case_sensitive=True))
    question = spec.questions[0]
    assert KINDS["choice"].check(question, "hyperbolic tangent", "tanh", env).status is Status.CORRECT
    with pytest.raises(AnswerTypeError, match="'TANH' is not one of the choices: ReLU, tanh, sigmoid"):
        KINDS["choice"].check(question, "TANH", "tanh", env)


def test_the_diagnosis_of_a_derivative_reference_names_the_simplified_terms():
    spec, env = env_for(expression("d", symbols={"y": "real"},
                                   reference={"derivative_of": "-y*log(sigma(x)) - (1 - y)*log(1 - sigma(x))",
                                              "by": "x"}))
    outcome = KINDS["expression"].check(spec.questions[0], "sigma(x)", None, env)
    assert outcome.status is Status.INCORRECT
    assert "lacks the term -y" in outcome.feedback, outcome.feedback
    assert "sigma_prime" not in outcome.feedback


@pytest.mark.parametrize("level, told, not_told", [
    ("full", "multiplied by 0.9989", None),
    ("terms", "has the term log(10)*10**x with a wrong coefficient", "0.9989"),
    (False, None, "term"),
])
def test_diagnose_levels_on_the_issue_example(level, told, not_told):
    spec, env = env_for(expression("e", reference="log(10)*10**x", diagnose=level))
    outcome = KINDS["expression"].check(spec.questions[0], "2.3*10**x", None, env)
    assert outcome.status is Status.INCORRECT
    if told:
        assert told in outcome.feedback
    if not_told:
        assert not_told not in outcome.feedback
    assert ("(reference)" in outcome.method) == (level == "full")

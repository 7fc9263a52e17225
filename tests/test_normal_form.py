"""One answer in many spellings is one normal form: judged once, with one score, feedback and method."""
from __future__ import annotations

import multiprocessing
import os
import random
import signal

import numpy as np
import pytest

from grader.check import CheckEnv
from grader import checking
from grader.checking import Decisions
from grader.expr import evaluate, parse
from grader.expr.nodes import Expr
from grader.expr.normal import key, normal_form
from grader.expr.points import draw_points
from grader.expr.printing import to_text
from grader.results import Status
from grader.spec import load_spec
from tests.conftest import WEEK08

SPEC = load_spec(WEEK08)
ENV = CheckEnv(SPEC)
CTX = ENV.expr_context()
QUESTIONS = {q.id: q for q in SPEC.questions}
G = ["o", "(1 - tanh(c)**2)"]
TERMS_1B = [["tanh(c)", "Do"], G + ["c_prev", "Df"], G + ["u", "Di"], G + ["i", "Du"]]


def spelling(rng: random.Random, terms: list[list[str]]) -> str:
    """The sum of products in a random order, spacing, sign dressing and parenthesisation."""
    def factor(text: str) -> str:
        return rng.choice([text, f"({text})"])

    def product(factors: list[str]) -> str:
        factors = [factor(f) for f in rng.sample(factors, len(factors))]
        if rng.random() < 0.2:
            factors[0] = f"-(-{factors[0]})"
        return rng.choice(["*", " * "]).join(factors)

    parts = [product(t) for t in rng.sample(terms, len(terms))]
    if rng.random() < 0.3:
        parts = [f"({parts[0]} + {parts[1]})"] + parts[2:]
    text = rng.choice([" + ", "+"]).join(parts)
    return text if rng.random() < 0.8 else f"-(-({text}))"


def _key(text: str) -> str:
    return key(parse(text, CTX).node)


def test_reordered_spellings_share_one_key_and_keep_their_value():
    rng = random.Random(11)
    reference = _key("tanh(c)*Do + o*(1 - tanh(c)**2)*c_prev*Df + o*(1 - tanh(c)**2)*u*Di + o*(1 - tanh(c)**2)*i*Du")
    points = draw_points(CTX, 3, 3)
    for _ in range(60):
        text = spelling(rng, TERMS_1B)
        given = parse(text, CTX)
        node = normal_form(given.node)
        assert key(node) == reference, text
        canonical = Expr(to_text(node), node, CTX)
        for point in points:
            assert np.allclose(evaluate(canonical, CTX, point), evaluate(given, CTX, point), rtol=1e-12, atol=0)


@pytest.mark.parametrize("mistake", [
    TERMS_1B[1:],  # a term dropped
    [["tanh(c)", "Do"], G + ["c_prev", "Df"], G + ["u", "Di"], G + ["u", "Du"]],  # a factor changed
    [["tanh(c).T", "Do"]] + TERMS_1B[1:],  # columns scaled instead of rows
])
def test_a_different_answer_never_shares_the_key(mistake):
    rng = random.Random(5)
    right = _key(spelling(rng, TERMS_1B))
    for _ in range(10):
        assert _key(spelling(rng, mistake)) != right


def test_signs_and_subtraction_are_kept_apart():
    assert _key("o - u") == _key("-u + o")
    assert _key("o - u") != _key("u - o")
    assert _key("o*(-u)") == _key("-(o*u)") == _key("-u*o")


@pytest.fixture()
def decisions():
    references = {"dh_dhprev": "tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)",
                  "sigmoid_prime": "sigma(z)*(1 - sigma(z))", "forget_gate_argmax": "Uf_d/norm(Uf_d)"}
    made = Decisions(SPEC, WEEK08, references, ENV)
    yield made
    made.close()


def test_every_spelling_gets_the_same_score_feedback_and_method(decisions):
    rng = random.Random(3)
    dropped = [TERMS_1B[0], TERMS_1B[2], TERMS_1B[3]]
    for terms, score in ((TERMS_1B, 4.0), (dropped, 2.0)):
        seen = {(o.score, o.status, o.feedback, o.method)
                for o in (decisions.outcome(QUESTIONS["1b"], spelling(rng, terms)) for _ in range(8))}
        assert len(seen) == 1 and next(iter(seen))[0] == score


def test_the_latex_shows_each_students_own_spelling(decisions):
    first = decisions.outcome(QUESTIONS["1c"], "sigma(z)*(1 - sigma(z))")
    second = decisions.outcome(QUESTIONS["1c"], "(1-sigma(z))  *  sigma(z)")
    assert first.status is Status.CORRECT and first.method == second.method
    assert second.feedback_latex.startswith(r"\text{yours: } \left(1 - \sigma")


def test_a_batch_that_decides_little_starts_no_worker_process(decisions):
    before = set(multiprocessing.active_children())
    decisions.start_workers(2)
    assert decisions.outcome(QUESTIONS["1c"], "sigma(z)*(1 - sigma(z))").status is Status.CORRECT
    assert decisions.outcome(QUESTIONS["1b"], "tanh(c)*Do").status is Status.INCORRECT
    assert set(multiprocessing.active_children()) - before == set()


def test_a_worker_that_dies_costs_no_answer(decisions, monkeypatch):
    monkeypatch.setattr(checking, "POOL_AFTER_S", 0.0)  # the pool starts after the first check
    decisions.start_workers(2)
    question = QUESTIONS["1b"]
    assert decisions.outcome(question, "tanh(c)*Do").status is Status.INCORRECT
    assert all(started.result(timeout=60) for started in decisions._started)
    assert len(multiprocessing.active_children()) >= 2
    for pid in list(decisions._pool._processes):
        os.kill(pid, signal.SIGKILL)
    outcome = decisions.outcome(question, "tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)")
    assert outcome.status is Status.CORRECT


def test_a_scalar_added_to_a_vector_is_wrong_not_a_grader_failure(decisions):
    outcome = decisions.outcome(QUESTIONS["1e"], "Uf_d/norm(Uf_d) + 1")
    assert outcome.status is Status.INCORRECT

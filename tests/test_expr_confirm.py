"""Counterexamples are confirmed at growing precision; cancellation is discarded, counted and redrawn;
points keep saturating functions informative; no verdict depends on spelling; matrix tolerance."""
from __future__ import annotations

import mpmath
import numpy as np
import pytest

from test_expr_support import REF_1C, REF_1D, scalars, week08
from grader.expr import ExprContext, VerdictStatus, equivalent, parse
from grader.expr.confirm import Finding, confirm
from grader.expr.informative import informative, saturating_arguments
from grader.expr.numeric import value_at
from grader.expr.points import draw_point, rng_for
from grader.expr.tolerance import gap

EQ, NE, UN = VerdictStatus.EQUAL, VerdictStatus.NOT_EQUAL, VerdictStatus.UNDECIDED
SIGMA_FORM_1D = "(sigma(Uf@h_prev + Wf@x) * (1 - sigma(Uf@h_prev + Wf@x))) * Uf"


def _saturated_1d_point() -> dict:
    """k = 3, d = 2, every argument of sigma near 180 (as at the issue's point)."""
    return {"k": 3, "d": 2, "Uf": np.full((3, 3), 6.0), "h_prev": np.full((3, 1), 9.0),
            "Wf": np.full((3, 2), 9.0), "x": np.array([[0.5], [0.5]])}


def test_the_issues_cancellation_vanishes_at_higher_precision():
    ctx = week08()
    answer, reference = parse(SIGMA_FORM_1D, ctx).node, parse(REF_1D, ctx).node
    point = _saturated_1d_point()
    assert value_at(answer, point, 60)[0, 0] == 0  # 1 - sigma(171) cancels to 0 at 60 digits ...
    assert value_at(reference, point, 60)[0, 0] > 0  # ... where the reference is ~3e-74
    found = confirm(answer, reference, point, rtol=0, atol=0)
    assert found.finding is Finding.CANCELLED and found.dps == 120


def test_a_real_difference_persists_at_every_precision():
    ctx = week08()
    answer = parse("Uf@diag(sigma_prime(Wf@x + Uf@h_prev))", ctx).node
    point = draw_point(ctx, {"Uf", "Wf", "x", "h_prev"}, rng_for(4), 0)
    found = confirm(answer, parse(REF_1D, ctx).node, point, rtol=0, atol=0)
    assert found.finding is Finding.DIFFERS and found.dps == 240


def test_a_difference_below_the_bound_of_precision_is_not_trusted():
    """Values that still move between 120 and 240 digits do not decide."""
    ctx = scalars(x="real")
    answer, reference = parse("sigma_prime(x + exp(300))", ctx).node, parse("0*x", ctx).node
    found = confirm(answer, reference, {"x": 0.5}, rtol=0, atol=0)
    assert found.finding is Finding.UNSETTLED


CANCELLATION_ROWS = [
    # id, answer, reference, declarations, status, note, redrawn: whether the method counts cancelled points
    ("sigma-form-saturated", "sigma(z)*(1 - sigma(z))", "sigma_prime(z)", {"z": {"interval": [150, 200]}},
     EQ, "proved_equal", True),
    ("sigma-form-far-saturated", "sigma(z)*(1 - sigma(z))", "sigma_prime(z)", {"z": {"interval": [300, 400]}},
     EQ, "proved_equal", True),
    ("exp-swamps-one", "exp(z) + 1 - exp(z)", "1", {"z": {"interval": [150, 200]}}, EQ, "proved_equal", True),
    ("tanh-saturated", "1 - tanh(z)**2", "sech(z)**2", {"z": {"interval": [80, 100]}}, EQ, "proved_equal", True),
    ("tiny-difference-persists", "sigma_prime(z) + 1e-70", "sigma_prime(z)", {"z": {"interval": [150, 200]}},
     NE, "counterexample", False),
    ("unsaturated-sigma-form", "sigma(z)*(1 - sigma(z))", "sigma_prime(z)", {"z": "real"}, EQ, "proved_equal",
     False),
]


@pytest.mark.parametrize("row", CANCELLATION_ROWS, ids=[row[0] for row in CANCELLATION_ROWS])
def test_cancellation_is_redrawn_and_a_persisting_difference_decides(row):
    _, answer, reference, declarations, status, note, redrawn = row
    verdict = equivalent(answer, reference, scalars(**declarations), seed=1, rtol=0, atol=0, time_limit_s=10)
    assert (verdict.status, verdict.note) == (status, note), verdict.method
    assert ("redrawn" in verdict.method and "(cancellation)" in verdict.method) is redrawn, verdict.method


def test_saturated_matrix_arguments_forced_by_the_domain_are_never_a_counterexample():
    declarations = {"k": {"dim": "3..4"}, "d": {"dim": 2}, "x": {"shape": ["d", 1], "interval": [4, 5]},
                    "h_prev": {"shape": ["k", 1], "interval": [4, 5]}, "Uf": {"shape": ["k", "k"], "interval": [4, 5]},
                    "Wf": {"shape": ["k", "d"], "interval": [4, 5]}}
    ctx = ExprContext.from_declarations(declarations)
    verdict = equivalent(SIGMA_FORM_1D, REF_1D, ctx, seed=2, rtol=0, atol=0, time_limit_s=10)
    assert verdict.status is not NE, verdict.method
    assert verdict.status is EQ or "undecided" in verdict.method


@pytest.mark.parametrize("seed", range(40))
def test_the_issues_answer_is_right_whatever_the_seed(seed):
    verdict = equivalent(SIGMA_FORM_1D, REF_1D, week08(), seed=seed, rtol=0, atol=0, time_limit_s=10)
    assert verdict.status is EQ, verdict.method


def test_points_keep_sigma_arguments_informative():
    ctx = week08()
    tree = parse(REF_1D, ctx).node
    arguments = saturating_arguments(tree)
    rng = rng_for(0, "equivalent")
    largest_before, largest_after = [], []
    for index in range(16):
        point = draw_point(ctx, {"Uf", "Wf", "x", "h_prev"}, rng, index)
        tamed = informative(point, arguments, ctx, float("inf"))
        for chosen, record in ((point, largest_before), (tamed, largest_after)):
            record.append(max(abs(float(v)) for v in value_at(arguments[0][0], chosen, 15).flat))
    assert max(largest_before) > 100  # the plain draws do saturate sigma ...
    assert max(largest_after) <= 20  # ... the informative ones never


def test_domain_values_are_never_moved():
    ctx = scalars(z={"interval": [150, 200]})
    arguments = saturating_arguments(parse("sigma(z)", ctx).node)
    point = {"z": 170.0}
    assert informative(point, arguments, ctx, float("inf")) == point


SPELLINGS = [
    ("Uf@diag(sigma_prime(Wf@x + Uf@h_prev))", "Uf @ diag( sigma_prime( Uf@h_prev+Wf@x ) )"),
    ("tanh(c)*Do + o*(1 - tanh(c)**2)*(u*Di + i*Du)", "o*(1-tanh(c)^2)*(i*Du + u*Di) + Do*tanh(c)"),
    ("2*sigma(z)*sigma(-z)", "sigma(-z) *sigma(z)*2"),
    ("exp(z)/(1 + exp(-z))**2", "exp( z )/(exp(-z) + 1)**2"),
]


@pytest.mark.parametrize("first, second", SPELLINGS)
def test_the_same_answer_spelled_otherwise_gets_the_same_verdict(first, second):
    ctx = week08()
    reference = REF_1C if "z" in first else (REF_1D if "Wf" in first else
                                             "tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)")
    verdicts = [equivalent(text, reference, ctx, seed=5, rtol=0, atol=0) for text in (first, second)]
    assert verdicts[0].status is NE
    assert (verdicts[0].method, verdicts[0].counterexample) == (verdicts[1].method, verdicts[1].counterexample)


def _matrix(rows):
    m = mpmath.MPContext()
    m.dps = 60
    return np.array([[m.mpf(v) for v in row] for row in rows], dtype=object)


def test_matrix_tolerance_is_relative_to_the_whole_matrix_and_to_each_entry():
    big = _matrix([[1e6, 1e-3], [1, 1]])
    small_entry_off = _matrix([[1e6, 1e-3 + 1], [1, 1]])  # off by 1 in a matrix of size ~5e5
    big_entry_off = _matrix([[1e6 * (1 + 1e-4), 1e-3], [1, 1]])  # off by 1e-4 of its own size
    assert gap(small_entry_off, big, 60, rtol=1e-5, atol=0).within
    assert not gap(big_entry_off, big, 60, rtol=1e-5, atol=0).within
    ones = _matrix([[1, 1], [1, 1]])
    found = gap(_matrix([[1, 1.01], [1, 1]]), ones, 60, rtol=1e-3, atol=0)
    assert not found.within and found.entry == 1


def test_matrix_method_says_how_entries_were_measured():
    verdict = equivalent("diag(sigma_prime(Wf@x + Uf@h_prev))@Uf + 0*Uf", REF_1D, week08(), seed=0,
                         rtol=1e-8, atol=0, time_limit_s=0.4)
    assert "each entry against the larger of itself and the matrix's root-mean-square entry" in verdict.method


def test_grading_feedback_does_not_depend_on_spacing_or_order():
    """The issue's lottery: the same answer with other spacing must get the same score and the same words."""
    from grader.check import KINDS, CheckEnv
    from grader.spec import load_spec
    from tests.conftest import WEEK08

    spec = load_spec(WEEK08)
    env, question = CheckEnv(spec), next(q for q in spec.questions if q.id == "1d")
    spellings = ["sigma_prime(Wf@x + Uf@h_prev)*Uf.T", "Uf.T * sigma_prime( Uf@h_prev+Wf@x )"]
    outcomes = [KINDS["expression"].check(question, text, REF_1D, env) for text in spellings]
    assert outcomes[0].score == 0
    assert (outcomes[0].score, outcomes[0].feedback, outcomes[0].method) == \
        (outcomes[1].score, outcomes[1].feedback, outcomes[1].method)

"""The equivalence engine, pinned case by case: one row, one behaviour, a stable note code.

note codes: proved_equal (the in-process canonical form met, or sympy reduced the difference to 0),
sampled_equal (agreement at seeded points, no proof found in time), counterexample,
proved_unequal, shape_mismatch, undefined_answer, undecided.
"""
from __future__ import annotations

import pytest

from test_expr_support import REF_1B, REF_1C, REF_1D, REF_1E, scalars, week08
from grader.expr import VerdictStatus, equivalent, parse

EQ, NE, UN = VerdictStatus.EQUAL, VerdictStatus.NOT_EQUAL, VerdictStatus.UNDECIDED


@pytest.fixture(autouse=True, scope="module")
def prover_started():
    """Rows that expect a proof should not spend their time bound on starting the prover."""
    from grader.expr.symbolic import prove

    ctx = scalars(x="real")
    assert prove(parse("x", ctx).node, parse("x", ctx).node, ctx, 120).status == "equal"
EXACT = {"rtol": 0.0, "atol": 0.0}

WEEK08_ROWS = [
    # id, answer, reference, status, note
    ("1b-self", REF_1B, REF_1B, EQ, "proved_equal"),
    ("1b-expanded", "tanh(c)*Do + o*(1 - tanh(c)**2)*c_prev*Df + o*(1 - tanh(c)**2)*u*Di"
     " + o*(1 - tanh(c)**2)*i*Du", REF_1B, EQ, "proved_equal"),
    ("1b-diag-form", "diag(tanh(c))@Do + diag(o*(1 - tanh(c)**2))@(diag(c_prev)@Df + diag(u)@Di + diag(i)@Du)",
     REF_1B, EQ, "proved_equal"),
    ("1b-cosh", "tanh(c)*Do + o/cosh(c)**2*(c_prev*Df + u*Di + i*Du)", REF_1B, EQ, "proved_equal"),
    ("1b-missing-Df", "tanh(c)*Do + o*(1 - tanh(c)**2)*(u*Di + i*Du)", REF_1B, NE, "counterexample"),
    ("1b-wrong-sign", "tanh(c)*Do - o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)", REF_1B, NE, "counterexample"),
    ("1b-f-not-c_prev", "tanh(c)*Do + o*(1 - tanh(c)**2)*(f*Df + u*Di + i*Du)", REF_1B, NE, "counterexample"),
    ("1b-columns-scaled", "Do@diag(tanh(c)) + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)", REF_1B, NE,
     "counterexample"),
    ("1b-vector-shape", "tanh(c)*o", REF_1B, NE, "shape_mismatch"),
    ("1c-exp-form", "exp(-z)/(1 + exp(-z))**2", REF_1C, EQ, "proved_equal"),
    ("1c-sympy-str", "exp(-z)/(exp(-z) + 1)**2", REF_1C, EQ, "proved_equal"),
    ("1c-sigma-prime", "sigma_prime(z)", REF_1C, EQ, "proved_equal"),
    ("1c-implicit-product", "sigma(z)(1 - sigma(z))", REF_1C, EQ, "proved_equal"),
    ("1c-unicode", "\u03c3(z)\u00b7(1 \u2212 \u03c3(z))", REF_1C, EQ, "proved_equal"),
    ("1c-caret-e", "e^(-z)/(1+e^(-z))^2", REF_1C, EQ, "proved_equal"),
    ("1c-expanded", "sigma(z) - sigma(z)**2", REF_1C, EQ, "proved_equal"),
    ("1c-plus-1e-3", "sigma(z)*(1 - sigma(z)) + 1e-3", REF_1C, NE, "counterexample"),
    ("1c-squared", "sigma(z)**2", REF_1C, NE, "counterexample"),
    ("1c-one-minus", "1 - sigma(z)", REF_1C, NE, "counterexample"),
    ("1c-wrong-sign-exp", "exp(z)/(1 + exp(-z))**2", REF_1C, NE, "counterexample"),
    ("1d-diag-left", "diag(sigma_prime(Wf@x + Uf@h_prev))@Uf", REF_1D, EQ, "proved_equal"),
    ("1d-sigma-form", "sigma(Wf@x + Uf@h_prev)*(1 - sigma(Wf@x + Uf@h_prev))*Uf", REF_1D, EQ, "proved_equal"),
    ("1d-diag-right", "Uf@diag(sigma_prime(Wf@x + Uf@h_prev))", REF_1D, NE, "counterexample"),
    ("1d-row-broadcast", "sigma_prime(Wf@x + Uf@h_prev).T*Uf", REF_1D, NE, "counterexample"),
    ("1d-transposed-Uf", "sigma_prime(Wf@x + Uf@h_prev)*Uf.T", REF_1D, NE, "counterexample"),
    ("1d-vector", "sigma_prime(Wf@x + Uf@h_prev)", REF_1D, NE, "shape_mismatch"),
    ("1d-rule-row-broadcast", "sigma_prime(Wf@x + Uf@h_prev).T*Uf", "Uf@diag(sigma_prime(Wf@x + Uf@h_prev))",
     EQ, "sampled_equal"),
    ("1d-matmul-distributes", "Uf@(c + o) - Uf@o", "Uf@c", EQ, "proved_equal"),
    ("1e-sqrt-form", "Uf_d/sqrt(Uf_d.T@Uf_d)", REF_1E, EQ, "sampled_equal"),
    ("1e-scaled-inside", "3*Uf_d/norm(3*Uf_d)", REF_1E, EQ, "proved_equal"),
    ("1e-unnormalised", "Uf_d", REF_1E, NE, "counterexample"),
    ("1e-negated", "-Uf_d/norm(Uf_d)", REF_1E, NE, "counterexample"),
    ("1e-row", "(Uf_d/norm(Uf_d)).T", REF_1E, NE, "shape_mismatch"),
]


@pytest.mark.parametrize("row", WEEK08_ROWS, ids=[row[0] for row in WEEK08_ROWS])
def test_week08_answers(row):
    _, answer, reference, status, note = row
    verdict = equivalent(answer, reference, week08(), seed=1, time_limit_s=10.0)
    assert (verdict.status, verdict.note) == (status, note), verdict.method


DOMAIN_ROWS = [
    # id, answer, reference, declarations, options, status, note
    ("sqrt-square-real", "sqrt(x**2)", "x", {"x": "real"}, EXACT, NE, "counterexample"),
    ("sqrt-square-positive", "sqrt(x**2)", "x", {"x": "positive"}, EXACT, EQ, "proved_equal"),
    ("sqrt-square-interval", "sqrt((1 - a)**2)", "1 - a", {"a": {"interval": [0, 1]}}, EXACT, EQ, "sampled_equal"),
    ("sqrt-square-wide-interval", "sqrt((1 - a)**2)", "1 - a", {"a": {"interval": [0, 3]}}, EXACT, NE,
     "counterexample"),
    ("log-product-positive", "log(a*b)", "log(a) + log(b)", {"a": "positive", "b": "positive"}, EXACT, EQ,
     "proved_equal"),
    ("log-product-real", "log(a*b)", "log(a) + log(b)", {"a": "real", "b": "real"}, EXACT, NE, "counterexample"),
    ("integer-power", "(-1)**n*cos(x)**n", "(-cos(x))**n", {"n": "integer", "x": "real"}, EXACT, EQ,
     "proved_equal"),
    ("modulus-complex", "Abs(z)**2", "z*conjugate(z)", {"z": "complex"}, EXACT, EQ, "proved_equal"),
    ("modulus-not-square", "Abs(z)**2", "z*z", {"z": "complex"}, EXACT, NE, "counterexample"),
    ("high-power-no-underflow", "(x - a)**6000", "(x - a)**5999", {"x": "real", "a": "real"}, EXACT, NE,
     "counterexample"),
    ("near-third-exact", "0.333333333333333", "1/3", {}, EXACT, NE, "counterexample"),
    ("near-third-tolerant", "0.333333333333333", "1/3", {}, {"rtol": 1e-8, "atol": 0.0}, EQ, "sampled_equal"),
    ("decimal-is-exact", "0.5*x**2 + 0.1*x", "x**2/2 + x/10", {"x": "real"}, EXACT, EQ, "proved_equal"),
    ("offset-below-sampling-noise", "x + 1e-30", "x", {"x": "real"}, EXACT, NE, "proved_unequal"),
    ("cancellation-at-scale", "(x + 1)**2 - x**2 - 2*x", "1", {"x": "real"}, EXACT, EQ, "proved_equal"),
    ("undefined-answer", "1/(x - x)", "x", {"x": "real"}, EXACT, NE, "undefined_answer"),
    ("undefined-both", "1/(x - x)", "1/(x - x)", {"x": "real"}, EXACT, UN, "undecided"),
    ("tolerance-accepts", "x + 0.0001*x", "x", {"x": "real"}, {"rtol": 1e-3, "atol": 0.0}, EQ, "sampled_equal"),
    ("tolerance-refuses", "x + 0.01*x", "x", {"x": "real"}, {"rtol": 1e-3, "atol": 0.0}, NE, "counterexample"),
    ("tan-identity", "sin(x)/cos(x)", "tan(x)", {"x": "real"}, EXACT, EQ, "proved_equal"),
    ("ill-conditioned-difference-confirmed", "sigma_prime(x + exp(100))*(1 + 1e-12)", "sigma_prime(x + exp(100))",
     {"x": "real"}, EXACT, NE, "counterexample"),
    ("exactly-zero-constant", "sin(pi)*(1 + 1e-12)", "sin(pi)", {}, EXACT, EQ, "proved_equal"),
    ("sigma-prime-far-out", "sigma_prime(300*x)*(1 + 1e-20)", "sigma_prime(300*x)", {"x": "real"}, EXACT, NE,
     "counterexample"),
]


@pytest.mark.parametrize("row", DOMAIN_ROWS, ids=[row[0] for row in DOMAIN_ROWS])
def test_domains_and_precision(row):
    _, answer, reference, declarations, options, status, note = row
    verdict = equivalent(answer, reference, scalars(**declarations), seed=3, time_limit_s=10.0, **options)
    assert (verdict.status, verdict.note) == (status, note), verdict.method


def test_counterexample_names_the_point_and_both_values():
    verdict = equivalent("sigma(z)*(1 - sigma(z)) + 1e-3", REF_1C, week08(), seed=0)
    assert verdict.method.startswith("differs at z=")
    point = verdict.counterexample["point"]
    assert verdict.counterexample["answer"] == pytest.approx(verdict.counterexample["reference"] + 1e-3)
    assert set(point) >= {"z"}


def test_matrix_counterexample_names_an_entry():
    verdict = equivalent("Uf@diag(sigma_prime(Wf@x + Uf@h_prev))", REF_1D, week08(), seed=0)
    assert "in entry (" in verdict.method and "random entries" in verdict.method
    assert verdict.counterexample["entry"][0] >= 0


def test_shape_message_names_both_shapes():
    verdict = equivalent("tanh(c)*o", REF_1B, week08())
    assert verdict.method == "shapes differ: (k, 1) vs (k, k)"


def test_same_seed_same_verdict_and_other_seed_other_point():
    first, again = (equivalent("z**2", "z**2 + z", scalars(z="real"), seed=7) for _ in range(2))
    other = equivalent("z**2", "z**2 + z", scalars(z="real"), seed=8)
    assert (first.status, first.method, first.counterexample) == (again.status, again.method, again.counterexample)
    assert other.counterexample["point"] != first.counterexample["point"]


def test_parsed_and_text_arguments_agree():
    ctx = week08()
    from_text = equivalent(REF_1D, "diag(sigma_prime(Wf@x + Uf@h_prev))@Uf", ctx)
    from_parsed = equivalent(parse(REF_1D, ctx), parse("diag(sigma_prime(Wf@x + Uf@h_prev))@Uf", ctx), ctx)
    assert from_text.status is from_parsed.status is EQ


def test_sympy_matrix_convention_in_context():
    from grader.expr import ExprContext

    ctx = ExprContext.from_declarations({"A": {"shape": [2, 2]}, "B": {"shape": [2, 2]}, "v": {"shape": [2, 1]}},
                                        star_is_matmul=True)
    assert equivalent("4*A*B**2*v", "4*A*B*B*v", ctx).status is EQ
    assert equivalent("4*A*B**2*v", "4*B*A*B*v", ctx).status is NE


@pytest.mark.parametrize("seed", range(4))
def test_values_beyond_float_range_are_shown_not_crashed(seed):
    verdict = equivalent("(x - a)**6000", "(x - a)**5999", scalars(x="real", a="real"), seed=seed, rtol=0, atol=0)
    assert verdict.status is NE and verdict.method.startswith("differs at a=")
    assert "e+" in verdict.method or "e-" in verdict.method


def test_constants_say_so():
    verdict = equivalent("0.333333333333333", "1/3", scalars(), rtol=0, atol=0)
    assert verdict.method == ("differs: 0.333333333333333 (answer) vs 0.33333333333333333 (reference), "
                              "confirmed at 60, 120 and 240 digits")
    assert equivalent("sqrt(12)", "2*sqrt(3)", scalars(), rtol=0, atol=0).equal


def test_out_of_time_is_undecided_never_equal():
    from grader.expr import ExprContext

    ctx = ExprContext.from_declarations({"k": {"dim": "60..64"}, "A": {"shape": ["k", "k"]},
                                         "B": {"shape": ["k", "k"]}, "v": {"shape": ["k", 1]}})
    # equal, but not by the canonical form (a square root is an opaque atom), so only sampling could say
    verdict = equivalent("tanh(sqrt(A*A)*sqrt(A*A))@v", "tanh(A*A)@v", ctx, time_limit_s=0.2)
    assert verdict.status is UN
    assert verdict.method.startswith("undecided: sampling ran out of time (0.2 s)")

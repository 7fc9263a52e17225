"""The function vocabulary, one fixture row per function (STACK's table style): each reads, is
sampled and is proved (or refuted) with a stable note code, with its domain respected.

note codes as in test_expr_equivalence: proved_equal, sampled_equal, counterexample, proved_unequal,
undefined_answer, undecided.
"""
from __future__ import annotations

import re

import pytest

from test_expr_support import scalars, week08
from grader.expr import ExprContext, ExprError, VerdictStatus, equivalent, parse
from grader.expr.functions import ALIASES, FUNCTIONS

EQ, NE, UN = VerdictStatus.EQUAL, VerdictStatus.NOT_EQUAL, VerdictStatus.UNDECIDED
POS, REAL, INT = "positive", "real", "integer"
SLOW_PROOF = "proved_equal|sampled_equal"  # sympy's log rewriting may or may not finish in its share of time
ALL = sorted(FUNCTIONS)  # diff is opt-in: the rows that use it allow every function

SCALAR_ROWS = [
    # id, answer, reference, declarations, status, note
    ("log-base", "log(x, 2)", "log(x)/log(2)", {"x": POS}, EQ, "proved_equal"),
    ("log-base-wrong", "log(x, 2)", "log(x)/log(3)", {"x": POS}, NE, "counterexample"),
    ("log-base-one-undefined", "log(x, 1)", "log(x)", {"x": POS}, NE, "undefined_answer"),
    ("ln", "ln(x*y)", "ln(x) + ln(y)", {"x": POS, "y": POS}, EQ, "proved_equal"),
    ("ln-real-domain", "ln(x*y)", "ln(x) + ln(y)", {"x": REAL, "y": REAL}, NE, "counterexample"),
    ("root", "root(x, 3)", "x**(1/3)", {"x": POS}, EQ, "proved_equal"),
    ("root-wrong", "root(x, 3)", "sqrt(x)", {"x": POS}, NE, "counterexample"),
    ("root-principal", "root(-8, 3)", "1 + sqrt(3)*I", {}, EQ, "proved_equal"),
    ("sqrt", "sqrt(x)**2", "x", {"x": POS}, EQ, "proved_equal"),
    ("sqrt-negative", "sqrt(x**2)", "x", {"x": "negative"}, NE, "counterexample"),
    ("exp", "exp(x)*exp(y)", "exp(x + y)", {"x": REAL, "y": REAL}, EQ, "proved_equal"),
    ("abs", "abs(-x)", "Abs(x)", {"x": REAL}, EQ, "proved_equal"),
    ("abs-not-identity", "abs(x)", "x", {"x": REAL}, NE, "counterexample"),
    ("sign", "sign(x)*abs(x)", "x", {"x": REAL}, EQ, "proved_equal"),
    ("sign-constant", "sign(-3)", "-1", {}, EQ, "proved_equal"),
    ("sign-wrong", "sign(x)", "1", {"x": REAL}, NE, "counterexample"),
    ("max-n-ary", "Max(x, y, z)", "Max(z, Max(y, x))", {"x": REAL, "y": REAL, "z": REAL}, EQ, "proved_equal"),
    ("min-by-max", "Min(x, y)", "-Max(-x, -y)", {"x": REAL, "y": REAL}, EQ, "sampled_equal"),
    ("max-wrong", "max(x, y)", "x", {"x": REAL, "y": REAL}, NE, "counterexample"),
    ("max-complex-undefined", "Max(z, 1)", "z", {"z": "complex"}, NE, "undefined_answer"),
    ("floor", "floor(x + 1)", "floor(x) + 1", {"x": REAL}, EQ, "proved_equal"),
    ("floor-not-ceil", "floor(x)", "ceil(x)", {"x": REAL}, NE, "counterexample"),
    ("ceil", "ceil(x + 2)", "ceiling(x) + 2", {"x": REAL}, EQ, "proved_equal"),
    ("ceil-by-floor", "ceil(-x)", "-floor(x)", {"x": REAL}, EQ, "sampled_equal"),
    ("factorial", "factorial(n + 1)", "(n + 1)*factorial(n)", {"n": POS}, EQ, "proved_equal"),
    ("factorial-pole", "factorial(n + 1)", "(n + 1)*factorial(n)", {"n": INT}, NE, "undefined_reference"),
    ("factorial-wrong", "factorial(n + 1)", "n*factorial(n)", {"n": "positive"}, NE, "counterexample"),
    ("binomial", "binomial(n, 2)", "n*(n - 1)/2", {"n": REAL}, EQ, "proved_equal"),
    ("sin-cos", "sin(x)**2", "1 - cos(x)**2", {"x": REAL}, EQ, "proved_equal"),
    ("tan", "tan(x)", "sin(x)/cos(x)", {"x": REAL}, EQ, "proved_equal"),
    ("sec", "sec(x)", "1/cos(x)", {"x": REAL}, EQ, "proved_equal"),
    ("csc", "csc(x)", "1/sin(x)", {"x": REAL}, EQ, "proved_equal"),
    ("cot", "cot(x)", "cos(x)/sin(x)", {"x": REAL}, EQ, "proved_equal"),
    ("cot-wrong", "cot(x)", "tan(x)", {"x": REAL}, NE, "counterexample"),
    ("asin-acos", "asin(x) + acos(x)", "pi/2", {"x": {"interval": [-1, 1]}}, EQ, "proved_equal"),
    ("atan", "arctan(x)", "-atan(-x)", {"x": REAL}, EQ, "proved_equal"),
    ("atan-reciprocal", "arctan(x)", "pi/2 - atan(1/x)", {"x": POS}, EQ, "sampled_equal"),
    ("atan-real-domain", "atan(x)", "pi/2 - atan(1/x)", {"x": REAL}, NE, "counterexample"),
    ("acot", "acot(x)", "atan(1/x)", {"x": POS}, EQ, "proved_equal"),
    ("asec", "asec(x)", "acos(1/x)", {"x": {"interval": [1, 5]}}, EQ, "proved_equal"),
    ("acsc", "acsc(x)", "asin(1/x)", {"x": {"interval": [1, 5]}}, EQ, "proved_equal"),
    ("sinh", "sinh(x)", "(exp(x) - exp(-x))/2", {"x": REAL}, EQ, "proved_equal"),
    ("cosh", "cosh(x)**2 - sinh(x)**2", "1", {"x": REAL}, EQ, "proved_equal"),
    ("tanh", "tanh(x)", "sinh(x)/cosh(x)", {"x": REAL}, EQ, "proved_equal"),
    ("sech", "sech(x)", "1/cosh(x)", {"x": REAL}, EQ, "proved_equal"),
    ("csch", "csch(x)", "1/sinh(x)", {"x": REAL}, EQ, "proved_equal"),
    ("coth", "coth(x)", "cosh(x)/sinh(x)", {"x": REAL}, EQ, "proved_equal"),
    ("coth-wrong", "coth(x)", "tanh(x)", {"x": REAL}, NE, "counterexample"),
    ("asinh", "arsinh(x)", "log(x + sqrt(x**2 + 1))", {"x": REAL}, EQ, "proved_equal"),
    ("acosh", "cosh(arccosh(x))", "x", {"x": {"interval": [1, 9]}}, EQ, "proved_equal"),
    ("acosh-log", "arccosh(x)", "log(x + sqrt(x**2 - 1))", {"x": {"interval": [1, 9]}}, EQ, SLOW_PROOF),
    ("atanh", "tanh(artanh(x))", "x", {"x": {"interval": [-1, 1]}}, EQ, "proved_equal"),
    ("atanh-log", "artanh(x)", "log((1 + x)/(1 - x))/2", {"x": {"interval": [-1, 1]}}, EQ, SLOW_PROOF),
    ("acoth", "acoth(x)", "atanh(1/x)", {"x": {"interval": [1, 9]}}, EQ, "proved_equal"),
    ("asech", "asech(x)", "acosh(1/x)", {"x": {"interval": [0, 1]}}, EQ, "proved_equal"),
    ("acsch", "acsch(x)", "asinh(1/x)", {"x": POS}, EQ, "proved_equal"),
    ("summation", "summation(k, k, 1, n)", "n*(n + 1)/2", {"n": INT}, EQ, "proved_equal"),
    ("summation-tuple", "summation(k**2, (k, 1, n))", "n*(n + 1)*(2*n + 1)/6", {"n": INT}, EQ, "proved_equal"),
    ("summation-wrong", "sum(k, k, 1, n)", "n**2/2", {"n": INT}, NE, "counterexample"),
    ("summation-symbolic-bounds", "summation(x**k, k, 0, n)", "(1 - x**(n + 1))/(1 - x)", {"n": INT, "x": REAL},
     EQ, "sampled_equal"),
    ("product", "product(k, k, 1, n)", "factorial(n)", {"n": "positive"}, NE, "undefined_answer"),
    ("product-integer", "product(k, k, 1, n)", "factorial(n)", {"n": INT}, EQ, "proved_equal"),
    ("product-wrong", "product(k, k, 1, n)", "factorial(n + 1)", {"n": INT}, NE, "counterexample"),
]


@pytest.mark.parametrize("row", SCALAR_ROWS, ids=[row[0] for row in SCALAR_ROWS])
def test_scalar_functions(row):
    _, answer, reference, declarations, status, note = row
    verdict = equivalent(answer, reference, scalars(**declarations), seed=11, rtol=0, atol=0, time_limit_s=10.0)
    assert verdict.status is status and verdict.note in note.split("|"), verdict.method


DERIVATIVE_ROWS = [
    ("diff", "diff(sin(x), x)", "cos(x)", EQ, "proved_equal"),
    ("diff-order", "Derivative(x**3*y, x, 2)", "6*x*y", EQ, "proved_equal"),
    ("diff-sigma", "diff(sigma(x), x)", "sigma(x)*(1 - sigma(x))", EQ, "proved_equal"),
    ("diff-wrong", "diff(x**3, x)", "x**2", NE, "counterexample"),
]


@pytest.mark.parametrize("row", DERIVATIVE_ROWS, ids=[row[0] for row in DERIVATIVE_ROWS])
def test_derivatives_where_the_question_allows_them(row):
    _, answer, reference, status, note = row
    ctx = ExprContext.from_declarations({"x": REAL, "y": REAL}, functions=ALL)
    verdict = equivalent(answer, reference, ctx, seed=11, rtol=0, atol=0, time_limit_s=10.0)
    assert (verdict.status, verdict.note) == (status, note), verdict.method


def test_derivatives_are_refused_unless_the_question_allows_them():
    with pytest.raises(ExprError, match="the function `diff` is not allowed here"):
        parse("diff(x**2, x)", scalars(x=REAL))
    with pytest.raises(ExprError, match="differentiates by a declared scalar symbol"):
        parse("diff(x**2, t)", ExprContext.from_declarations({"x": REAL}, functions=ALL))


def _matrices():
    return ExprContext.from_declarations({"A": {"shape": [3, 3]}, "B": {"shape": [3, 3]}, "v": {"shape": [3, 1]}},
                                         star_is_matmul=True)


MATRIX_ROWS = [
    # sympy's convention (`*` between matrices is the product, as in the peer fixtures)
    ("inv-is-power", "inv(A)", "A**(-1)", EQ, "proved_equal"),
    ("inv-of-product", "(A*B)**(-1)", "B**(-1)*A**(-1)", EQ, "proved_equal"),
    ("inv-of-product-wrong-order", "inv(A*B)", "inv(A)*inv(B)", NE, "counterexample"),
    ("inv-times-self", "A*inv(A)", "Identity(3)", EQ, "proved_equal"),
    ("eye", "eye(3)*A", "A", EQ, "proved_equal"),
    ("det-of-product", "det(A*B)", "det(A)*det(B)", EQ, "proved_equal"),
    ("det-of-transpose", "det(A.T)", "det(A)", EQ, "proved_equal"),
    ("det-scaled", "det(2*A)", "2*det(A)", NE, "counterexample"),
    ("trace-sum", "trace(A + B)", "trace(A) + trace(B)", EQ, "proved_equal"),
    ("trace-cyclic", "trace(A*B)", "trace(B*A)", EQ, "sampled_equal"),
    ("trace-not-multiplicative", "trace(A*B)", "trace(A)*trace(B)", NE, "counterexample"),
    ("transpose-of-product", "(A*B).T", "B.T*A.T", EQ, "proved_equal"),
    ("transpose-order", "(A*B).T", "A.T*B.T", NE, "counterexample"),
    ("inverse-power", "A**(-2)*A**2", "Identity(3)", EQ, "proved_equal"),
]


@pytest.mark.parametrize("row", MATRIX_ROWS, ids=[row[0] for row in MATRIX_ROWS])
def test_matrix_functions(row):
    _, answer, reference, status, note = row
    verdict = equivalent(answer, reference, _matrices(), seed=11, rtol=0, atol=0, time_limit_s=10.0)
    assert (verdict.status, verdict.note) == (status, note), verdict.method


def test_identity_takes_a_declared_dimension():
    ctx = week08()
    assert equivalent("Identity(k)@Uf", "Uf", ctx, seed=1).equal
    assert parse("eye(k) - Uf", ctx).shape == ("k", "k")
    with pytest.raises(ExprError, match="takes a dimension"):
        parse("Identity(z)", ctx)
    with pytest.raises(ExprError, match="needs a square matrix"):
        parse("det(Wf)", ctx)


SHAPE_AND_DOMAIN_ERRORS = [
    ("log(z, z, z)", "takes 1 to 2 arguments"),
    ("Max()", "takes at least 1 argument"),
    ("root(z)", "takes 2 arguments"),
    ("summation(k, 2, 1, 3)", "needs a plain name as its index"),
    ("floor(Uf)", None),  # elementwise: allowed
    ("trace(Wf)", "needs a square matrix"),
    ("log(Uf, Uf)", "after the first must be scalars"),
    ("frobnicate(z)", "unknown function `frobnicate`"),
]


@pytest.mark.parametrize("text, words", SHAPE_AND_DOMAIN_ERRORS)
def test_arity_and_shapes_are_checked_while_reading(text, words):
    ctx = week08()
    if words is None:
        assert parse(text, ctx).shape == ("k", "k")
        return
    with pytest.raises(ExprError, match=words.replace("(", r"\(")):
        parse(text, ctx)


def test_every_function_and_alias_is_documented():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "grader" / "expr" / "README.md").read_text()
    documented = {word for span in re.findall(r"`([^`]*)`", readme) for word in re.findall(r"\w+", span)}
    missing = [name for name in [*FUNCTIONS, *ALIASES] if name not in documented]
    assert not missing, missing


@pytest.mark.parametrize("row", SCALAR_ROWS + [(r[0], r[1], r[2], None) for r in MATRIX_ROWS],
                         ids=[row[0] for row in SCALAR_ROWS + MATRIX_ROWS])
def test_every_function_prints_back_to_what_it_read(row):
    """Answer notation reads back to the same tree; LaTeX and MathML (the report) render it."""
    from grader.expr.normal import key
    from grader.expr.printing import to_latex, to_text
    from grader.report.mathml import to_mathml

    ctx = scalars(**row[3]) if row[3] is not None else _matrices()
    tree = parse(row[1], ctx).node
    assert key(parse(to_text(tree), ctx).node) == key(tree)
    assert to_latex(tree) and "{{" not in to_latex(tree) and to_mathml(tree).startswith("<math")

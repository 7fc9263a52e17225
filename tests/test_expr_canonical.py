"""The in-process canonical form: what it proves equal, what it never proves, and that a proof it
gives holds at every point where both sides have a value (property tests, fixed seed)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_expr_property import CASES, SMALL
from test_expr_support import REF_1B, week08
from grader.expr import ExprContext, equivalent, parse
from grader.expr.canonical import proves_equal
from grader.expr.numeric import Undefined, value_at

_SETTINGS = settings(max_examples=150, derandomize=True, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.too_slow])


def proved(answer: str, reference: str, ctx: ExprContext | None = None) -> bool:
    ctx = ctx or week08()
    return proves_equal(parse(answer, ctx).node, parse(reference, ctx).node)


PROVED = [
    # elementwise products commute and distribute; the square is a power
    ("tanh(c)*Do + o*(1 - tanh(c)*tanh(c))*(Di*u + i*Du + c_prev*Df)", REF_1B),
    # tanh and cosh are written in exp, so 1 - tanh**2 meets 1/cosh**2 and sech**2
    ("Do*tanh(c) + 1/cosh(c)^2*o*(c_prev*Df + i*Du + u*Di)", REF_1B),
    ("tanh(c)*Do + o*sech(c)**2*(c_prev*Df + u*Di + i*Du)", REF_1B),
    ("sigma(Wf@x + Uf@h_prev)*(1 - sigma(Uf@h_prev + Wf@x))*Uf", "sigma_prime(Wf@x + Uf@h_prev)*Uf"),
    ("exp(-z)/(1 + exp(-z))**2", "sigma(z)*(1 - sigma(z))"),
    ("sin(z)**2 + cos(z)**2", "1"),
    ("tan(z)", "sin(z)/cos(z)"),
    ("exp(z/2)**2", "exp(z)"),
    ("E**z*e**(-z)", "1"),
    ("I*I", "-1"),
    ("z/(z**2 + z)", "1/(z + 1)"),
    # matrix products keep their order, distribute over sums and let scalars out
    ("Uf@(c + o) - Uf@o", "Uf@c"),
    ("(2*Uf)@(z*c)", "2*z*(Uf@c)"),
    ("(Uf@h_prev).T", "h_prev.T@Uf.T"),
    ("(Wf@x).T@(Wf@x)", "x.T@Wf.T@Wf@x"),
    # a function's argument is put in the same form first; elementwise functions pass transposes in
    ("norm(Uf_d + c - c)", "norm(Uf_d)"),
    ("tanh(c.T)", "tanh(c).T"),
]

NOT_PROVED = [
    ("Uf@Wf@x", "Uf.T@Wf@x"),  # a transpose inside a product matters
    ("Di@Df", "Df@Di"),
    ("Uf@Uf", "Uf@Uf.T"),
    ("tanh(c).T*Do", "tanh(c)*Do"),  # rows scaled is not columns scaled
    ("(Wf@x)@c.T", "c@(Wf@x).T"),  # a matrix product's factors do not commute
    ("sqrt(z**2)", "z"),  # false where z < 0: a root is an opaque atom
    ("log(exp(z))", "z"),  # false off the real line
    ("sigma(z)**2", "sigma(z)*(1 - sigma(z))"),
    ("(z + 1)**13", "(z + 1)*(z + 1)**12"),  # past the bound on expanded powers: no answer, not a guess
    ("summation(z**j, j, 0, 3)", "1 + z + z**2 + z**3"),  # bound indices are left to sympy
]


@pytest.mark.parametrize("answer, reference", PROVED)
def test_proved_equal(answer, reference):
    assert proved(answer, reference)
    assert proved(reference, answer)


@pytest.mark.parametrize("answer, reference", NOT_PROVED)
def test_not_proved(answer, reference):
    ctx = week08() if "j" not in answer else ExprContext.from_declarations({"z": "real"})
    assert not proved(answer, reference, ctx)


def test_the_engine_says_which_proof_it_found():
    verdict = equivalent("o*(1 - tanh(c)*tanh(c))*(Di*u + i*Du + c_prev*Df) + tanh(c)*Do", REF_1B, week08())
    assert verdict.note == "proved_equal"
    assert verdict.method.startswith("proved equal symbolically (canonical form); checked at 12 sampled points")


# --- properties ----------------------------------------------------------------------------------

@pytest.mark.parametrize("question", sorted(CASES))
@settings(max_examples=40, derandomize=True, deadline=None, database=None)
@given(data=st.data())
def test_a_wrong_rewriting_is_never_proved_equal(question, data):
    reference, _, perturbation = CASES[question]
    text = data.draw(perturbation())
    assert not proved(text, reference, SMALL), text


@pytest.mark.parametrize("question", ["1b", "1c", "1d"])
@settings(max_examples=40, derandomize=True, deadline=None, database=None)
@given(data=st.data())
def test_a_rewriting_without_diag_is_proved_equal(question, data):
    """Terms and factors permuted, factored or expanded, tanh' and sigma written out: all proved
    (diag(v)@M, the one form here that is not, is left to sympy and to sampling)."""
    reference, rewriting, _ = CASES[question]
    text = data.draw(rewriting().filter(lambda text: "diag" not in text))
    assert proved(text, reference, SMALL), text


SCALARS = ExprContext.from_declarations({"x": "real", "y": "real"})
_LEAVES = st.sampled_from(["x", "y", "2", "1/3", "-1"])
_UNARY = ["exp", "tanh", "sin", "cos", "sigma", "cosh", "sqrt", "log"]


def _trees(depth: int = 3):
    return st.recursive(
        _LEAVES,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"({t[0]}){t[1]}({t[2]})"),
            st.tuples(inner, st.integers(-2, 3)).map(lambda t: f"({t[0]})**{t[1]}"),
            st.tuples(st.sampled_from(_UNARY), inner).map(lambda t: f"{t[0]}({t[1]})"),
        ),
        max_leaves=6,
    )


def _value(text: str, point: dict):
    try:
        return complex(value_at(parse(text, SCALARS).node, point, 40))
    except Undefined:
        return None


@_SETTINGS
@given(a=_trees(), b=_trees())
def test_a_proof_holds_at_every_point_where_both_sides_have_a_value(a, b):
    """Any two random trees the canonical form calls equal agree numerically (soundness)."""
    if not proves_equal(parse(a, SCALARS).node, parse(b, SCALARS).node):
        return
    for point in ({"x": 0.3, "y": -1.7}, {"x": 2.1, "y": 0.45}, {"x": -0.8, "y": 1.3}):
        left, right = _value(a, point), _value(b, point)
        if left is not None and right is not None:
            assert abs(left - right) <= 1e-25 * max(1.0, abs(left)), (a, b, point)


@_SETTINGS
@given(a=_trees(), b=_trees(), c=_trees())
def test_ring_rewritings_are_proved_and_a_changed_term_is_not(a, b, c):
    """Commuted, distributed and squared-out forms of random trees meet; adding a term never does."""
    rewritings = [(f"({a})*({b})", f"({b})*({a})"),
                  (f"({a})*(({b}) + ({c}))", f"({a})*({b}) + ({c})*({a})"),
                  (f"(({a}) - ({b}))**2", f"({a})**2 - 2*({a})*({b}) + ({b})**2"),
                  (f"exp(({a}) + ({b}))", f"exp({a})*exp({b})")]
    for left, right in rewritings:
        assert proved(left, right, SCALARS) or _too_large(left, right), (left, right)
    for term in ("x", "1", "exp(y)", "x*y**2", "tanh(x)"):
        assert not proved(f"({a}) + {term}", a, SCALARS)


def _too_large(*texts) -> bool:
    """Only a form past the canonical form's bounds may go unproved (it then says nothing)."""
    from grader.expr import canonical

    try:
        for text in texts:
            canonical._form(parse(text, SCALARS).node)
    except canonical._GiveUp:
        return True
    return False

"""Term-level diagnosis of wrong sums, the LaTeX shown beside feedback, and derivatives."""
from __future__ import annotations

import pytest

from test_expr_support import REF_1B, REF_1C, REF_1D, REF_1E, scalars, week08
from grader.expr import ExprError, diagnose, differentiate, equivalent, parse, to_latex

TERM_C_PREV = "o*(1 - tanh(c)**2)*c_prev*Df"

DIAGNOSES = [
    # id, answer, reference, context, expected sentences
    ("1b-lacks-c_prev", "tanh(c)*Do + o*(1 - tanh(c)**2)*(u*Di + i*Du)", REF_1B, week08,
     [f"Your answer lacks the term {TERM_C_PREV}."]),
    ("1b-lacks-first", "o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)", REF_1B, week08,
     ["Your answer lacks the term tanh(c)*Do."]),
    ("1b-one-sign", "tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df - u*Di + i*Du)", REF_1B, week08,
     ["Your answer has the term o*(1 - tanh(c)**2)*u*Di with the wrong sign."]),
    ("1b-extra", REF_1B + " + f*Df", REF_1B, week08,
     ["Your answer has the term f*Df, which the expected answer does not have."]),
    ("1b-double", "2*tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)", REF_1B, week08,
     ["Your answer has the term tanh(c)*Do multiplied by 2; expected once."]),
    ("1b-correct", "tanh(c)*Do + o*(1 - tanh(c)**2)*c_prev*Df + o*(1 - tanh(c)**2)*(u*Di + i*Du)", REF_1B, week08,
     []),
    ("1b-without-o", "tanh(c)*Do + (1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)", REF_1B, week08,
     [f"Your answer has the term (1 - tanh(c)**2)*{t} where the expected answer has o*(1 - tanh(c)**2)*{t}: "
      "the factor o is missing." for t in ("c_prev*Df", "u*Di", "i*Du")]),
    ("1b-without-tanh-derivative", "tanh(c)*Do + o*(c_prev*Df + u*Di + i*Du)", REF_1B, week08,
     [f"Your answer has the term o*{t} where the expected answer has o*(1 - tanh(c)**2)*{t}: "
      "the factor (1 - tanh(c)**2) is missing." for t in ("c_prev*Df", "u*Di", "i*Du")]),
    ("1b-diag-form-lacks-c_prev", "diag(tanh(c))@Do + diag(o*(1 - tanh(c)**2))@(diag(u)@Di + diag(i)@Du)", REF_1B,
     week08, [f"Your answer lacks the term {TERM_C_PREV}."]),
    ("too-many-terms-to-name", "*".join(["(z + c_prev.T@c)"] * 12), "*".join(["(z + c_prev.T@c)"] * 12) + " + z",
     week08, []),
    ("beyond-double-precision", "exp(1000*z) + 2*z", "exp(1000*z) + z", week08, []),
    ("scalar-factor", "4*x*cos(x**12/pi)", "x*cos(x**12/pi)", lambda: scalars(x="real"),
     ["Your answer has the term x*cos(x**12/pi) multiplied by 4; expected once."]),
    ("scalar-sign", "-sigma(z)*(1 - sigma(z))", REF_1C, week08,
     ["Your answer has the term sigma(z)*(1 - sigma(z)) with the wrong sign."]),
    ("unrelated-single-term", "sigma(z)**2", REF_1C, week08, []),
    ("shapes-differ", "tanh(c)", REF_1B, week08, []),
]


@pytest.mark.parametrize("row", DIAGNOSES, ids=[row[0] for row in DIAGNOSES])
def test_diagnosis(row):
    _, answer, reference, make_context, expected = row
    ctx = make_context()
    assert diagnose(parse(answer, ctx), parse(reference, ctx), ctx, seed=2) == expected


def test_week08_missing_one_term_rule_matches_the_diagnosed_term():
    """The lead's rule for 1b compares the answer with `reference - term`; that must be equal."""
    ctx = week08()
    answer = "tanh(c)*Do + o*(1 - tanh(c)**2)*(u*Di + i*Du)"
    assert equivalent(answer, f"({REF_1B}) - ({TERM_C_PREV})", ctx).equal


LATEX = [
    (REF_1D, r"\sigma'\left(\mathrm{Wf} \, x + \mathrm{Uf} \, h_{\mathrm{prev}}\right) \circ \mathrm{Uf}"),
    (REF_1E, r"\frac{\mathrm{Uf}_{\mathrm{d}}}{\left\lVert \mathrm{Uf}_{\mathrm{d}} \right\rVert}"),
    (REF_1C, r"\sigma\left(z\right) \cdot \left(1 - \sigma\left(z\right)\right)"),
    ("exp(-z)/(1 + exp(-z))**2", r"\frac{\exp\left(-z\right)}{\left(1 + \exp\left(-z\right)\right)^{2}}"),
    ("h_prev.T@Uf", r"h_{\mathrm{prev}}^{\top} \, \mathrm{Uf}"),
    ("z**(1/2) - pi", r"z^{\frac{1}{2}} - \pi"),
]


@pytest.mark.parametrize("text, latex", LATEX)
def test_latex(text, latex):
    assert to_latex(parse(text, week08())) == latex


def test_derivative_of_the_sigmoid_is_the_reference():
    ctx = week08()
    derivative = differentiate(parse("sigma(z)", ctx), "z", ctx)
    assert derivative.text == "sigma_prime(z)"
    assert equivalent(derivative, REF_1C, ctx).equal


def test_derivative_of_a_written_out_sigmoid():
    ctx = week08()
    derivative = differentiate(parse("1/(1 + exp(-z))", ctx), "z", ctx)
    assert equivalent(derivative, REF_1C, ctx).equal
    assert not equivalent(derivative, "sigma(z)", ctx).equal


def test_derivative_needs_a_scalar_symbol_and_expression():
    ctx = week08()
    with pytest.raises(ExprError, match="declared scalar symbol"):
        differentiate(parse("sigma(z)", ctx), "Uf", ctx)
    with pytest.raises(ExprError, match="scalar expression"):
        differentiate(parse("Uf*z", ctx), "z", ctx)


ROUND_TRIPS = [
    "diag(o/norm(h_prev))@((i*Df)@Uf)",
    "c*((Uf@c_prev)*Df)",
    "o*(Uf@(c*Df))",
    "(c - (u - i))*Df",
    "z/(2*z)",
    "-(z + 1)**2",
    "(-z)**2",
    "2**3**z",
    "(2**3)**z",
    "(Uf@c).T@(Di@Df)",
]


@pytest.mark.parametrize("text", ROUND_TRIPS)
def test_printed_terms_read_back_as_the_same_expression(text):
    """Terms named in feedback are printed with only the parentheses they need, never fewer."""
    from grader.expr.printing import to_text

    ctx = week08()
    printed = to_text(parse(text, ctx).node)
    assert equivalent(printed, text, ctx, rtol=0, atol=0).equal, printed

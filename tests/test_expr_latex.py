"""The LaTeX reader: each notation of issue 12 read into the plain parser's tree, products decided by
shape, symbols by their spellings, and hostile or ambiguous LaTeX refused with a caret."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_expr_support import WEEK08_SYMBOLS
from grader.expr import ExprContext, ExprError, draw_points, evaluate, parse, to_latex
from grader.expr.latex import is_latex, read, read_latex, spellings
from grader.expr.printing import to_text

SPELLED = {**WEEK08_SYMBOLS, **{f"D{v}": {"shape": ["k", "k"], "latex": [rf"\frac{{\partial {v}_t}}{{\partial h_{{t-1}}}}"]}
                               for v in "iofu"}}


def ctx(**extra) -> ExprContext:
    return ExprContext.from_declarations({**SPELLED, **extra})


READINGS = [
    # LaTeX as a student writes it, the plain notation it must read as
    (r"\frac{1}{1 + e^{-z}}", "1/(1 + E**(-z))"),  # as the plain e^-z
    (r"\dfrac{z}{2}", "z/2"),
    (r"\frac12 z", "1/2*z"),
    (r"z^{2} + z^2", "z**2 + z**2"),
    (r"z^23", "z**2*3"),  # TeX takes one character as the script
    (r"\sqrt{z} + \sqrt[3]{z}", "sqrt(z) + z**(1/3)"),
    (r"\left( z + 1 \right) \left[ z - 1 \right] \{ z \}", "(z + 1)*(z - 1)*z"),
    (r"2 \cdot z \times 3", "2*z*3"),
    (r"2z", "2*z"),
    (r"\sigma(z)(1 - \sigma(z))", "sigma(z)*(1 - sigma(z))"),
    (r"c_t \circ o_t + c_t \odot o_t", "c*o + c*o"),
    (r"x_t^\top + x_t^T + x_t' + x_t^{\top}", "x.T + x.T + x.T + x.T"),
    (r"\|c_t\| + \|c_t\|_2 + \lVert c_t \rVert + \left\| c_t \right\|", "norm(c) + norm(c) + norm(c) + norm(c)"),
    (r"\operatorname{diag}(c_t) U_f", "diag(c)@Uf"),
    (r"\sigma(z) + \sigma'(z)", "sigma(z) + sigma_prime(z)"),
    (r"\tanh(z) + \tanh^2(z) + \tanh^{2} z", "tanh(z) + tanh(z)**2 + tanh(z)**2"),
    (r"1 - \tanh^2(c_t)", "1 - tanh(c)**2"),
    (r"\exp(z) + \exp z + e^{z}", "exp(z) + exp(z) + E**z"),
    (r"\log(z) + \ln z", "log(z) + log(z)"),
    (r"\sin^2 z + \cos^2 z", "sin(z)**2 + cos(z)**2"),
    (r"z \, \cdot \; z \quad + \! 1", "z*z + 1"),
    (r"\sigma'(z) = e^{-z}(1+e^{-z})^{-2}", "E**(-z)*(1 + E**(-z))**(-2)"),  # the last right-hand side
    (r"\hat{h}_{t-1} = \frac{h_{t-1}}{\|h_{t-1}\|} = \frac{U_f^{(d)}}{\|U_f^{(d)}\|}", "Uf_d/norm(Uf_d)"),
    (r"$$z + 1$$", "z + 1"),
    (r"$z + 1$,", "z + 1"),
    (r"\[ z \]", "z"),
    (r"\mathbf{h}_{t-1} + \boldsymbol{c}", "h_prev + c"),
    # symbols: defaults and the spec's spellings
    (r"c_t + c + c_{t-1} + c_{prev} + c_{\mathrm{prev}}", "c + c + c_prev + c_prev + c_prev"),
    (r"U_f + \mathrm{Uf} + U_{f}", "Uf + Uf + Uf"),
    (r"U_f^{(d)} + U_{f,d}", "Uf_d + Uf_d"),
    (r"\frac{\partial o_t}{\partial h_{t-1}} + D_o", "Do + Do"),
    # products by shape
    (r"W_f x_t", "Wf@x"),
    (r"U_f h_{t-1}", "Uf@h_prev"),
    (r"W_f \cdot x_t + W_f \times x_t", "Wf@x + Wf@x"),
    (r"h_{t-1}^\top c_t", "h_prev.T@c"),
    (r"c_t h_{t-1}^\top", "c@h_prev.T"),
    (r"z c_t + c_t z", "z*c + c*z"),
    (r"c_t \frac{\partial f_t}{\partial h_{t-1}}", "c*Df"),  # a vector beside a matrix it cannot multiply: its rows scaled
    (r"U_f U_f", "Uf@Uf"),
]


@pytest.mark.parametrize("latex, plain", READINGS)
def test_each_notation_reads_as_the_plain_form(latex, plain):
    assert read_latex(latex, ctx()).node == parse(plain, ctx()).node


def test_the_seed_students_final_line_reads_as_its_transcription():
    line = (r"\frac{\partial h_t}{\partial h_{t-1}} = \tanh(c_t) \circ \frac{\partial o_t}{\partial h_{t-1}} + o_t \circ"
            r" \left[ (1 - \tanh^2(c_t)) \left( c_{t-1} \circ \frac{\partial f_t}{\partial h_{t-1}} + u_t \circ"
            r" \frac{\partial i_t}{\partial h_{t-1}} + i_t \circ \frac{\partial u_t}{\partial h_{t-1}} \right) \right]")
    expected = parse("tanh(c)*Do + o*((1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du))", ctx())
    got = read_latex(line, ctx())
    assert got.node == expected.node and got.text == expected.text


PRODUCTS = [
    # reading for the operator, LaTeX, plain form it must give (None: refused)
    ({}, r"c_t \cdot o_t", None),  # dot or elementwise?
    ({}, r"c_t o_t", None),
    ({"cdot": "elementwise"}, r"c_t \cdot o_t", "c*o"),
    ({"cdot": "dot"}, r"c_t \cdot o_t", "c.T@o"),
    ({"cdot": "jacobian"}, r"c_t \cdot o_t", "c*o"),
    ({"cdot": "jacobian"}, r"U_f \cdot c_t", "Uf@diag(c)"),
    ({"cdot": "jacobian"}, r"c_t \cdot U_f", "diag(c)@Uf"),
    ({"cdot": "jacobian"}, r"U_f c_t", "Uf@c"),  # juxtaposition keeps the shape reading
    ({"juxtaposition": "elementwise"}, r"c_t o_t", "c*o"),
    ({"times": "dot"}, r"c_t \times o_t + c_t \cdot z", "c.T@o + c*z"),
    ({}, r"U_f x_t", None),  # (k, k) and (d, 1): no product fits
]


@pytest.mark.parametrize("readings, latex, plain", PRODUCTS)
def test_products_by_shape_and_the_readings_a_spec_may_choose(readings, latex, plain):
    if plain is None:
        with pytest.raises(ExprError) as error:
            read_latex(latex, ctx(), readings)
        assert error.value.position == latex.index(r"\cdot") if r"\cdot" in latex else error.value.position is not None
        return
    assert read_latex(latex, ctx(), readings).node == parse(plain, ctx()).node


def test_two_vectors_side_by_side_are_refused_naming_both_readings():
    with pytest.raises(ExprError) as error:
        read_latex(r"c_t \cdot o_t", ctx())
    assert "ambiguous" in error.value.message and r"\circ" in error.value.message and "dot" in error.value.message
    assert error.value.render().splitlines()[-1] == "    " + " " * 4 + "^"


REFUSED = [
    # LaTeX, a fragment of the message, the character the caret is under
    (r"h_t + 1", "unknown name `h_t`", "h"),
    (r"c_{t-2}", "unknown name `c_{t-2}`", "c"),
    (r"W_f^{(d)} x_t", "unknown name `W_f^{(d)}`", "W"),
    (r"\theta z", "unknown name `\\theta`", "\\"),
    (r"\frac{\partial c_t}{\partial z}", "a derivative is one of the question's symbols", "\\"),
    (r"c_t^2", "a power of a vector or matrix is ambiguous", "^"),
    (r"\tanh^{-1}(z)", "inverse function or 1/", "^"),
    (r"\left( z \right]", "closed by `]`", "]"),
    (r"\frac{z}{", "not closed", "{"),
    (r"z + \dots + z", "write out every term", "\\"),
    (r"z \pm 1", "two answers", "\\"),
    (r"z = ", "nothing after the last `=`", "="),
    (r"z \leq 1", "comparisons", "\\"),
    (r"$$z$$ \\ $$z$$", "write one formula", "\\"),
    (r"\|c_t\|_1", "only the Euclidean norm", "_"),
    (r"z + ", "operand is missing", None),
    (r"\operatorname{foo}(z)", "unknown name `foo`", "\\"),
    (r"z σ", "unexpected character `σ`; write LaTeX commands", "σ"),
]


@pytest.mark.parametrize("latex, message, caret", REFUSED)
def test_malformed_or_ambiguous_latex_is_refused_with_a_caret(latex, message, caret):
    with pytest.raises(ExprError) as error:
        read_latex(latex, ctx())
    assert message in error.value.message
    if caret is not None:
        assert latex[error.value.position] == caret


def test_an_unknown_name_lists_the_accepted_spellings():
    with pytest.raises(ExprError) as error:
        read_latex(r"h_t", ctx())
    assert "accepted LaTeX names" in error.value.message
    assert r"h_{t-1}" in error.value.message and r"\frac{\partial o_t}{\partial h_{t-1}} or D_{o} (Do)" in error.value.message


HOSTILE = [
    r"\input{/etc/passwd}",
    r"\include{x}",
    r"\def\x{z} \x",
    r"\newcommand{\x}{z} \x",
    r"\catcode`\^=11 z",
    r"\csname z\endcsname",
    r"\write18{rm -rf /}",
    r"\immediate\write18{ls}",
    r"\expandafter z",
    r"^{9^{9^{9}}}",
    r"9^{9^{9^{9}}}",
    r"z^{9^{9^{9}}}",
    "\\frac{" * 60 + "z" + "}{2}" * 60,
    "\\frac{" * 2000 + "z" + "}{2}" * 2000,
    "{" * 500 + "z" + "}" * 500,
    "\\sqrt{" * 45 + "z" + "}" * 45,
    "z+" * 3000 + "z",
    r"\left(" * 100 + "z" + r"\right)" * 100,
    "\\|" * 41 + "z" + "\\|" * 41,
    r"10^{10000000}",
    r"e^{e^{e^{e^{e^{e^{z}}}}}}" + "^{99999}",
    r"\text{" + "a" * 3000 + "}",
    "\x00\\frac{z}{2}",
]


@pytest.mark.parametrize("latex", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_latex_is_refused_with_a_message(latex):
    """Each is refused (benchmarks/latex_reader.py times the same table against the plain parser)."""
    with pytest.raises(ExprError) as error:
        read_latex(latex, ctx())
    assert error.value.message and "Traceback" not in error.value.message


def test_plain_answers_stay_plain_and_latex_is_recognised():
    for plain in ("c_prev*Df + u*Di", "z**2", "sigma(z)*(1 - sigma(z))", "Uf@diag(c)"):
        assert not is_latex(plain)
        assert read(plain, ctx()).node == parse(plain, ctx()).node
    assert all(is_latex(text) for text in (r"\frac{1}{2}", "$z$", "x_{t}", r"\[z\]"))
    assert read("W_f x_t", ctx()).text == "Wf@x"  # not plain notation (W_f is not declared), but LaTeX
    with pytest.raises(ExprError) as error:  # neither reads: the plain message stands
        read("z +", ctx())
    assert "operand" in error.value.message or "not a valid expression" in error.value.message


def test_a_name_spelled_two_ways_by_defaults_is_ambiguous_and_the_spec_decides():
    two = ExprContext.from_declarations({"c": "real", "c_t": "real"})
    assert read_latex("c_t", two).text == "c_t"  # a name's own spelling beats the time convention
    clash = {"a_prev": "real", "a_t1": "real"}
    assert read_latex("a_{t-1}", ExprContext.from_declarations(clash)).text == "a_prev"
    spelled = ExprContext.from_declarations({"p": {"domain": "real", "latex": ["\\rho_t"]}})
    assert read_latex(r"2\rho_t", spelled).text == "2*p"
    with pytest.raises(ValueError, match="given for both"):
        spellings(ExprContext.from_declarations({"p": {"latex": ["q"]}, "r": {"latex": ["q"]}}))
    with pytest.raises(ValueError, match="does not read"):
        spellings(ExprContext.from_declarations({"p": {"latex": ["p\u00a7"]}}))
    with pytest.raises(ValueError, match="latex must be"):
        ExprContext.from_declarations({"p": {"latex": [3]}})


# Random expressions over week08's shapes, printed to LaTeX by the grader's own printer, read back.
LEAVES = {(): ["z", "2", "3"], ("k", 1): ["c", "o", "c_prev", "Uf_d"], ("k", "k"): ["Do", "Uf"],
          ("d", 1): ["x"], ("k", "d"): ["Wf"]}


def _expressions(depth: int):
    shapes = st.sampled_from(sorted(LEAVES, key=str))
    if depth == 0:
        return shapes.flatmap(lambda shape: st.sampled_from(LEAVES[shape]).map(lambda text: (text, shape)))
    inner = _expressions(depth - 1)

    def combine(pair):
        (a, sa), (b, sb) = pair
        options = [(f"tanh({a})", sa), (f"sigma({a})", sa), (f"-({a})", sa)]
        if sa == sb:
            options += [(f"({a}) + ({b})", sa), (f"({a})*({b})", sa)]
        if not sa or not sb:
            options.append((f"({a})*({b})", sa or sb))
        if not sb:
            options.append((f"({a})/(1 + ({b})**2)", sa))
        if sa and sb and sa[1] == sb[0]:
            options.append((f"({a})@({b})", (sa[0], sb[1])))
        if sa:
            options.append((f"({a}).T", sa[::-1]))
        return st.sampled_from(options)

    return st.tuples(inner, inner).flatmap(combine)


@settings(max_examples=100, deadline=None)
@given(_expressions(3))
def test_one_tree_printed_in_both_notations_reads_back_the_same(pair):
    """The grader's printers write one tree as LaTeX and as plain text; both readers agree on them."""
    original = parse(pair[0], ctx())
    latex, plain = read_latex(to_latex(original), ctx()), parse(to_text(original.node), ctx())
    assert latex.shape == plain.shape == original.shape
    for point in draw_points(ctx(), pair[0], 2):  # the same values (the trees may group signs differently)
        assert np.allclose(evaluate(latex, ctx(), point), evaluate(plain, ctx(), point), rtol=1e-12, atol=0)

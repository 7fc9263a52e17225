"""The safe parser: lenient notation read as intended, hostile or malformed text refused with a
message for the student (and a position where there is one), shapes checked as they are built."""
from __future__ import annotations

import pytest

from test_expr_support import scalars, week08
from grader.expr import ExprError, parse

SAME_AS = [
    # lenient text, strict equivalent
    ("2z", "2*z"),
    ("2 z", "2*z"),
    ("z^2", "z**2"),
    ("z\u00b2", "z**2"),
    ("ln(z)", "log(z)"),
    ("abs(z)", "Abs(z)"),
    ("sigma(z)(1 - sigma(z))", "sigma(z)*(1 - sigma(z))"),
    ("(z + 1)(z - 1)", "(z + 1)*(z - 1)"),
    ("z(1 - z)", "z*(1 - z)"),
    ("3\u00d7z \u2212 1", "3*z - 1"),
    ("\u03c3(z)\u00b7\u03c0", "sigma(z)*pi"),
    ("e^z", "E**z"),
    ("2(z + 1)", "2*(z + 1)"),
    ("+z", "z"),
    ("\uff12\uff5a\uff3e\uff12", "2*z**2"),  # fullwidth digits, letters and caret
    ("z\n + 1", "z + 1"),
    ("exp(-z)/(exp(-z) + 1)**2", "exp(-z)/(exp(-z) + 1)**2"),  # what str() of a sympy expression prints
]


@pytest.mark.parametrize("lenient, strict", SAME_AS)
def test_lenient_notation_reads_as_the_strict_form(lenient, strict):
    ctx = week08()
    assert parse(lenient, ctx).node == parse(strict, ctx).node


def test_a_declared_e_is_a_symbol_not_eulers_number():
    assert parse("e", scalars(e="real")).node.op == "sym"
    assert parse("e", scalars(z="real")).node.op == "const"


def test_decimals_are_exact_fractions():
    from fractions import Fraction

    assert parse("0.1", week08()).node.value == Fraction(1, 10)
    assert parse("5.1e-2", week08()).node.value == Fraction(51, 1000)


SHAPES = [
    ("z", ()),
    ("Uf@h_prev", ("k", 1)),
    ("Wf@x + Uf@h_prev", ("k", 1)),
    ("sigma_prime(Wf@x + Uf@h_prev)*Uf", ("k", "k")),
    ("diag(c)", ("k", "k")),
    ("diag(Uf)", ("k", 1)),
    ("norm(Uf_d)", ()),
    ("Uf_d.T", (1, "k")),
    ("(Uf_d/norm(Uf_d)).T", (1, "k")),
    ("Uf_d.T@Uf_d", (1, 1)),
    ("x.T*Wf", ("k", "d")),
    ("2 + Uf", ("k", "k")),
    ("c*c_prev.T", ("k", "k")),
]


@pytest.mark.parametrize("text, shape", SHAPES)
def test_shapes(text, shape):
    assert parse(text, week08()).shape == shape


def test_names_and_functions_used():
    expr = parse("sigma_prime(Wf@x + Uf@h_prev)*Uf + ln(2)", week08())
    assert expr.names == {"Wf", "x", "Uf", "h_prev"}
    assert expr.functions == {"sigma_prime", "log"}


REFUSED = [
    # id, text, part of the message
    ("dunder-import", "__import__(os)", "names starting with _"),
    ("import-string", "__import__('os').system('ls')", "quotes are not allowed"),
    ("attribute", "z.__class__", "only `.T`"),
    ("attribute-method", "Uf.dot(x)", "only `.T`"),
    ("tower-of-powers", "9**9**9**9", "exponent is too large"),
    ("huge-power", "2**10**5", "exponent is too large"),
    ("symbolic-huge-exponent", "z**(10**6)", "exponent is too large"),
    ("huge-literal", "1e99999", "too large"),
    ("deep-parentheses", "(" * 100 + "z" + ")" * 100, "nested too deeply"),
    ("deep-unary", "-" * 400 + "z", "nested too deeply"),
    ("long-power-chain", "z" + "**z" * 200, "nested too deeply"),
    ("too-long", "z+" * 1500 + "z", "too long"),
    ("lambda", "lambda z: z", "not allowed"),
    ("comprehension", "[z for z in x]", "square brackets"),
    ("subscript", "x[0]", "square brackets"),
    ("conditional", "z if z else z", "`if` is not allowed"),
    ("exec-call", "exec(z)", "unknown function `exec`"),
    ("open-call", "open(z)", "unknown function `open`"),
    ("equation", "z == 1", "`=` is not allowed"),
    ("walrus", "(y := 1)", "`:` is not allowed"),
    ("floor-division", "z // 2", "floor division"),
    ("modulo", "z % 2", "unexpected character `%`"),
    ("bit-xor-tilde", "~z", "unexpected character `~`"),
    ("semicolon", "z; z", "`;` is not allowed"),
    ("invisible-character", "z\u200b + 1", "unexpected character `U+200B`"),
    ("nul-byte", "z\x00", "unexpected character `U+0000`"),
    ("superscript-four", "2\u2074", "write powers with ^"),
    ("subscript-one", "x\u2081", "indices with _"),
    ("vulgar-half", "\u00bdz", "fractions with /"),
    ("unknown-name", "y + 1", "unknown name `y`"),
    ("unknown-function", "g(z)", "unknown function `g`"),
    ("function-as-value", "exp*z", "`exp` is a function"),
    ("dimension-as-value", "k*z", "is a dimension"),
    ("arity", "sigma(z, z)", "takes 1 argument"),
    ("keyword-argument", "sigma(z=1)", "`=` is not allowed"),
    ("two-numbers", "2 3", "two numbers in a row"),
    ("unclosed", "((z)", "not closed"),
    ("unopened", "z)", "no opening"),
    ("empty", "   ", "empty"),
    ("dangling-operator", "z +", "not a valid expression"),
    ("matmul-inner", "Uf@x", "`@` needs inner dimensions to match: (k, k) @ (d, 1)"),
    ("matmul-scalar", "z@Uf", "`@` needs a vector or matrix on both sides"),
    ("broadcast", "x*Uf", "`*` needs shapes that match or broadcast: (d, 1) * (k, k)"),
    ("broadcast-add", "x + c", "`+` needs shapes that match or broadcast"),
    ("diag-scalar", "diag(z)", "diag(...) needs a vector or a square matrix"),
    ("matrix-exponent", "z**Uf", "exponent must be a scalar"),
    ("factorial-huge", "factorial(10**5)", "above 1000"),
    ("scalar-function-on-matrix", "binomial(Uf, 2)", "takes scalars"),
]


@pytest.mark.parametrize("row", REFUSED, ids=[row[0] for row in REFUSED])
def test_refused_with_a_message(row):
    _, text, fragment = row
    with pytest.raises(ExprError) as caught:
        parse(text, week08())
    assert fragment in caught.value.message


def test_unknown_names_list_what_is_allowed():
    with pytest.raises(ExprError) as caught:
        parse("y + 1", week08())
    assert "allowed names: Df, Di, Do, Du, Uf, Uf_d, Wf, c, c_prev, f, h_prev, i, o, u, x, z" in caught.value.message
    with pytest.raises(ExprError) as caught:
        parse("sigmoid(z)", week08())
    assert "allowed functions: Abs," in caught.value.message and "sigma_prime" in caught.value.message


def test_render_puts_a_caret_under_the_fault():
    with pytest.raises(ExprError) as caught:
        parse("Uf@x + 1", week08())
    message, line, caret = caught.value.render().splitlines()
    assert "(at character 3)" in message
    assert line.strip() == "Uf@x + 1"
    assert caret.index("^") == line.index("@")


def test_position_points_into_the_original_text_after_rewriting():
    with pytest.raises(ExprError) as caught:
        parse("2z\u00b7\u03c3(z) + y", week08())
    assert caught.value.position == "2z\u00b7\u03c3(z) + y".index("y")


def test_functions_can_be_restricted():
    from grader.expr import ExprContext

    ctx = ExprContext.from_declarations({"z": "real"}, functions=["sigma", "exp"])
    assert parse("sigma(z) + exp(z)", ctx).functions == {"sigma", "exp"}
    with pytest.raises(ExprError, match="`tanh` is not allowed here"):
        parse("tanh(z)", ctx)


def test_non_text_is_refused():
    with pytest.raises(ExprError, match="must be text"):
        parse(42, week08())


@pytest.mark.parametrize("text, shape", SHAPES)
def test_every_shape_has_a_sympy_form(text, shape):
    form = parse(text, week08()).sympy
    assert bool(getattr(form, "is_Matrix", False)) == bool(shape)


def test_sympy_form_of_a_scalar_answer():
    import sympy

    from grader.expr.sympy_build import sigma

    z = sympy.Symbol("z", real=True)
    assert parse("sigma(z)(1 - sigma(z)) + ln(2)", week08()).sympy == sigma(z) * (1 - sigma(z)) + sympy.log(2)


def _sympy_answers():
    import sympy

    z = sympy.Symbol("z")
    sigma = sympy.Function("sigma")
    return [
        (sympy.exp(-z) / (1 + sympy.exp(-z)) ** 2, "exp(-z)/(1 + exp(-z))**2"),
        (1 / (1 + sympy.exp(-z)) * (1 - 1 / (1 + sympy.exp(-z))), "sigma(z)*(1 - sigma(z))"),
        (sigma(z) * (1 - sigma(z)), "sigma(z)*(1 - sigma(z))"),
        (sympy.Float(0.5) * z**2 - sympy.sqrt(2) * z, "z**2/2 - sqrt(2)*z"),
        (sympy.Rational(1, 3) * z ** sympy.Rational(-3, 2) + sympy.pi * sympy.I, "1/(3*z**(3/2)) + pi*I"),
        (sympy.tanh(z) ** 2 - 1 + sympy.E ** z, "tanh(z)**2 - 1 + exp(z)"),
    ]


@pytest.mark.parametrize("index", range(6))
def test_reads_what_str_of_a_sympy_expression_prints(index):
    from grader.expr import equivalent

    value, meaning = _sympy_answers()[index]
    ctx = week08()
    assert equivalent(str(value), meaning, ctx, rtol=0, atol=0).equal, str(value)

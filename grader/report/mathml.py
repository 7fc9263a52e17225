"""Expression trees as presentation MathML, which browsers lay out natively (no script, works offline).

Reads the same trees and precedences as the LaTeX printer (grader/expr/printing.py): `*` between
vectors or matrices is the Hadamard product ∘, `@` is juxtaposition, `.T` a superscript ⊤.
"""
from __future__ import annotations

from html import escape

from grader.expr.nodes import Node
from grader.expr.printing import precedence

_GREEK = {name: chr(code) for name, code in (
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3B5), ("zeta", 0x3B6),
    ("eta", 0x3B7), ("theta", 0x3B8), ("iota", 0x3B9), ("kappa", 0x3BA), ("lambda", 0x3BB), ("mu", 0x3BC),
    ("nu", 0x3BD), ("xi", 0x3BE), ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3), ("tau", 0x3C4),
    ("upsilon", 0x3C5), ("phi", 0x3C6), ("chi", 0x3C7), ("psi", 0x3C8), ("omega", 0x3C9),
    ("Gamma", 0x393), ("Delta", 0x394), ("Theta", 0x398), ("Lambda", 0x39B), ("Xi", 0x39E), ("Pi", 0x3A0),
    ("Sigma", 0x3A3), ("Phi", 0x3A6), ("Psi", 0x3A8), ("Omega", 0x3A9),
)}
_CONSTANT = {"pi": "π", "E": "e", "e": "e", "I": "i"}
_FUNCTION_NAME = {"log": "log", "asin": "arcsin", "acos": "arccos", "atan": "arctan", "asinh": "arsinh",
                  "acosh": "arcosh", "atanh": "artanh", "re": "Re", "im": "Im", "gamma": "Γ", "sigma": "σ"}
_OPERATOR = {"add": "+", "sub": "−", "div": "/"}
_JUXTAPOSE = '<mspace width="0.2em"/><mo>&#x2062;</mo>'  # a thin space, like LaTeX's \, between factors


def to_mathml(node: Node, display: str = "inline") -> str:
    """A whole <math> element for one expression tree."""
    return f'<math display="{display}">{_m(node)}</math>'


def _m(node: Node) -> str:
    op = node.op
    if op == "num":
        return _number(node)
    if op in ("sym", "bound", "dim"):  # a symbol, a summation's index, a dimension (Identity(k))
        return _name(node.value)
    if op == "const":
        return f"<mi>{_CONSTANT.get(node.value, escape(node.value))}</mi>"
    if op == "call":
        return _call(node)
    if op == "neg":
        return f"<mrow><mo>−</mo>{_wrapped(node.args[0], 20)}</mrow>"
    if op == "T":
        return f"<msup>{_wrapped(node.args[0], 41)}<mo>⊤</mo></msup>"
    left, right = node.args
    if op == "div":
        return f"<mfrac>{_m(left)}{_m(right)}</mfrac>"
    if op in ("pow", "matpow"):
        return f"<msup>{_wrapped(left, 31)}{_m(right)}</msup>"
    if op in ("add", "sub"):
        return f"<mrow>{_m(left)}<mo>{_OPERATOR[op]}</mo>{_wrapped(right, 10 if op == 'add' else 11)}</mrow>"
    if op == "mul":
        joiner = "∘" if left.shape and right.shape else "·"
        return f"<mrow>{_wrapped(left, 20)}<mo>{joiner}</mo>{_wrapped(right, 21)}</mrow>"
    return f"<mrow>{_wrapped(left, 20)}{_JUXTAPOSE}{_wrapped(right, 21)}</mrow>"  # matmul


def _number(node: Node) -> str:
    value = node.value
    if value.denominator == 1:
        digits = f"<mn>{abs(value.numerator)}</mn>"
    else:
        digits = f"<mfrac><mn>{abs(value.numerator)}</mn><mn>{value.denominator}</mn></mfrac>"
    return f"<mrow><mo>−</mo>{digits}</mrow>" if value < 0 else digits


def _name(name: str) -> str:
    base, _, sub = name.partition("_")
    shown = f"<mi>{_GREEK.get(base, escape(base))}</mi>"
    return f"<msub>{shown}<mi>{escape(sub)}</mi></msub>" if sub else shown


def _call(node: Node) -> str:
    name, args = node.value, node.args
    inner = "<mo>,</mo>".join(_m(arg) for arg in args)
    if name == "sqrt":
        return f"<msqrt>{inner}</msqrt>"
    if name == "Abs":
        return f"<mrow><mo>|</mo>{inner}<mo>|</mo></mrow>"
    if name == "norm":
        return f"<mrow><mo>‖</mo>{inner}<mo>‖</mo></mrow>"
    if name == "conjugate":
        return f'<mover>{_wrapped(args[0], 50)}<mo stretchy="true">¯</mo></mover>'
    if name == "factorial":
        return f"<mrow>{_wrapped(args[0], 50)}<mo>!</mo></mrow>"
    if name == "binomial":
        return (f'<mrow><mo>(</mo><mfrac linethickness="0">{_m(args[0])}{_m(args[1])}</mfrac>'
                f"<mo>)</mo></mrow>")
    if name == "sigma_prime":
        head = "<msup><mi>σ</mi><mo>′</mo></msup>"
    else:
        head = f"<mi>{escape(_FUNCTION_NAME.get(name, name))}</mi>"
    return f"<mrow>{head}<mo>&#x2061;</mo><mrow><mo>(</mo>{inner}<mo>)</mo></mrow></mrow>"


def _wrapped(node: Node, limit: int) -> str:
    shown = _m(node)
    return f"<mrow><mo>(</mo>{shown}<mo>)</mo></mrow>" if precedence(node) < limit else shown

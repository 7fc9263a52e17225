"""Trees back to text: the answer notation (for messages naming a term) and LaTeX (for feedback)."""
from __future__ import annotations

from fractions import Fraction

from grader.expr.functions import FUNCTIONS
from grader.expr.nodes import Expr, Node

_PRECEDENCE = {"add": 10, "sub": 10, "mul": 20, "div": 20, "matmul": 20, "neg": 25, "pow": 30, "matpow": 30, "T": 40}
_TEXT_OPERATOR = {"add": " + ", "sub": " - ", "mul": "*", "div": "/", "matmul": "@", "pow": "**", "matpow": "**"}
_LATEX_CONSTANT = {"pi": r"\pi", "E": "e", "I": "i"}


def precedence(node: Node) -> int:
    if node.op == "num" and (node.value < 0 or node.value.denominator != 1):
        return 20
    return _PRECEDENCE.get(node.op, 50)


_REGROUPS = {"add": {"add", "sub"}, "mul": {"mul", "div"}, "matmul": {"matmul"}}


def _spine(node: Node) -> set[str]:
    """Binary operators met going down the left edge: what a reader would regroup with."""
    ops = set()
    while node.op in ("add", "sub", "mul", "div", "matmul"):
        ops.add(node.op)
        node = node.args[0]
    return ops


def to_text(node: Node) -> str:
    """The tree in answer notation, with only the parentheses it needs."""
    op = node.op
    if op == "num":
        return _fraction_text(node.value)
    if op in ("sym", "const", "bound", "dim"):
        return node.value
    if op == "call":
        return f"{node.value}({', '.join(to_text(arg) for arg in node.args)})"
    if op == "neg":
        return "-" + _wrap(node.args[0], 20, to_text)
    if op == "T":
        return _wrap(node.args[0], 40, to_text) + ".T"
    left, right = node.args
    mine = precedence(node)
    left_limit = mine if op not in ("pow", "matpow") else mine + 1
    associative = op in ("add", "mul", "matmul") and right.op == op and _spine(right) <= _REGROUPS[op]
    right_limit = mine + 1 if op in ("sub", "div", "mul", "matmul") and not associative else mine
    return _wrap(left, left_limit, to_text) + _TEXT_OPERATOR[op] + _wrap(right, right_limit, to_text)


def to_latex(expr: Expr | Node) -> str:
    """LaTeX for feedback: `*` on vectors and matrices as the Hadamard product, `@` as juxtaposition."""
    return _latex(expr.node if isinstance(expr, Expr) else expr)


def _latex(node: Node) -> str:
    op = node.op
    if op == "num":
        value = node.value
        if value.denominator == 1:
            return str(value.numerator)
        sign = "-" if value < 0 else ""
        return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    if op in ("sym", "bound", "dim"):
        return _latex_name(node.value)
    if op == "const":
        return _LATEX_CONSTANT[node.value]
    if op == "call":
        return _latex_call(node)
    if op == "neg":
        return "-" + _wrap(node.args[0], 20, _latex, latex=True)
    if op == "T":
        return _wrap(node.args[0], 40, _latex, latex=True) + r"^{\top}"
    left, right = node.args
    if op == "div":
        return rf"\frac{{{_latex(left)}}}{{{_latex(right)}}}"
    if op in ("pow", "matpow"):
        return _wrap(left, 31, _latex, latex=True) + f"^{{{_latex(right)}}}"
    if op in ("add", "sub"):
        sign, limit = (" + ", 10) if op == "add" else (" - ", 11)
        return _latex(left) + sign + _wrap(right, limit, _latex, latex=True)
    hadamard = op == "mul" and left.shape and right.shape
    joiner = r" \circ " if hadamard else r" \, " if op == "matmul" else r" \cdot "
    right_text = _wrap(right, 21, _latex, latex=True)
    if right_text.startswith("-"):  # A \, -B reads as A - B, and a \circ -z \cdot c as (a \circ -z) \cdot c
        right_text = rf"\left({right_text}\right)"
    return _wrap(left, 20, _latex, latex=True) + joiner + right_text


def _latex_call(node: Node) -> str:
    template = FUNCTIONS[node.value].latex
    args = [_latex(arg) for arg in node.args]
    if "{0}" in template:
        return template.format(*args)
    head = template.replace("{{", "{").replace("}}", "}")  # a command, written like the templates
    return rf"{head}\left({', '.join(args)}\right)"


def _latex_name(name: str) -> str:
    base, _, sub = name.partition("_")
    base = base if len(base) == 1 else rf"\mathrm{{{base}}}"
    return f"{base}_{{\\mathrm{{{sub}}}}}" if sub else base


def _wrap(node: Node, limit: int, render, latex: bool = False) -> str:
    text = render(node)
    if precedence(node) < limit:
        return rf"\left({text}\right)" if latex else f"({text})"
    return text


def _fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"

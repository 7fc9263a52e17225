"""Answers written in LaTeX, read into the same tree as the plain notation (never by sympy's LaTeX
parser, never evaluated): lexer -> symbol spellings -> translation to strict Python text -> the plain
parser's builder, with products decided by shape (products.py)."""
from __future__ import annotations

import re
from typing import Mapping

from grader.expr.context import ExprContext
from grader.expr.errors import ExprError
from grader.expr.functions import FUNCTIONS, Acts
from grader.expr.latex.lexer import Token, lex
from grader.expr.latex.products import OPERATORS, READINGS, resolver
from grader.expr.latex.spellings import spellings
from grader.expr.latex.translate import translate
from grader.expr.nodes import Expr
from grader.expr.parser import build, parse
from grader.expr.printing import to_text

_SIGNALS = re.compile(r"[\\${}]")
_TRAILING = {",", ".", ";"}

__all__ = ["is_latex", "read", "read_latex", "latex_source", "spellings", "OPERATORS", "READINGS"]


def is_latex(text: object) -> bool:
    """LaTeX is recognised by a backslash, a `$` or braces, none of which the plain notation uses."""
    return isinstance(text, str) and _SIGNALS.search(text) is not None


def read(text: str, ctx: ExprContext, products: Mapping[str, str] | None = None) -> Expr:
    """An answer in either notation; LaTeX comes back as the Expr of its plain reading.

    Text without LaTeX's signs is plain notation; only if it does not read as such (`U_f x_t`,
    `c_t'`) is it tried as LaTeX, and the plain message stands when neither reads.
    """
    if is_latex(text):
        return read_latex(text, ctx, products)
    try:
        return parse(text, ctx)
    except ExprError as plain_error:
        try:
            return read_latex(text, ctx, products)
        except ExprError:
            raise plain_error from None


def read_latex(text: str, ctx: ExprContext, products: Mapping[str, str] | None = None) -> Expr:
    """Read LaTeX `text` in `ctx`; raise ExprError (positions into `text`) if it cannot be read.

    The Expr's text is the plain notation of the reading, so every later step (rules, transposes,
    the self-check) works on it exactly as on a plain answer.
    """
    tokens = last_side(lex(text), text)
    try:
        names = spellings(ctx)
    except ValueError as exc:  # validated with the spec; here only for a context built by hand
        raise ExprError(str(exc)) from None
    translation = translate(tokens, text, ctx, names)
    expr = build(text, translation.source(), ctx, resolver(translation.products, products or {}))
    _check_powers(expr, translation.function_powers, text)
    return Expr(to_text(expr.node), expr.node, ctx)


def latex_source(text: str) -> str:
    """The formula without math delimiters (the lexer ignores them anywhere), for showing it back to
    the student inside the report's own `$$ ... $$`."""
    for delimiter in ("$", "\\[", "\\]", "\\(", "\\)"):
        text = text.replace(delimiter, " ")
    return " ".join(text.split())


def last_side(tokens: list[Token], text: str) -> list[Token]:
    """An equation's last right-hand side (`\\sigma'(z) = ... = (1 - \\sigma(z))\\sigma(z)`), with
    trailing punctuation dropped."""
    depth, start = 0, 0
    for index, token in enumerate(tokens):
        depth += {"{": 1, "(": 1, "[": 1, r"\{": 1, "}": -1, ")": -1, "]": -1, r"\}": -1}.get(token.text, 0)
        if token.text == "=" and depth == 0:
            start = index + 1
    side = tokens[start:]
    while side and side[-1].text in _TRAILING:
        side = side[:-1]
    if not side:
        where = tokens[start - 1].position if start else None
        raise ExprError("there is nothing after the last `=`", text, where)
    return side


def _check_powers(expr: Expr, function_powers: set[int], text: str) -> None:
    """`v^2` of a vector or matrix is refused (elementwise power, matrix power or v^T v?), but
    `\\tanh^2(v)` and `\\tanh(v)^2` square each entry, as \\tanh itself acts entry by entry."""
    for node in expr.node.walk():
        base = node.args[0] if node.args else None
        entrywise = base is not None and base.op == "call" and FUNCTIONS[base.value].acts is Acts.ELEMENTWISE
        if node.op == "pow" and base.shape and not entrywise and node.position not in function_powers:
            raise ExprError("a power of a vector or matrix is ambiguous in LaTeX (elementwise or matrix power?); "
                            "write the product out, e.g. v \\circ v", text, node.position)

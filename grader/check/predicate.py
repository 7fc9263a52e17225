"""Exact conditions on an integer answer, e.g. `floor((n + 2 - 9)/3) + 1 == 16`.

The condition is the instructor's, but it is still read through a whitelisted syntax tree
and computed with exact fractions, never evaluated as Python.
"""
from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass
from fractions import Fraction

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_FUNCTIONS = {"floor": math.floor, "ceil": math.ceil, "abs": abs}
_MAX_EXPONENT = 64
_MAX_MAGNITUDE = Fraction(10) ** 100


@dataclass(frozen=True)
class Predicate:
    text: str
    variable: str
    tree: ast.Expression

    def holds(self, value: int) -> bool:
        return bool(_evaluate(self.tree.body, {self.variable: Fraction(value)}))


def compile_predicate(text: str, variable: str = "n") -> Predicate:
    """Parse `text`; raise ValueError naming what is not allowed."""
    if len(text) > 500:
        raise ValueError("the condition is longer than 500 characters")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"the condition does not parse: {exc.msg}") from None
    _validate(tree.body, variable)
    if not isinstance(tree.body, (ast.Compare, ast.BoolOp)):
        raise ValueError("the condition must compare, e.g. `floor((n + 2 - 9)/3) + 1 == 16`")
    return Predicate(text, variable, tree)


def _validate(node: ast.AST, variable: str) -> None:
    allowed = (ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.Call, ast.Name, ast.Constant)
    allowed_ops = (ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or, ast.Pow, ast.Load, *_BINARY, *_COMPARE)
    for child in ast.walk(node):
        if isinstance(child, allowed_ops):
            continue
        if not isinstance(child, allowed):
            raise ValueError(f"`{type(child).__name__}` is not allowed in a condition")
        if isinstance(child, ast.Name) and child.id not in (variable, *_FUNCTIONS):
            raise ValueError(f"unknown name `{child.id}`; use `{variable}` and {', '.join(_FUNCTIONS)}")
        if isinstance(child, ast.Call) and not (
            isinstance(child.func, ast.Name) and child.func.id in _FUNCTIONS and len(child.args) == 1
        ):
            raise ValueError(f"only {', '.join(_FUNCTIONS)} of one argument may be called")
        if isinstance(child, ast.Constant) and type(child.value) not in (int, float):
            raise ValueError(f"only numbers may appear, not {child.value!r}")


def _evaluate(node: ast.AST, names: dict[str, Fraction]):
    if isinstance(node, ast.Constant):
        return Fraction(node.value)
    if isinstance(node, ast.Name):
        return names[node.id]
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, names)
        return (not value) if isinstance(node.op, ast.Not) else (-value if isinstance(node.op, ast.USub) else value)
    if isinstance(node, ast.BoolOp):
        values = (_evaluate(item, names) for item in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, names)
        for op, right_node in zip(node.ops, node.comparators):
            right = _evaluate(right_node, names)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call):
        return Fraction(_FUNCTIONS[node.func.id](_evaluate(node.args[0], names)))
    left, right = _evaluate(node.left, names), _evaluate(node.right, names)
    if isinstance(node.op, ast.Pow):
        if right.denominator != 1 or abs(right) > _MAX_EXPONENT:
            raise ValueError("powers in a condition must have a whole exponent of at most 64")
        result = left ** int(right)
    elif isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)) and right == 0:
        raise ValueError("the condition divides by zero for this answer")
    else:
        result = _BINARY[type(node.op)](left, right)
    if abs(result) > _MAX_MAGNITUDE:
        raise ValueError("a value in the condition exceeds 10**100")
    return result

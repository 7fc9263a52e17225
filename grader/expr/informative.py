"""Points where every function says something: the arguments of saturating functions (sigma,
tanh, exp, ...) are kept where their values are not flat, by shrinking the point's free values.

At a point where sigma's argument is 180, sigma(x)*(1 - sigma(x)) and sigma_prime(x) differ
only by cancellation and both are ~1e-78: such a point tests nothing. Values fixed by the
question's domain (an interval, integers) are never changed, so a domain that asks for large
arguments gets them; confirmation at higher precision then keeps the verdict right.
"""
from __future__ import annotations

import numpy as np

from grader.expr.context import ExprContext
from grader.expr.functions import FUNCTIONS
from grader.expr.nodes import Node
from grader.expr.numeric import OutOfTime, Undefined, entries, value_at

SHRINK, MAX_SHRINKS, CHECK_DPS = 0.5, 12, 15


def saturating_arguments(*trees: Node) -> list[tuple[Node, float]]:
    """(argument, the largest |argument| where the function is informative) for every call that saturates."""
    found: dict[Node, float] = {}  # each argument once, with the tightest bound
    for tree in trees:
        for node in tree.walk():
            if node.op == "call" and FUNCTIONS[node.value].informative_within and not node.args[0].is_constant \
                    and not any(inner.op == "bound" for inner in node.args[0].walk()):  # a summation's index
                bound = FUNCTIONS[node.value].informative_within
                found[node.args[0]] = min(bound, found.get(node.args[0], bound))
    return list(found.items())


def informative(point: dict, arguments: list[tuple[Node, float]], ctx: ExprContext, deadline: float) -> dict:
    """The point, its free values halved while that brings a saturated argument back (at most 12 times);
    unchanged when shrinking does not help (a constant offset, an argument like 1/x)."""
    excess = _excess(point, arguments, deadline)
    candidate = point
    for _ in range(MAX_SHRINKS):
        if excess <= 1:
            return candidate
        shrunk = _shrink(candidate, ctx)
        if shrunk is None:
            break
        smaller = _excess(shrunk, arguments, deadline)
        if smaller > 0.9 * excess:
            break
        candidate, excess = shrunk, smaller
    return candidate


def _excess(point: dict, arguments: list[tuple[Node, float]], deadline: float) -> float:
    """The largest |argument| / bound at the point (above 1: some function is saturated)."""
    worst = 0.0
    for argument, bound in arguments:
        try:
            value = value_at(argument, point, CHECK_DPS, deadline)
        except (Undefined, OutOfTime):
            continue
        worst = max([worst] + [float(abs(entry.real)) / bound for entry in entries(value)])
    return worst


def _shrink(point: dict, ctx: ExprContext) -> dict | None:
    """Free values (not dimensions, integers or interval values) times SHRINK; None if there are none."""
    free = [name for name in point if name in ctx.symbols and ctx.symbols[name].domain not in ("integer", "interval")]
    if not free:
        return None
    shrunk = dict(point)
    for name in free:
        value = point[name]
        shrunk[name] = value * SHRINK if isinstance(value, np.ndarray) else type(value)(value * SHRINK)
    return shrunk

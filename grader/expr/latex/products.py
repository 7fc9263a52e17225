"""What `\\cdot`, `\\times` and juxtaposition mean, decided by the shapes on both sides.

Readings (the question's spec may choose one per operator, `latex_products:`):
- `shape` (the default): a scalar on either side is the scalar product; where the inner sizes fit,
  the matrix product (`W_f x_t`, `U_f h_{t-1}`, `u^T v`); a vector beside a matrix it does not fit
  scales its rows, the one product the shapes allow (`v M` = diag(v) M); two vectors of the same shape
  are refused, since they could mean the dot or the elementwise product.
- `elementwise`: always the elementwise product (with broadcasting).
- `dot`: like `shape`, but two vectors of the same shape give their dot product u^T v.
- `jacobian`: the chain-rule notation, where a vector beside a matrix stands for its diagonal matrix
  (`M \\cdot v` = M diag(v), `v \\cdot M` = diag(v) M) and two vectors multiply elementwise.
"""
from __future__ import annotations

from typing import Callable, Mapping

from grader.expr import shapes
from grader.expr.nodes import Node

READINGS = ("shape", "elementwise", "dot", "jacobian")
OPERATORS = ("cdot", "times", "juxtaposition")
_SPOKEN = {"cdot": "`\\cdot`", "times": "`\\times`", "juxtaposition": "writing them side by side"}


def resolver(kinds: Mapping[int, str], readings: Mapping[str, str]) -> Callable[[Node, Node, int], Node]:
    """The builder's `product` hook: `kinds` says which operator stood at each position."""

    def product(left: Node, right: Node, position: int) -> Node:
        operator = kinds.get(position, "juxtaposition")
        return READERS[readings.get(operator, "shape")](left, right, position, _SPOKEN[operator])

    return product


def _vector(shape: tuple) -> bool:
    return len(shape) == 2 and 1 in shape and shape != (1, 1)


def _mul(left: Node, right: Node, position: int, spoken: str) -> Node:
    try:
        shape = shapes.broadcast(left.shape, right.shape, "*")
    except shapes.ShapeMismatch:
        raise shapes.ShapeMismatch(f"{spoken} cannot multiply {shapes.show(left.shape)} by "
                                   f"{shapes.show(right.shape)} elementwise") from None
    return Node("mul", (left, right), None, shape, position)


def _matmul(left: Node, right: Node, position: int) -> Node:
    return Node("matmul", (left, right), None, shapes.matmul(left.shape, right.shape), position)


def _diag(vector: Node, position: int) -> Node:
    return Node("call", (vector,), "diag", shapes.diag(vector.shape), position)


def by_shape(left: Node, right: Node, position: int, spoken: str) -> Node:
    if not left.shape or not right.shape:
        return _mul(left, right, position, spoken)
    if left.shape[1] == right.shape[0]:
        return _matmul(left, right, position)
    if left.shape == right.shape and _vector(left.shape):
        raise shapes.ShapeMismatch(
            f"{spoken} between two vectors {shapes.show(left.shape)} is ambiguous: write `\\circ` for the "
            "elementwise product, or `u^\\top v` for the dot product")
    try:
        return _mul(left, right, position, spoken)
    except shapes.ShapeMismatch:
        raise shapes.ShapeMismatch(f"{spoken} needs shapes that fit a matrix product, or a scalar on one side: "
                                   f"{shapes.show(left.shape)} and {shapes.show(right.shape)}") from None


def dot(left: Node, right: Node, position: int, spoken: str) -> Node:
    if left.shape and left.shape == right.shape and _vector(left.shape):
        column = left.shape[1] == 1
        first = Node("T", (left,), None, shapes.transpose(left.shape), position) if column else left
        second = right if column else Node("T", (right,), None, shapes.transpose(right.shape), position)
        return _matmul(first, second, position)
    return by_shape(left, right, position, spoken)


def jacobian(left: Node, right: Node, position: int, spoken: str) -> Node:
    if left.shape and right.shape:
        if left.shape == right.shape and _vector(left.shape):
            return _mul(left, right, position, spoken)
        if _vector(left.shape) and not _vector(right.shape) and left.shape[0] == right.shape[0]:
            return _matmul(_diag(left, position), right, position)
        if _vector(right.shape) and not _vector(left.shape) and left.shape[1] == right.shape[0]:
            return _matmul(left, _diag(right, position), position)
    return by_shape(left, right, position, spoken)


READERS = {"shape": by_shape, "elementwise": _mul, "dot": dot, "jacobian": jacobian}

"""Shape rules: numpy broadcasting for elementwise operators, inner dimensions for `@`.

A shape is () for a scalar or (rows, cols) whose entries are ints or dimension names;
a dimension name only matches itself or 1.
"""
from __future__ import annotations


class ShapeMismatch(Exception):
    """The shapes of an operation do not fit; the message is for the student."""


def show(shape: tuple) -> str:
    return "a scalar" if not shape else "(" + ", ".join(str(size) for size in shape) + ")"


def broadcast(left: tuple, right: tuple, symbol: str) -> tuple:
    if not left:
        return right
    if not right:
        return left
    result = []
    for a, b in zip(left, right):
        if a == b or b == 1:
            result.append(a)
        elif a == 1:
            result.append(b)
        else:
            raise ShapeMismatch(f"`{symbol}` needs shapes that match or broadcast: {show(left)} {symbol} {show(right)}")
    return tuple(result)


def matmul(left: tuple, right: tuple) -> tuple:
    if not left or not right:
        raise ShapeMismatch(f"`@` needs a vector or matrix on both sides (got {show(left)} @ {show(right)}); "
                            "use `*` to multiply by a scalar")
    if left[1] != right[0]:
        raise ShapeMismatch(f"`@` needs inner dimensions to match: {show(left)} @ {show(right)}")
    return (left[0], right[1])


def transpose(shape: tuple) -> tuple:
    return shape[::-1]


def diag(shape: tuple) -> tuple:
    if len(shape) == 2 and shape[1] == 1:
        return (shape[0], shape[0])
    if len(shape) == 2 and shape[0] == 1:
        return (shape[1], shape[1])
    if len(shape) == 2 and shape[0] == shape[1]:
        return (shape[0], 1)
    raise ShapeMismatch(f"diag(...) needs a vector or a square matrix, got {show(shape)}")

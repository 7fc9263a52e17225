"""The parsed form: a small immutable tree that every other part of the engine reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from grader.expr.context import ExprContext


@dataclass(frozen=True)
class Node:
    """op: num sym const add sub mul div pow matmul matpow neg T call.

    `value` is a Fraction (num), a name (sym, const, call) or None; `shape` is () for a scalar,
    else (rows, cols) of ints or dimension names; `position` points into the student's text.
    """

    op: str
    args: tuple["Node", ...] = ()
    value: object = None
    shape: tuple = ()
    position: int = field(default=0, compare=False)

    def walk(self) -> Iterator["Node"]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.args))

    @property
    def is_constant(self) -> bool:
        return not any(node.op == "sym" for node in self.walk())


@dataclass(frozen=True)
class Expr:
    """A parsed answer: the text as given, its tree and the context it was read in."""

    text: str
    node: Node
    context: ExprContext = field(compare=False, repr=False)

    @property
    def shape(self) -> tuple:
        return self.node.shape

    @property
    def names(self) -> frozenset[str]:
        return frozenset(node.value for node in self.node.walk() if node.op == "sym")

    @property
    def functions(self) -> frozenset[str]:
        return frozenset(node.value for node in self.node.walk() if node.op == "call")

    @cached_property
    def sympy(self):
        from grader.expr.sympy_build import to_sympy

        return to_sympy(self.node, self.context)

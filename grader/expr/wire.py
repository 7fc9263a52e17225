"""Trees and contexts as plain JSON data, for the symbolic worker process (no pickle either way)."""
from __future__ import annotations

from fractions import Fraction

from grader.expr.context import Dim, ExprContext, SymbolSpec
from grader.expr.nodes import Node


def node_to_data(node: Node) -> list:
    value = node.value
    if isinstance(value, Fraction):
        value = {"fraction": [str(value.numerator), str(value.denominator)]}
    return [node.op, value, list(node.shape), [node_to_data(arg) for arg in node.args]]


OPS = frozenset({"num", "sym", "bound", "dim", "const", "add", "sub", "mul", "div", "pow", "matmul", "matpow", "neg", "T", "call"})


def node_from_data(data: list) -> Node:
    """The tree back from plain data; anything but a known op, name or fraction is refused."""
    op, value, shape, args = data
    if op not in OPS or not (value is None or isinstance(value, (str, dict))):
        raise ValueError(f"not a tree node: {op!r}")
    if isinstance(value, dict):
        numerator, denominator = value["fraction"]
        value = Fraction(int(numerator), int(denominator))
    return Node(op, tuple(node_from_data(arg) for arg in args), value, tuple(shape))


def context_to_data(ctx: ExprContext) -> dict:
    symbols = {
        name: [spec.domain, [str(b) for b in spec.interval] if spec.interval else None, list(spec.shape)]
        for name, spec in ctx.symbols.items()
    }
    dims = {name: [dim.low, dim.high] for name, dim in ctx.dims.items()}
    return {"symbols": symbols, "dims": dims, "functions": sorted(ctx.functions)}


def context_from_data(data: dict) -> ExprContext:
    symbols = {
        name: SymbolSpec(name, domain, tuple(Fraction(b) for b in interval) if interval else None, tuple(shape))
        for name, (domain, interval, shape) in data["symbols"].items()
    }
    dims = {name: Dim(name, low, high) for name, (low, high) in data["dims"].items()}
    return ExprContext(symbols, dims, frozenset(data["functions"]))

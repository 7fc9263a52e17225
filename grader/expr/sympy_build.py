"""Parsed trees to sympy, built node by node (never from text), with the sigmoid as a sympy function."""
from __future__ import annotations

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalOf

from grader.expr.context import ExprContext, SymbolSpec
from grader.expr.functions import FUNCTIONS, Acts
from grader.expr.nodes import Node


class sigma(sympy.Function):  # noqa: N801 - named as students write it
    """The logistic sigmoid 1/(1 + exp(-x))."""

    def fdiff(self, argindex=1):
        return sigma_prime(self.args[0])

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + sympy.exp(-x))

    def _latex(self, printer, exp=None):
        inner = rf"\sigma\left({printer._print(self.args[0])}\right)"
        return inner if exp is None else rf"{inner}^{{{exp}}}"


class sigma_prime(sympy.Function):  # noqa: N801
    """The sigmoid's derivative sigma(x)*(1 - sigma(x))."""

    def fdiff(self, argindex=1):
        x = self.args[0]
        return sigma_prime(x) * (1 - 2 * sigma(x))

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2

    def _latex(self, printer, exp=None):
        inner = rf"\sigma'\left({printer._print(self.args[0])}\right)"
        return inner if exp is None else rf"{inner}^{{{exp}}}"


CUSTOM = {"sigma": sigma, "sigma_prime": sigma_prime}
_ASSUMPTIONS = {
    "real": {"real": True}, "positive": {"positive": True}, "nonnegative": {"nonnegative": True},
    "negative": {"negative": True}, "integer": {"integer": True}, "complex": {},
}


def symbol(spec: SymbolSpec):
    if spec.domain == "interval":
        low = spec.interval[0]
        return sympy.Symbol(spec.name, real=True, **({"positive": True} if low >= 0 else {}))
    return sympy.Symbol(spec.name, **_ASSUMPTIONS[spec.domain])


def function(name: str):
    return CUSTOM.get(name) or getattr(sympy, FUNCTIONS[name].sympy_name)


def to_sympy(node: Node, ctx: ExprContext):
    """The sympy form: an expression for scalars, a matrix expression for vectors and matrices."""
    return _Build(ctx).build(node)


class _Build:
    def __init__(self, ctx: ExprContext):
        self.ctx = ctx

    def dim(self, size):
        return sympy.Symbol(size, integer=True, positive=True) if isinstance(size, str) else sympy.Integer(size)

    def build(self, node: Node):
        """Children first, then the method named after the node's op (`_add`, `_call`, ...)."""
        args = [self.build(arg) for arg in node.args]
        return getattr(self, f"_{node.op}")(node, args)

    def _num(self, node: Node, args: list):
        return sympy.Rational(node.value.numerator, node.value.denominator)

    def _bound(self, node: Node, args: list):
        return sympy.Symbol(node.value, integer=True)

    def _dim(self, node: Node, args: list):
        return self.dim(node.value)

    def _const(self, node: Node, args: list):
        return {"pi": sympy.pi, "E": sympy.E, "I": sympy.I}[node.value]

    def _sym(self, node: Node, args: list):
        spec = self.ctx.symbols[node.value]
        if spec.shape:
            return sympy.MatrixSymbol(spec.name, *(self.dim(size) for size in spec.shape))
        return symbol(spec)

    def _neg(self, node: Node, args: list):
        return -args[0]

    def _T(self, node: Node, args: list):  # noqa: N802 - the op is named after `.T`
        return args[0].T if node.args[0].shape else args[0]

    def _matmul(self, node: Node, args: list):
        return sympy.MatMul(*args).doit(deep=False)

    def _matpow(self, node: Node, args: list):
        base, exponent = args
        return sympy.Inverse(base) ** -exponent if exponent < 0 else sympy.MatPow(base, exponent)

    def _pow(self, node: Node, args: list):
        return sympy.HadamardPower(*args) if node.shape else sympy.Pow(*args)

    def _add(self, node: Node, args: list):
        return self._sum(node, args)

    def _sub(self, node: Node, args: list):
        return self._sum(node, args)

    def _mul(self, node: Node, args: list):
        return self._product(node, args)

    def _div(self, node: Node, args: list):
        return self._product(node, args)

    def _sum(self, node: Node, args: list):
        left, right = args
        if node.op == "sub":
            right = -right
        shapes = [arg.shape for arg in node.args]
        if shapes[0] != shapes[1] and node.shape:
            left, right = (self._spread(arg, shape, node.shape) for arg, shape in zip((left, right), shapes))
        return left + right

    def _spread(self, value, shape, target):
        """A scalar or broadcast operand made the target's shape (ones-matrix products)."""
        if shape == target:
            return value
        ones = sympy.OneMatrix(*(self.dim(size) for size in target))
        if not shape:
            return value * ones
        return sympy.HadamardProduct(self._broadcast_factor(value, shape, target), ones)

    def _broadcast_factor(self, value, shape, target):
        rows, cols = (self.dim(size) for size in target)
        if shape[1] == 1 and target[1] != 1:
            return value * sympy.OneMatrix(1, cols)
        return sympy.OneMatrix(rows, 1) * value

    def _product(self, node: Node, args: list):
        left, right = args
        if node.op == "div":
            right = sympy.HadamardPower(right, -1) if node.args[1].shape else 1 / right
        shapes = [arg.shape for arg in node.args]
        if not shapes[0] or not shapes[1]:
            return left * right
        if shapes[0] == shapes[1]:
            return sympy.HadamardProduct(left, right)
        if shapes[0][1] == 1 and shapes[0][0] == shapes[1][0] != 1:  # column vector scales rows
            return DiagMatrix(left) * right
        if shapes[1][1] == 1 and shapes[1][0] == shapes[0][0] != 1:
            return DiagMatrix(right) * left
        left, right = (self._spread(arg, shape, node.shape) for arg, shape in zip(args, shapes))
        return sympy.HadamardProduct(left, right)

    def _call(self, node: Node, args: list):
        spec = FUNCTIONS[node.value]
        (argument, *rest) = args
        matrix = bool(node.args[0].shape)
        if spec.acts is Acts.NORM:
            return sympy.sqrt(sympy.Trace(argument.T * argument)) if matrix else sympy.Abs(argument)
        if spec.acts is Acts.DIAG:
            shape = node.args[0].shape
            return DiagonalOf(argument) if shape[0] == shape[1] != 1 else DiagMatrix(argument)
        if spec.acts in (Acts.INVERSE, Acts.DET, Acts.TRACE):
            if not matrix:
                return 1 / argument if spec.acts is Acts.INVERSE else argument
            return getattr(sympy, spec.sympy_name)(argument)
        if spec.acts is Acts.IDENTITY:
            return sympy.Identity(argument)
        if spec.acts is Acts.BINDS:
            return getattr(sympy, spec.sympy_name)(argument, tuple(rest))
        if spec.acts is Acts.DERIVATIVE:
            return sympy.Derivative(argument, (rest[0], rest[1]))
        if matrix:
            t = sympy.Symbol("t")  # the same symbol every time, so equal trees build equal sympy forms
            return ElementwiseApplyFunction(sympy.Lambda(t, function(node.value)(t, *rest)), argument)
        return function(node.value)(argument, *rest)

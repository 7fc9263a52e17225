"""Evaluate a tree at a point with mpmath at a chosen precision; vectors and matrices as numpy
object arrays of mpmath numbers (numpy broadcasting for `*`, `@` the matrix product)."""
from __future__ import annotations

import math
import threading
from grader.expr import clock
from fractions import Fraction

import mpmath
import numpy as np

from grader.expr.context import ExprContext
from grader.expr.functions import BOUNDED_ARGUMENT, FUNCTIONS, Acts
from grader.expr.nodes import Expr, Node

_local = threading.local()


class Undefined(ArithmeticError):
    """The expression has no finite value at this point (division by zero, a pole, overflow)."""


class OutOfTime(Exception):
    """Evaluation passed its deadline (large matrices at high precision)."""


def context(dps: int) -> mpmath.MPContext:
    """A thread-local mpmath context at `dps` digits (mpmath's global one is shared by threads)."""
    contexts = getattr(_local, "contexts", None)
    if contexts is None:
        contexts = _local.contexts = {}
    if dps not in contexts:
        contexts[dps] = mpmath.MPContext()
        contexts[dps].dps = dps
    return contexts[dps]


def value_at(node: Node, point: dict, dps: int, deadline: float = math.inf):
    """The value (mp number or object array); raise Undefined, or OutOfTime after `deadline`."""
    m = context(dps)
    used = {inner.value for inner in node.walk() if inner.op in ("sym", "dim")}
    env = {name: _to_mp(m, value) for name, value in point.items() if name in used}
    try:
        result = _eval(node, env, _Run(m, deadline))
    except (ZeroDivisionError, ValueError, OverflowError, ArithmeticError, TypeError) as exc:
        raise Undefined(str(exc)) from None
    for entry in entries(result):
        if not m.isfinite(entry):
            raise Undefined("not finite")
    return result


def evaluate(expr: Expr, ctx: ExprContext, point: dict, *, time_limit_s: float = 5.0):
    """The value as numpy: float/complex for a scalar, a float64/complex128 array otherwise.
    Raises Undefined where there is no finite value, or when it takes longer than `time_limit_s`."""
    try:
        result = value_at(expr.node, point, 30, clock.now() + time_limit_s)
    except OutOfTime:
        raise Undefined(f"no value within {time_limit_s:g} s") from None
    values = [complex(entry) for entry in entries(result)]
    if all(value.imag == 0 for value in values):
        values = [value.real for value in values]
    if isinstance(result, np.ndarray):
        return np.array(values).reshape(result.shape)
    return np.float64(values[0]) if isinstance(values[0], float) else np.complex128(values[0])


def entries(value) -> list:
    return list(value.flat) if isinstance(value, np.ndarray) else [value]


def _to_mp(m, value):
    if isinstance(value, np.ndarray):
        return np.frompyfunc(lambda v: _to_mp(m, v), 1, 1)(value.astype(object))
    if isinstance(value, (complex, np.complexfloating)):
        return m.mpc(value.real, value.imag) if value.imag else m.mpf(value.real)
    return m.mpf(value)


def _fraction(m, value: Fraction):
    return m.mpf(value.numerator) / value.denominator


class _Run:
    """One evaluation: its mpmath context and its deadline, checked inside the costly loops."""

    def __init__(self, m, deadline: float):
        self.m, self.deadline = m, deadline

    def check(self) -> None:
        if clock.now() > self.deadline:
            raise OutOfTime()

    def each(self, function, value):
        """`function` on every entry of an array (or on a scalar), watching the clock."""
        if not isinstance(value, np.ndarray):
            return function(value)

        def timed(entry):
            self.check()
            return function(entry)

        return np.frompyfunc(timed, 1, 1)(value)

    def matmul(self, left, right):
        rows = []
        for row in range(left.shape[0]):
            self.check()
            rows.append(left[row : row + 1] @ right)
        return np.vstack(rows)


_OPERATIONS = {
    "add": lambda run, a, b: a + b,
    "sub": lambda run, a, b: a - b,
    "mul": lambda run, a, b: a * b,
    "div": lambda run, a, b: a / b,
    "neg": lambda run, a: -a,
    "pow": lambda run, a, b: run.each(lambda entry: _power(run.m, entry, b), a),
    "matmul": lambda run, a, b: run.matmul(a, b),
    "matpow": lambda run, a, b: _matrix_power(run, a, int(b)),
    "T": lambda run, a: a.T if isinstance(a, np.ndarray) else a,
}
_CONSTANTS = {"pi": lambda m: +m.pi, "E": lambda m: +m.e, "I": lambda m: m.mpc(0, 1)}


def _eval(node: Node, env: dict, run: _Run):
    if node.op == "num":
        return _fraction(run.m, node.value)
    if node.op in ("sym", "bound", "dim"):
        return env[node.value]
    if node.op == "const":
        return _CONSTANTS[node.value](run.m)
    if node.op == "call" and FUNCTIONS[node.value].acts in _LAZY:
        return _LAZY[FUNCTIONS[node.value].acts](node, env, run)
    args = [_eval(arg, env, run) for arg in node.args]
    run.check()
    if node.op == "call":
        return _call(node.value, args, run)
    return _OPERATIONS[node.op](run, *args)


def _power(m, base, exponent):
    if base != 0 and abs(exponent) * abs(m.log(base)) > BOUNDED_ARGUMENT:
        raise Undefined("overflow")
    return base**exponent


def _identity(m, size: int):
    return np.frompyfunc(lambda i, j: m.mpf(int(i == j)), 2, 1)(*np.indices((size, size)))


def _matrix_power(run: _Run, matrix, exponent: int):
    if exponent < 0:
        matrix, exponent = _inverse(run.m, matrix), -exponent
    result = _identity(run.m, matrix.shape[0])
    for _ in range(exponent):
        result = run.matmul(result, matrix)
    return result


def _inverse(m, value):
    if not isinstance(value, np.ndarray):
        return 1 / value
    inverse = m.inverse(m.matrix(value.tolist()))  # ZeroDivisionError (undefined) when singular
    return np.array(inverse.tolist(), dtype=object)


def _det(m, value):
    return m.det(m.matrix(value.tolist())) if isinstance(value, np.ndarray) else value


def _trace(m, value):
    return sum(value[i, i] for i in range(value.shape[0])) if isinstance(value, np.ndarray) else value


_STRUCTURAL = {
    Acts.NORM: lambda m, value: m.sqrt(sum(abs(entry) ** 2 for entry in entries(value))),
    Acts.DIAG: lambda m, value: _diag(m, value),
    Acts.INVERSE: _inverse,
    Acts.DET: _det,
    Acts.TRACE: _trace,
    Acts.IDENTITY: lambda m, size: _identity(m, int(size)),
}


def _call(name: str, args: list, run: _Run):
    spec, m = FUNCTIONS[name], run.m
    if spec.acts in _STRUCTURAL:
        return _STRUCTURAL[spec.acts](m, args[0])

    def apply(*values):
        if spec.grows_fast and any(abs(value) > BOUNDED_ARGUMENT for value in values):
            raise Undefined("argument too large")
        if spec.real_only and any(m.im(value) != 0 for value in values):
            raise Undefined(f"{name} of a complex number")
        return spec.numeric(m, *values)

    if spec.acts is Acts.SCALAR:
        return apply(*args)
    first, *rest = args
    return run.each(lambda entry: apply(entry, *rest), first)


MAX_TERMS = 10_000  # a summation or product over more terms has no value at the point


def _bound_loop(node: Node, env: dict, run: _Run):
    """summation/product over whole k from low to high, with sympy's (Karr's) convention when high < low."""
    body, index, low, high = node.args
    m = run.m
    low_value, high_value = (_eval(bound, env, run) for bound in (low, high))
    if any(m.im(v) != 0 or not m.isint(m.re(v)) for v in (low_value, high_value)):
        raise Undefined("summation bounds must be whole numbers")
    first, last = int(m.re(low_value)), int(m.re(high_value))
    reverse = last < first - 1
    if reverse:
        first, last = last + 1, first - 1
    if last - first + 1 > MAX_TERMS:
        raise Undefined("too many terms")
    adding = node.value == "summation"
    total = m.mpf(0 if adding else 1)
    for k in range(first, last + 1):
        run.check()
        term = _eval(body, {**env, index.value: m.mpf(k)}, run)
        total = total + term if adding else total * term
    if reverse:
        return -total if adding else 1 / total
    return total


def _derivative(node: Node, env: dict, run: _Run):
    """The n-th derivative by a scalar symbol at the point, by mpmath's differentiation at extra precision."""
    body, by, order = node.args
    m = run.m

    def at(t):
        value = _eval(body, {**env, by.value: t}, run)
        if isinstance(value, np.ndarray):
            raise Undefined("derivative of a matrix")
        return value

    return m.diff(at, env[by.value], int(order.value))


_LAZY = {Acts.BINDS: _bound_loop, Acts.DERIVATIVE: _derivative}


def _diag(m, value):
    if value.shape[0] == value.shape[1]:
        return np.array([[value[i, i]] for i in range(value.shape[0])], dtype=object)
    vector = list(value.flat)
    result = np.full((len(vector), len(vector)), m.mpf(0), dtype=object)
    for index, entry in enumerate(vector):
        result[index, index] = entry
    return result

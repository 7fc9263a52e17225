"""Double-precision evaluation with numpy, vectorised over the entries of vectors and matrices,
carrying a bound on its own rounding error, so that a sampler can tell where float64 decides.

Each value comes with `error`, a first-order bound on how far rounding may have carried it from
the exact value at the point (the inputs are exact doubles, so every error is made here). Where
the bound is not small next to a difference, or a value is not finite, float64 cannot judge the
point and the caller falls back to mpmath; where a difference stands far above the bound, it is a
candidate counterexample, which the caller still confirms at growing precision before it decides.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

import numpy as np

from grader.expr.functions import BOUNDED_ARGUMENT, Acts, FUNCTIONS
from grader.expr.nodes import Node

EPS = np.finfo(np.float64).eps
SLACK = 16.0  # the first-order bound is scaled by this, for the terms it leaves out


class Unusable(ArithmeticError):
    """float64 cannot evaluate this tree here (not finite, a pole, a function it does not know)."""


def value(node: Node, point: dict) -> tuple[np.ndarray, np.ndarray]:
    """The value (a float64 or complex128 array; scalars as 0-d arrays) and its error bound."""
    with np.errstate(all="ignore"):
        result, error = _eval(node, point)
    if not (np.all(np.isfinite(result)) and np.all(np.isfinite(error))):
        raise Unusable("not finite in double precision")
    return result, error * SLACK


def _rounded(result: np.ndarray) -> np.ndarray:
    return EPS * np.abs(result)


def _eval(node: Node, point: dict) -> tuple[np.ndarray, np.ndarray]:
    op = node.op
    if op == "num":
        number = _number(node.value)
        exact = Fraction(float(number)) == node.value
        return number, np.zeros(()) if exact else _rounded(number)
    if op == "sym":
        given = np.asarray(point[node.value])
        given = given.astype(np.complex128 if np.iscomplexobj(given) else np.float64)
        return given, np.zeros(given.shape)
    if op == "const":
        number = {"pi": np.asarray(math.pi), "E": np.asarray(math.e), "I": np.asarray(1j)}[node.value]
        return number, _rounded(number)
    args = [_eval(arg, point) for arg in node.args]
    if op == "call":
        return _call(node.value, args)
    return _OPERATIONS[op](*args)


def _number(value: Fraction) -> np.ndarray:
    try:
        return np.asarray(value.numerator / value.denominator)  # correctly rounded
    except OverflowError:
        raise Unusable("a number beyond double precision") from None


def _add(a, b):
    (x, ex), (y, ey) = a, b
    result = x + y
    return result, ex + ey + _rounded(result)


def _sub(a, b):
    (x, ex), (y, ey) = a, b
    result = x - y
    return result, ex + ey + _rounded(result)


def _mul(a, b):
    (x, ex), (y, ey) = a, b
    result = x * y
    return result, np.abs(x) * ey + np.abs(y) * ex + ex * ey + _rounded(result)


def _div(a, b):
    (x, ex), (y, ey) = a, b
    if np.any(np.abs(y) <= ey) or np.any(y == 0):
        raise Unusable("a denominator is zero to double precision")
    result = x / y
    return result, (ex + np.abs(result) * ey) / (np.abs(y) - ey) + _rounded(result)


def _neg(a):
    return -a[0], a[1]


def _transpose(a):
    x, ex = a
    return (x.T, ex.T) if x.ndim else (x, ex)


def _matmul(a, b):
    (x, ex), (y, ey) = a, b
    result = x @ y
    bound = np.abs(x) @ ey + ex @ np.abs(y) + ex @ ey + x.shape[-1] * EPS * (np.abs(x) @ np.abs(y))
    return result, bound + _rounded(result)


def _matpow(a, b):
    (x, _), (exponent, _) = a, b
    result = (np.eye(x.shape[0]), np.zeros(x.shape))
    for _ in range(int(exponent)):
        result = _matmul(result, a)
    return result


def _pow(a, b):
    (x, ex), (y, ey) = a, b
    if np.any(x == 0) and not (np.ndim(y) == 0 and float(np.real(y)).is_integer() and np.real(y) > 0):
        raise Unusable("a power of zero")
    if np.iscomplexobj(y) or not np.all(np.real(y) == np.round(np.real(y))):
        if np.any(np.real(x) < 0) and not np.iscomplexobj(x):
            x = x.astype(np.complex128)  # mpmath's principal branch: (-8)**(1/3) is complex
    if np.any(np.abs(np.real(y)) * np.abs(np.log(np.abs(np.where(x == 0, 1, x)))) > BOUNDED_ARGUMENT):
        raise Unusable("overflow")
    result = x**y
    spread = np.abs(result) * np.abs(y) * ex / np.where(x == 0, np.inf, np.abs(x))
    if np.any(ey):
        spread = spread + np.abs(result) * np.abs(np.log(np.abs(np.where(x == 0, 1, x)))) * ey
    return result, spread + 4 * _rounded(result)


_OPERATIONS = {"add": _add, "sub": _sub, "mul": _mul, "div": _div, "neg": _neg, "T": _transpose,
               "matmul": _matmul, "matpow": _matpow, "pow": _pow}


def _sigma(x):
    """1/(1 + exp(-x)), from the side where exp cannot overflow, to a few ulps relative."""
    if np.iscomplexobj(x):
        return 1 / (1 + np.exp(-x))
    t = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + t), t / (1 + t))


def _sigma_prime(x):
    t = np.exp(-np.abs(x)) if not np.iscomplexobj(x) else np.exp(-x)
    return t / (1 + t) ** 2


_NUMPY = {
    "exp": np.exp, "log": np.log, "sqrt": np.sqrt, "sin": np.sin, "cos": np.cos, "tan": np.tan,
    "sec": lambda x: 1 / np.cos(x), "csc": lambda x: 1 / np.sin(x), "cot": lambda x: 1 / np.tan(x),
    "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan, "sinh": np.sinh, "cosh": np.cosh,
    "tanh": np.tanh, "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh, "Abs": np.abs,
    "conjugate": np.conj, "re": np.real, "im": np.imag, "sigma": _sigma, "sigma_prime": _sigma_prime,
}
_REAL_DOMAIN = {  # outside these, mpmath goes complex where numpy gives nan: leave such points to mpmath
    "log": lambda x: x > 0, "sqrt": lambda x: x >= 0, "asin": lambda x: np.abs(x) <= 1,
    "acos": lambda x: np.abs(x) <= 1, "acosh": lambda x: x >= 1, "atanh": lambda x: np.abs(x) < 1,
}


def _call(name: str, args: list):
    spec = FUNCTIONS[name]
    (x, ex), *rest = args
    if spec.acts is Acts.NORM:
        result = np.sqrt(np.sum(np.abs(x) ** 2))
        return result, np.sum(ex) + x.size * _rounded(result)  # |norm(x + e) - norm(x)| <= norm(e) <= sum|e|
    if spec.acts is Acts.DIAG:
        if x.shape[0] == x.shape[1]:
            return np.diagonal(x).reshape(-1, 1).copy(), np.diagonal(ex).reshape(-1, 1).copy()
        return np.diagflat(x), np.diagflat(ex)
    function = _NUMPY.get(name)
    if function is None or rest:
        raise Unusable(f"{name} is left to mpmath")
    if spec.grows_fast and np.any(np.abs(x) > BOUNDED_ARGUMENT):
        raise Unusable("argument too large")
    domain = _REAL_DOMAIN.get(name)
    if domain is not None and not np.iscomplexobj(x) and not np.all(domain(x)):
        raise Unusable(f"{name} outside its real domain")
    result = function(x)
    # how far the function can move within the argument's error: the larger one-sided change
    spread = np.maximum(np.abs(function(x + ex) - result), np.abs(function(x - ex) - result))
    return result, spread + 4 * _rounded(result)


class Finding(str, Enum):
    AGREE = "agree"  # equal within the rounding bound (and the tolerance), entry by entry
    DIFFER = "differ"  # a difference far above the rounding bound and any tolerance: confirm it
    UNSURE = "unsure"  # float64 cannot tell here (cancellation, overflow, a pole): ask mpmath


@dataclass(frozen=True)
class Quick:
    finding: Finding
    relative_error: float = 0.0  # the largest difference beyond rounding, relative to the values


UNSURE = Quick(Finding.UNSURE)
LOST = 1e-6  # a rounding bound above this fraction of the values: too much cancellation to judge


def judge(answer: Node, reference: Node, point: dict, *, rtol: float, atol: float) -> Quick:
    """Compare both trees at `point` in double precision, saying UNSURE rather than guessing."""
    try:
        a, a_error = value(answer, point)
        b, b_error = value(reference, point)
    except (Unusable, KeyError, ValueError, TypeError, ZeroDivisionError, OverflowError):
        return UNSURE
    difference, rounding = np.abs(a - b), a_error + b_error
    size = np.maximum(np.abs(a), np.abs(b))
    scale = float(np.max(size))
    if not scale or float(np.max(rounding)) > LOST * scale:
        return UNSURE
    strict = np.maximum(atol, rtol * size)  # entry by entry, against the entry's own size
    if np.all(difference <= rounding + strict):
        beyond = np.where(difference > rounding, difference, 0.0)
        return Quick(Finding.AGREE, float(np.max(beyond / np.where(size > 0, size, 1.0))))
    generous = max(atol, rtol * scale)  # against the largest entry: no tolerance is wider
    if np.any(difference > 100 * rounding + generous):
        return Quick(Finding.DIFFER)
    return UNSURE

"""Reading plain answer values as the Python numbers, booleans and tuples a check needs.

Each function returns the value or raises `AnswerTypeError` with a message for the student.
"""
from __future__ import annotations

import math
import re
from fractions import Fraction

from grader.values import NDArray, SymbolicText, describe

_INTEGER_TEXT = re.compile(r"[+-]?\d{1,30}")
_NUMBER_TEXT = re.compile(r"[+-]?(\d{1,30}(\.\d{0,30})?|\.\d{1,30})([eE][+-]?\d{1,3})?")
# how sympy prints its numbers: Integer, Rational (p/q) and Float (any precision)
_SYMPY_RATIONAL = re.compile(r"(?P<p>-?\d{1,4000})(?:/(?P<q>\d{1,4000}))?")
_SYMPY_FLOAT = re.compile(r"-?\d{1,400}\.\d{0,400}(e[+-]\d{1,6})?")
_NUMPY_TEXT = re.compile(r"[<>=|]?U\d+")


class AnswerTypeError(ValueError):
    """The answer has the wrong type or form for its question."""


def as_bool(value: object) -> bool:
    if type(value) is bool:
        return value
    if isinstance(value, NDArray) and value.shape == () and value.dtype == "bool":
        return bool(value.data)
    if type(value) is str and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, SymbolicText) and value.text in ("True", "False"):  # sympy's true and false
        return value.text == "True"
    raise AnswerTypeError(f"expected True or False, got {describe(value)}")


def as_number(value: object) -> float | int | Fraction:
    """A number; sympy's Rational stays exact as a Fraction."""
    if type(value) in (int, float):
        return value
    if isinstance(value, NDArray) and value.shape == () and value.dtype.startswith(("int", "uint", "float")):
        return value.data
    if isinstance(value, NDArray) and value.shape in ((1,), (1, 1)):
        return as_number(NDArray(value.dtype, (), _only_item(value.data)))
    if type(value) is str and _NUMBER_TEXT.fullmatch(value.strip()):
        text = value.strip()
        return int(text) if _INTEGER_TEXT.fullmatch(text) else float(text)
    if isinstance(value, SymbolicText):
        return _sympy_number(value.text)
    raise AnswerTypeError(f"expected a number, got {describe(value)}")


def as_integer(value: object) -> int:
    number = as_number(value)
    if isinstance(number, Fraction):
        if number.denominator != 1:
            raise AnswerTypeError(f"expected a whole number, got {number}")
        return number.numerator
    if isinstance(number, float):
        if not math.isfinite(number) or not number.is_integer():
            raise AnswerTypeError(f"expected a whole number, got {number!r}")
        return int(number)
    return number


def as_shape(value: object) -> tuple[int, ...]:
    if isinstance(value, NDArray):
        if len(value.shape) != 1:
            raise AnswerTypeError(f"expected a tuple of sizes, got a {describe(value)}")
        items = [NDArray(value.dtype, (), item) for item in value.data]
    elif type(value) is list:
        items = value
    else:
        raise AnswerTypeError(f"expected a tuple of sizes such as (26, 28), got {describe(value)}")
    sizes = []
    for item in items:
        try:
            size = as_integer(item)
        except AnswerTypeError as exc:
            raise AnswerTypeError(f"every size must be a whole number: {exc}") from None
        if size < 0:
            raise AnswerTypeError(f"sizes cannot be negative, got {size}")
        sizes.append(size)
    return tuple(sizes)


def as_text(value: object) -> str:
    if type(value) is str:
        return value
    if isinstance(value, SymbolicText):
        return value.text
    if isinstance(value, NDArray) and value.shape == () and _NUMPY_TEXT.fullmatch(value.dtype):
        return value.data  # numpy.str_
    raise AnswerTypeError(f"expected text (a string), got {describe(value)}")


def _sympy_number(text: str) -> int | float | Fraction:
    """A sympy number from its printed form; anything else (an expression) is not a number."""
    match = _SYMPY_RATIONAL.fullmatch(text)
    if match and match["q"]:
        if int(match["q"]) == 0:
            raise AnswerTypeError(f"expected a number, got {text}")
        return Fraction(int(match["p"]), int(match["q"]))
    if match:
        return int(match["p"])
    if _SYMPY_FLOAT.fullmatch(text):
        return float(text)
    raise AnswerTypeError(f"expected a number, got the expression {text if len(text) <= 80 else text[:80] + '…'}")


def _only_item(data: object) -> object:
    while isinstance(data, list):
        data = data[0]
    return data

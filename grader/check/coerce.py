"""Reading plain answer values as the Python numbers, booleans and tuples a check needs.

Each function returns the value or raises `AnswerTypeError` with a message for the student.
"""
from __future__ import annotations

import math
import re

from grader.values import NDArray, SymbolicText, describe

_INTEGER_TEXT = re.compile(r"[+-]?\d{1,30}")
_NUMBER_TEXT = re.compile(r"[+-]?(\d{1,30}(\.\d{0,30})?|\.\d{1,30})([eE][+-]?\d{1,3})?")


class AnswerTypeError(ValueError):
    """The answer has the wrong type or form for its question."""


def as_bool(value: object) -> bool:
    if type(value) is bool:
        return value
    if isinstance(value, NDArray) and value.shape == () and value.dtype == "bool":
        return bool(value.data)
    if type(value) is str and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise AnswerTypeError(f"expected True or False, got {describe(value)}")


def as_number(value: object) -> float | int:
    if type(value) in (int, float):
        return value
    if isinstance(value, NDArray) and value.shape == () and value.dtype.startswith(("int", "uint", "float")):
        return value.data
    if isinstance(value, NDArray) and value.shape in ((1,), (1, 1)):
        return as_number(NDArray(value.dtype, (), _only_item(value.data)))
    if type(value) is str and _NUMBER_TEXT.fullmatch(value.strip()):
        text = value.strip()
        return int(text) if _INTEGER_TEXT.fullmatch(text) else float(text)
    if isinstance(value, SymbolicText) and _NUMBER_TEXT.fullmatch(value.text.strip()):
        return as_number(value.text)
    raise AnswerTypeError(f"expected a number, got {describe(value)}")


def as_integer(value: object) -> int:
    number = as_number(value)
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
    raise AnswerTypeError(f"expected text (a string), got {describe(value)}")


def _only_item(data: object) -> object:
    while isinstance(data, list):
        data = data[0]
    return data

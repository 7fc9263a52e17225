"""Child side: turn answer values into plain JSON data, by exact type, within size bounds.

Runs inside the student's process. Anything that is not exactly a known plain type becomes
an Unsupported tag naming its type, so no object with its own behaviour ever leaves.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import sympy

from grader.values import TAG

MAX_DEPTH = 20
MAX_ITEMS = 10_000
MAX_STR = 100_000
MAX_ARRAY = 100_000
MAX_INT_DIGITS = 4_000
_INT_LIMIT = 10 ** MAX_INT_DIGITS  # once: every snapshot checks every int answer against it
ARRAY_KINDS = {"b": bool, "i": int, "u": int, "f": float, "U": str}


def unsupported(name: str) -> dict:
    return {TAG: "unsupported", "type_name": name}


def _int(value: int) -> int | dict:
    if abs(value) >= _INT_LIMIT:
        return unsupported("int (too many digits)")
    return value


def _str(value: str) -> str | dict:
    return value if len(value) <= MAX_STR else unsupported("str (too long)")


def _array(value: np.ndarray) -> dict:
    kind = ARRAY_KINDS.get(value.dtype.kind)
    if kind is None or value.size > MAX_ARRAY or value.ndim > MAX_DEPTH:
        return unsupported(f"numpy.ndarray of dtype {value.dtype} and shape {value.shape}")
    data = value.tolist()
    return {TAG: "ndarray", "dtype": str(value.dtype), "shape": list(value.shape), "data": data}


def _numpy_scalar(value: np.generic) -> dict:
    return _array(np.asarray(value))


class Encoder:
    """Encodes one snapshot; `to_text` prints sympy objects (the child bounds its time)."""

    def __init__(self, to_text: Callable[[object], str] = str):
        self.to_text = to_text

    def encode(self, value: object, depth: int = 0) -> object:
        kind = type(value)
        if value is None or kind is bool or kind is str and len(value) <= MAX_STR:
            return value
        if kind is int:
            return _int(value)
        if kind is float:
            return value  # NaN and infinities travel as JSON's NaN/Infinity literals
        if kind is str:
            return _str(value)
        if depth >= MAX_DEPTH:
            return unsupported(f"{kind.__name__} (nested too deeply)")
        if kind is list or kind is tuple:
            if len(value) > MAX_ITEMS:
                return unsupported(f"{kind.__name__} (too long)")
            return [self.encode(item, depth + 1) for item in value]
        if kind is dict:
            return self._dict(value, depth)
        if kind is np.ndarray or kind is np.matrix:
            return _array(np.asarray(value))
        if isinstance(value, np.generic) and kind.__module__ == "numpy":
            return _numpy_scalar(value)
        if isinstance(value, (sympy.Basic, sympy.MatrixBase)):
            return self._symbolic(value)
        return unsupported(type_name(kind))

    def _dict(self, value: dict, depth: int) -> object:
        if len(value) > MAX_ITEMS or not all(type(k) is str for k in value) or TAG in value:
            return unsupported("dict (keys must be plain strings)")
        return {key: self.encode(item, depth + 1) for key, item in value.items()}

    def _symbolic(self, value: object) -> dict:
        text = self.to_text(value)
        if type(text) is not str:
            return unsupported(type_name(type(value)))
        if len(text) > MAX_STR:
            return unsupported(f"{type_name(type(value))} (printed form too long)")
        return {TAG: "symbolic", "text": text}


def type_name(kind: type) -> str:
    """The type's name, read defensively: a hostile metaclass may lie or raise."""
    try:
        module, name = kind.__module__, kind.__qualname__
    except Exception:
        return "object"
    if type(module) is not str or type(name) is not str:
        return "object"
    name = name[:200]
    return name if module in ("builtins", "__main__") else f"{module[:200]}.{name}"

"""Plain answer values: the only things that cross back from a sandboxed run.

A submission's answers arrive as JSON built by the child process. Besides JSON's own
types (None, bool, int, float, str, list, dict with str keys) three tagged values exist;
they are decoded into the frozen dataclasses below. Nothing else is ever created from
what a child sent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TAG = "__grader_type__"


@dataclass(frozen=True)
class NDArray:
    """A numpy array or numpy scalar, as nested lists with its dtype and shape."""

    dtype: str
    shape: tuple[int, ...]
    data: Any  # nested lists of bool/int/float/str, or a scalar when shape == ()


@dataclass(frozen=True)
class SymbolicText:
    """A sympy object, printed inside the student's process with str()."""

    text: str


@dataclass(frozen=True)
class Unsupported:
    """A value of a type that may not cross the boundary (e.g. an int subclass)."""

    type_name: str


def describe(value: object) -> str:
    """A short, student-facing name of an answer value's type."""
    if isinstance(value, NDArray):
        return f"numpy array of shape {value.shape}" if value.shape else f"numpy {value.dtype}"
    if isinstance(value, SymbolicText):
        return "sympy expression"
    if isinstance(value, Unsupported):
        return f"unsupported type {value.type_name}"
    return type(value).__name__


def show(value: object) -> str:
    """An answer value written as the student would read it: numpy values as their numbers."""
    if isinstance(value, SymbolicText):
        return value.text
    if isinstance(value, NDArray):
        return show(value.data) if value.shape == () else f"array({value.data!r})"
    if type(value) is list:
        return "[" + ", ".join(_shown_item(item) for item in value) + "]"
    if type(value) is dict:
        return "{" + ", ".join(f"{key!r}: {_shown_item(item)}" for key, item in value.items()) + "}"
    if type(value) in (str, int, float, bool, type(None)):
        return value if type(value) is str else repr(value)
    return describe(value)


def _shown_item(value: object) -> str:
    """Inside a list or dict, text keeps its quotes (numpy's as well)."""
    text = value.data if isinstance(value, NDArray) and value.shape == () else value
    return repr(text) if type(text) is str else show(value)

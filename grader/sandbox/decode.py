"""Parent side: JSON from the child into plain values, bounded, never evaluating anything.

Tagged objects become grader.values dataclasses; anything malformed becomes Unsupported.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from grader.values import TAG, NDArray, SymbolicText, Unsupported

MAX_DEPTH = 32
MAX_NODES = 2_000_000
MAX_ERRORS = 50
MAX_MESSAGE = 1000
PLAIN = (type(None), bool, int, float)
SURROGATE = re.compile("[\ud800-\udfff]")


class _Budget:
    def __init__(self, nodes: int):
        self.nodes = nodes

    def spend(self) -> bool:
        self.nodes -= 1
        return self.nodes >= 0


@dataclass(frozen=True)
class Snapshot:
    """What the child's last frame said: answers, its own error messages, time in student code."""

    answers: dict
    errors: tuple[str, ...] = ()
    student_s: float = 0.0


def parse_snapshot(payload: bytes, names: list[str]) -> Snapshot:
    """Decode a child's frame (untrusted JSON) into the requested answers; empty if malformed."""
    try:
        frame = json.loads(payload)
    except (ValueError, RecursionError):
        return Snapshot({})
    if type(frame) is not dict:
        return Snapshot({})
    answers, errors, student_s = frame.get("answers"), frame.get("errors"), frame.get("student_s")
    budget = _Budget(MAX_NODES)
    decoded = {n: decode(answers[n], budget) for n in names if n in answers} if type(answers) is dict else {}
    errors = tuple(clean_text(e[:MAX_MESSAGE]) for e in errors[:MAX_ERRORS] if type(e) is str) \
        if type(errors) is list else ()
    return Snapshot(decoded, errors, float(student_s) if type(student_s) in (int, float) else 0.0)


def decode(value: object, budget: _Budget, depth: int = 0) -> object:
    if not budget.spend() or depth > MAX_DEPTH:
        return Unsupported("value (too large)")
    kind = type(value)
    if kind is str:
        return clean_text(value)
    if kind in PLAIN:
        return value
    if kind is list:
        return [decode(item, budget, depth + 1) for item in value]
    if kind is not dict:
        return Unsupported("value (malformed)")
    if TAG in value:
        return _tagged(value, budget, depth)
    return {key: decode(item, budget, depth + 1) for key, item in value.items()}


def _tagged(value: dict, budget: _Budget, depth: int) -> object:
    tag = value.get(TAG)
    if tag == "symbolic" and type(value.get("text")) is str:
        return SymbolicText(clean_text(value["text"]))
    if tag == "unsupported" and type(value.get("type_name")) is str:
        return Unsupported(clean_text(value["type_name"][:300]))
    if tag == "ndarray":
        return _ndarray(value, budget, depth)
    return Unsupported("value (malformed)")


def _ndarray(value: dict, budget: _Budget, depth: int) -> object:
    dtype, shape, data = value.get("dtype"), value.get("shape"), value.get("data")
    if type(dtype) is not str or type(shape) is not list or not all(type(n) is int and n >= 0 for n in shape):
        return Unsupported("numpy array (malformed)")
    if not _fits(data, shape, budget, depth):
        return Unsupported("numpy array (malformed)")
    return NDArray(dtype[:40], tuple(shape), data)


def clean_text(text: str) -> str:
    """Text that can be written anywhere: lone surrogates (valid in JSON, not in UTF-8) become U+FFFD."""
    return SURROGATE.sub("\ufffd", text)


def _fits(data: object, shape: list[int], budget: _Budget, depth: int) -> bool:
    """True when data is nested lists of plain scalars exactly matching shape."""
    if not budget.spend() or depth > MAX_DEPTH:
        return False
    if not shape:
        return type(data) in (bool, int, float, str)
    if type(data) is not list or len(data) != shape[0]:
        return False
    return all(_fits(item, shape[1:], budget, depth + 1) for item in data)

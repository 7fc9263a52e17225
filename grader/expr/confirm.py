"""A counterexample is confirmed before it decides: the point is evaluated again at growing
precision, and only a difference that persists at every precision up to MAX_DPS (240) says "not equal".

A difference that shrinks into the tolerance as digits are added was cancellation (1 - sigma(180)
is 0 at 60 digits, 6.7e-79 at 120): the point is discarded and counted, and the caller draws
another. Any evaluator (the mpmath sampler, a float64 fast path) calls `confirm` with the point
where it saw a difference.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from grader.expr.nodes import Node
from grader.expr.numeric import Undefined, entries, value_at
from grader.expr.tolerance import Gap, gap

LADDER = (60, 120, 240)  # digits: doubled up to the bound
MAX_DPS = LADDER[-1]
SETTLED = 1e-3  # at the top two rungs, each side may move by at most this fraction of the difference


class Finding(str, Enum):
    DIFFERS = "differs"  # the difference persisted at every precision: a counterexample
    CANCELLED = "cancelled"  # the difference shrank into the tolerance: it was rounding
    UNSETTLED = "unsettled"  # undefined at a higher precision, or values still moving at the bound


@dataclass(frozen=True)
class Confirmation:
    finding: Finding
    dps: int  # the precision that decided
    answer: object = None  # the values at that precision (mp numbers or object arrays)
    reference: object = None
    gap: Gap | None = None


def confirm(answer: Node, reference: Node, point: dict, *, rtol: float, atol: float,
            deadline: float = math.inf) -> Confirmation:
    """Re-evaluate both trees at `point` at 60, 120 and 240 digits (raises OutOfTime)."""
    previous = None
    for dps in LADDER:
        try:
            a, b = value_at(answer, point, dps, deadline), value_at(reference, point, dps, deadline)
        except Undefined:
            return Confirmation(Finding.UNSETTLED, dps)
        found = gap(a, b, dps, rtol=rtol, atol=atol)
        if found.within:
            return Confirmation(Finding.CANCELLED, dps, a, b, found)
        if dps == MAX_DPS and not _settled(previous, (a, b), found):
            return Confirmation(Finding.UNSETTLED, dps, a, b, found)
        previous = (a, b)
    return Confirmation(Finding.DIFFERS, MAX_DPS, a, b, found)


def _settled(lower: tuple, upper: tuple, found: Gap) -> bool:
    """The differing entry moved, from the rung below to the top, by far less than the difference."""
    return all(abs(entries(low)[found.entry] - entries(high)[found.entry]) <= SETTLED * found.difference
               for low, high in zip(lower, upper))

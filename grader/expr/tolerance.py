"""When two values agree: the one tolerance rule used by sampling and by confirmation.

Each entry is compared on its own, against the larger of its own size and the size of the whole
matrix (the root mean square of its entries): a tiny entry beside large ones is measured against
the matrix, a large entry against itself. Exact comparison (rtol = atol = 0) still forgives a
relative NOISE_FLOOR, far below any difference an answer can make and far above rounding.
"""
from __future__ import annotations

from dataclasses import dataclass

from grader.expr.numeric import context, entries

NOISE_FLOOR = 1e-25


@dataclass(frozen=True)
class Gap:
    """The entry whose difference is largest against its allowance, and that allowance."""

    entry: int
    difference: object  # mp number
    allowed: object  # mp number
    size: object  # the matrix's size (root mean square of its entries), or the scalar's magnitude
    largest_relative: float  # largest difference relative to its entry's scale, for the method text

    @property
    def within(self) -> bool:
        return self.difference <= self.allowed


def gap(answer, reference, dps: int, *, rtol: float, atol: float, slack=0) -> Gap:
    """Compare two values (mp numbers or object arrays of the same shape) at `dps` digits;
    `slack` is an extra absolute allowance (the measured rounding of the evaluation)."""
    m = context(dps)
    a_entries, b_entries = entries(answer), entries(reference)
    count = len(a_entries)
    size = max(m.sqrt(sum(abs(v) ** 2 for v in values) / count) for values in (a_entries, b_entries))
    relative = max(m.mpf(rtol), m.mpf(NOISE_FLOOR))
    worst, worst_ratio, worst_relative = 0, None, 0.0
    for index, (a, b) in enumerate(zip(a_entries, b_entries)):
        scale = max(abs(a), abs(b), size)
        allowed = max(m.mpf(atol), relative * scale, m.mpf(slack))
        difference = abs(a - b)
        ratio = difference / allowed if allowed else (m.inf if difference else m.mpf(0))
        if worst_ratio is None or ratio > worst_ratio:
            worst, worst_ratio = index, ratio
        if scale:
            worst_relative = max(worst_relative, float(difference / scale))
    a, b = a_entries[worst], b_entries[worst]
    allowed = max(m.mpf(atol), relative * max(abs(a), abs(b), size), m.mpf(slack))
    return Gap(worst, abs(a - b), allowed, size, worst_relative)

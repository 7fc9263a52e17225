"""Small statistics of scores and times: histogram bins, mean and median."""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int

    @property
    def label(self) -> str:
        return f"{self.low:g}" if self.low == self.high else f"{self.low:g}–{self.high:g}"


def distribution(values: list[float], top: float, most_bins: int = 21) -> tuple[Bin, ...]:
    """One bin per whole score from 0 to `top` when that is few enough, else `most_bins` equal bins
    of a round width (the last one closed), so every value, `top` included, falls in exactly one bin."""
    top = max(top, max(values, default=0.0), 0.0)
    whole = all(float(v).is_integer() for v in values) and float(top).is_integer()
    if whole and top + 1 <= most_bins:
        counts = {k: 0 for k in range(int(top) + 1)}
        for value in values:
            counts[int(value)] += 1
        return tuple(Bin(k, k, n) for k, n in counts.items())
    width = _nice((top or 1.0) / most_bins)
    bins = max(1, math.ceil(top / width - 1e-9))
    counts = [0] * bins
    for value in values:
        counts[min(int(value / width), bins - 1)] += 1
    return tuple(Bin(float(f"{i * width:.6g}"), float(f"{(i + 1) * width:.6g}"), n) for i, n in enumerate(counts))


def _nice(width: float) -> float:
    """The smallest of 1, 2 or 5 times a power of ten that is at least `width`."""
    power = 10 ** math.floor(math.log10(width))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= width * (1 - 1e-9))


def mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None

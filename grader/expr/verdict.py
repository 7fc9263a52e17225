"""The engine's answer: equal, not equal or undecided, how it was reached, and how long it took."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class VerdictStatus(str, Enum):
    EQUAL = "equal"
    NOT_EQUAL = "not_equal"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Verdict:
    status: VerdictStatus
    method: str  # for people: "proved equal symbolically", "differs at z=0.73: 0.2168 vs 0.25", ...
    seconds: float
    counterexample: dict | None = None
    note: str = ""  # stable machine-readable code: proved, sampled, counterexample, shape, ...

    @property
    def equal(self) -> bool:
        return self.status is VerdictStatus.EQUAL

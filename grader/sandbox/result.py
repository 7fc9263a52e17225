"""What a run hands back to the grader."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True)
class RunResult:
    """Decoded answers (plain values only), student-facing errors, the kept output tail, and timings."""

    answers: Mapping[str, object]
    errors: tuple[str, ...]
    output: str
    wall_s: float
    student_s: float
    isolation: str = field(default="", compare=False)  # how the run was isolated (see isolation.py)
    notes: Mapping[str, str] = field(default_factory=dict)  # answer name -> a note for its feedback

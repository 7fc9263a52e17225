"""What a question check returns, before the grading layer adds the question's metadata."""
from __future__ import annotations

from dataclasses import dataclass

from grader.results import Status


@dataclass(frozen=True)
class Outcome:
    score: float
    status: Status
    feedback: str
    method: str
    feedback_latex: str = ""


def full(points: float, feedback: str, method: str, latex: str = "") -> Outcome:
    return Outcome(points, Status.CORRECT, feedback, method, latex)


def wrong(feedback: str, method: str, latex: str = "") -> Outcome:
    return Outcome(0.0, Status.INCORRECT, feedback, method, latex)


def scored(points: float, score: float, feedback: str, method: str, latex: str = "") -> Outcome:
    """A rule's score: full marks, partial or none, with the status that fits it."""
    if score >= points:
        status = Status.CORRECT
    elif score > 0:
        status = Status.PARTIAL
    else:
        status = Status.INCORRECT
    return Outcome(min(score, points), status, feedback, method, latex)

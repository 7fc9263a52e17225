"""What grading produces: one result per question, gathered per submission."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Status(str, Enum):
    """How a question was judged; `ERROR` means the grader failed, not the student."""

    CORRECT = "correct"
    PARTIAL = "partial"
    INCORRECT = "incorrect"
    MISSING = "missing"
    INVALID = "invalid"
    MANUAL = "manual"
    ERROR = "error"


@dataclass(frozen=True)
class QuestionResult:
    id: str
    title: str
    score: float
    max_score: float
    status: Status
    feedback: str
    method: str
    visibility: str = "visible"
    feedback_latex: str = ""
    answer: str = ""  # the student's answer as text, kept for the instructor (free text, regrades)
    seconds: float = 0.0  # time spent checking this answer (about 0 when a class-mate's outcome was reused)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "max_score": self.max_score,
            "status": self.status.value,
            "feedback": self.feedback,
            "method": self.method,
            "visibility": self.visibility,
            "feedback_latex": self.feedback_latex,
            "answer": self.answer,
            "seconds": round(self.seconds, 4),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "QuestionResult":
        """The inverse of `to_dict`, for reports read back from JSON (fields added later default)."""
        return cls(
            data["id"], data.get("title", ""), float(data["score"]), float(data["max_score"]),
            Status(data["status"]), data.get("feedback", ""), data.get("method", ""),
            data.get("visibility", "visible"), data.get("feedback_latex", ""), data.get("answer", ""),
            float(data.get("seconds", 0.0)),
        )


@dataclass(frozen=True)
class SubmissionResult:
    submission: str
    questions: tuple[QuestionResult, ...]
    errors: tuple[str, ...] = ()
    output: str = ""
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return round(sum(q.score for q in self.questions), 6)

    @property
    def max_score(self) -> float:
        return round(sum(q.max_score for q in self.questions), 6)

    def to_dict(self) -> dict:
        return {
            "submission": self.submission,
            "score": self.score,
            "max_score": self.max_score,
            "errors": list(self.errors),
            "questions": [q.to_dict() for q in self.questions],
            "output": self.output,
            "seconds": round(self.seconds, 3),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "SubmissionResult":
        return cls(
            data["submission"], tuple(QuestionResult.from_dict(q) for q in data["questions"]),
            tuple(data.get("errors", ())), data.get("output", ""), float(data.get("seconds", 0.0)),
        )

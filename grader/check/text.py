"""Free-text justifications: kept for the instructor, never auto-scored."""
from __future__ import annotations

import re

from grader.check.coerce import as_text
from grader.check.outcome import Outcome
from grader.results import Status
from grader.spec.models import TextQuestion

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def check(question: TextQuestion, answer: object, reference: object, env) -> Outcome:
    text = as_text(answer).strip()
    if not text:
        return Outcome(0.0, Status.MISSING, "The answer is empty.", "manual grading")
    feedback = "Recorded for the instructor to grade."
    sentences = count_sentences(text)
    if question.max_sentences is not None and sentences > question.max_sentences:
        feedback += f" Note: about {sentences} sentences; the question asks for at most {question.max_sentences}."
    return Outcome(0.0, Status.MANUAL, feedback, "manual grading")


def count_sentences(text: str) -> int:
    """Sentences, split after `.`, `!` or `?` followed by white space (so `0.5` is not an end)."""
    return len([part for part in _SENTENCE_BREAK.split(text.strip()) if part.strip()])

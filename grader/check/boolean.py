"""True/false questions."""
from __future__ import annotations

from grader.check.coerce import as_bool
from grader.check.outcome import Outcome, full, wrong
from grader.spec.models import BooleanQuestion


def check(question: BooleanQuestion, answer: object, reference: object, env) -> Outcome:
    given, expected = as_bool(answer), as_bool(reference)
    if given == expected:
        return full(question.points, "Correct.", "compared exactly")
    return wrong(f"{given} is not right.", "compared exactly")

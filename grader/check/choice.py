"""One answer out of a fixed list of choices."""
from __future__ import annotations

from grader.check.coerce import AnswerTypeError, as_text
from grader.check.outcome import Outcome, full, wrong
from grader.spec.models import ChoiceQuestion


def check(question: ChoiceQuestion, answer: object, reference: object, env) -> Outcome:
    given = as_text(answer).strip()
    if given not in question.choices:
        raise AnswerTypeError(f"{given!r} is not one of the choices: {', '.join(question.choices)}")
    if given == as_text(reference).strip():
        return full(question.points, "Correct.", "compared exactly")
    return wrong(f"{given!r} is not the right choice.", "compared exactly")

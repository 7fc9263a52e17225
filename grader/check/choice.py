"""One answer out of a fixed list of choices, each with optional aliases; case-insensitive unless
the question says `case_sensitive: true`. Leading and trailing spaces never count."""
from __future__ import annotations

from typing import Mapping

from grader.check.coerce import AnswerTypeError, as_text
from grader.check.outcome import Outcome, full, wrong
from grader.spec.models import ChoiceQuestion


def check(question: ChoiceQuestion, answer: object, reference: object, env) -> Outcome:
    given = chosen(question.options, question.case_sensitive, answer)
    expected = chosen(question.options, question.case_sensitive, reference)
    method = "compared with the choices " + ("exactly" if question.case_sensitive else "ignoring case")
    if given == expected:
        return full(question.points, "Correct.", method)
    return wrong(f"{given!r} is not the right choice.", method)


def chosen(options: Mapping[str, list[str]], case_sensitive: bool, answer: object) -> str:
    """The choice the answer names (a choice or one of its aliases); AnswerTypeError if none."""
    given = as_text(answer).strip()
    key = given if case_sensitive else given.casefold()
    for choice, aliases in options.items():
        spellings = [choice.strip(), *(alias.strip() for alias in aliases)]
        if key in (spellings if case_sensitive else [s.casefold() for s in spellings]):
            return choice
    raise AnswerTypeError(f"{given!r} is not one of the choices: {', '.join(options)}")

"""Exact values: integers and counts (optionally by a condition), real numbers within a tolerance, shapes."""
from __future__ import annotations

import math

from grader.check.coerce import AnswerTypeError, as_integer, as_number, as_shape
from grader.check.outcome import Outcome, full, scored, wrong
from grader.check.predicate import compile_predicate
from grader.spec.models import IntegerQuestion, NumberQuestion, ShapeQuestion


def check_integer(question: IntegerQuestion, answer: object, reference: object, env) -> Outcome:
    given = as_integer(answer)
    if question.kind == "count" and given < 0:
        raise AnswerTypeError(f"a count cannot be negative, got {given}")
    if question.accept_if is not None:
        try:
            right = compile_predicate(question.accept_if).holds(given)
        except ValueError as exc:
            return wrong(f"{given} does not satisfy the question's condition ({exc}).", f"condition {question.accept_if}")
        method, miss = f"checked the condition {question.accept_if} with n = {given}", "does not give the required result"
    else:
        right, method, miss = given == as_integer(reference), "compared exactly", "is not right"
    if right:
        return full(question.points, "Correct.", method)
    return _alternatives(question, given, lambda a: as_integer(a) == given) or wrong(f"{given} {miss}.", method)


def check_number(question: NumberQuestion, answer: object, reference: object, env) -> Outcome:
    given, expected = float(as_number(answer)), float(as_number(reference))

    def close(value: object) -> bool:
        return math.isclose(given, float(as_number(value)), rel_tol=question.rtol, abs_tol=question.atol)

    method = f"compared within relative tolerance {question.rtol:g} and absolute {question.atol:g}"
    if close(expected):
        return full(question.points, "Correct.", method)
    return _alternatives(question, given, close) or wrong(f"{given:g} is not right.", method)


def check_shape(question: ShapeQuestion, answer: object, reference: object, env) -> Outcome:
    given, expected = as_shape(answer), as_shape(reference)
    if given == expected:
        return full(question.points, "Correct.", "compared exactly")
    if len(given) != len(expected):
        return wrong(f"{given} has {len(given)} sizes; the answer has {len(expected)}.", "compared exactly")
    return _alternatives(question, given, lambda a: as_shape(a) == given) or wrong(
        f"{given} is not right.", "compared exactly"
    )


def _alternatives(question, given, matches) -> Outcome | None:
    """The first accepted alternative that `matches`, scored with its message."""
    for number, alternative in enumerate(question.accept, start=1):
        if matches(alternative.value):
            message = alternative.message or "Accepted."
            return scored(question.points, alternative.score, message, f"matched accepted value {number} exactly")
    return None

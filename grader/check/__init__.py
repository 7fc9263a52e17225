"""One check per question kind, found through a single registry."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from grader.check import array, boolean, choice, exact, expression, text
from grader.check.coerce import AnswerTypeError
from grader.check.env import CheckEnv
from grader.check.outcome import Outcome
from grader.check.predicate import compile_predicate
from grader.spec.errors import OptionError


@dataclass(frozen=True)
class Kind:
    check: Callable[..., Outcome]
    validate: Callable[..., None] | None = None  # (question, env): OptionError for a broken option
    validate_reference: Callable[..., None] | None = None  # (question, reference, env): OptionError
    auto: bool = True  # False: never auto-scored, needs no reference
    read: Callable[..., object] | None = None  # answer -> a reading whose key decides the outcome
    decide: Callable[..., Outcome] | None = None  # (question, reading, reference, env): check without reading again
    costly: bool = False  # checked in a worker process when a batch has them


def _validate_integer(question, env) -> None:
    if question.accept_if is not None:
        try:
            compile_predicate(question.accept_if)
        except ValueError as exc:
            raise OptionError("accept_if", str(exc)) from None


KINDS: dict[str, Kind] = {
    "boolean": Kind(boolean.check),
    "choice": Kind(choice.check),
    "text": Kind(text.check, auto=False),
    "expression": Kind(expression.check, expression.validate, expression.validate_reference,
                       read=expression.read, decide=expression.decide, costly=True),
    "integer": Kind(exact.check_integer, _validate_integer),
    "count": Kind(exact.check_integer, _validate_integer),
    "number": Kind(exact.check_number),
    "shape": Kind(exact.check_shape),
    "array": Kind(array.check, validate_reference=array.validate_reference),
}


def needs_reference(question) -> bool:
    """Whether the solution file must set this question's answer."""
    return KINDS[question.kind].auto and getattr(question, "reference", None) is None


__all__ = ["AnswerTypeError", "CheckEnv", "KINDS", "Kind", "Outcome", "needs_reference"]

"""What a student may learn about their answers from the check file: presence, form, and
for verify questions whether the answer is right. Never the reference.

Reads answers as the plain values the sandbox returns (or the notebook encodes the same way)
and uses the grader's own readers (`grader.check.coerce`, `grader.expr.parse`), so an answer
that `check` finds well-formed is one that `grade` compares.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Callable, Mapping

import numpy as np

from grader.check.coerce import AnswerTypeError, as_bool, as_integer, as_number, as_shape, as_text
from grader.check.env import allowed_declarations, question_symbols
from grader.check.expression import read_answer, reading_note, shape_words
from grader.selfcheck.fingerprint import hash_matches, point_context, values_match
from grader.selfcheck.model import CheckFile, PublishedQuestion, SlowHashes

MISSING = object()


class Verdict(str, Enum):
    RIGHT = "right"
    NOT_YET = "not yet right"
    UNCHECKED = "not checked"  # format only, or nothing well-formed to check


@dataclass(frozen=True)
class Row:
    id: str
    answer: str
    kind: str
    points: float
    found: bool
    well_formed: bool
    detail: str  # what the answer is, or what is wrong with it (for the student)
    verdict: Verdict

    @property
    def ok(self) -> bool:
        return self.found and self.well_formed


def review(check_file: CheckFile, answers: Mapping[str, object], only: list[str] | None = None,
           notes: Mapping[str, str] | None = None) -> list[Row]:
    """One row per question (or per id in `only`), in the file's order; `notes` (answer name -> text,
    from the run) end that question's details."""
    questions = [check_file.question(i) for i in only] if only is not None else check_file.questions
    rows = [review_one(check_file, question, answers.get(question.answer, MISSING)) for question in questions]
    notes = notes or {}
    return [replace(row, detail=f"{row.detail}\n{notes[row.answer]}") if row.answer in notes else row for row in rows]


def review_one(check_file: CheckFile, question: PublishedQuestion, answer: object) -> Row:
    def row(found: bool, well_formed: bool, detail: str, verdict: Verdict = Verdict.UNCHECKED) -> Row:
        return Row(question.id, question.answer, question.kind, question.points, found, well_formed, detail, verdict)

    if answer is MISSING:
        return row(False, False, f"`{question.answer}` is not set.")
    try:
        detail, right = FORMS[question.kind](check_file, question, answer)
    except AnswerTypeError as exc:
        return row(True, False, str(exc))
    if not question.verify or right is None:
        return row(True, True, detail)
    return row(True, True, detail, Verdict.RIGHT if right else Verdict.NOT_YET)


# Each form reader returns (what the answer is, right?) with right None when it cannot be told,
# or raises AnswerTypeError with a message for the student.
def _boolean(check_file, question, answer):
    return f"True or False: {as_bool(answer)}", None


def _choice(check_file, question, answer):
    from grader.check.choice import chosen

    options = question.choice_aliases or {choice: [] for choice in question.choices or []}
    return f"one of the choices: {chosen(options, question.case_sensitive, answer)!r}", None


def _array(check_file, question, answer):
    """Any array of numbers is well-formed (grading marks a wrong shape wrong, not invalid); the
    detail says when its shape is not the one the question expects."""
    from grader.check.array import as_array, oriented, shape_words

    given = as_array(answer)
    detail = f"an array of numbers, {shape_words(given.shape)}"
    expected = np.zeros(question.array.shape)
    if oriented(given, expected, question.array.accept_transpose) is None:
        detail += f" (the question expects {shape_words(expected.shape)})"
    return detail, None


def _text(check_file, question, answer):
    from grader.check.text import count_sentences

    text = as_text(answer).strip()
    if not text:
        raise AnswerTypeError("the answer is empty")
    sentences = count_sentences(text)
    detail = f"text, about {sentences} sentence{'s' if sentences != 1 else ''}"
    if question.max_sentences is not None and sentences > question.max_sentences:
        detail += f" (the question asks for at most {question.max_sentences})"
    return detail + "; graded by hand", None


def _number(check_file, question, answer):
    return f"a number: {as_number(answer)}", None  # a sympy Rational reads 1/80, not Fraction(1, 80)


def _integer(check_file, question, answer):
    given = as_integer(answer)
    if question.kind == "count" and given < 0:
        raise AnswerTypeError(f"a count cannot be negative, got {given}")
    return _exact(question, f"a whole number ({given})", answer)


def _shape(check_file, question, answer):
    return _exact(question, f"a tuple of sizes {as_shape(answer)}", answer)


def _exact(question, what: str, answer):
    fingerprint = question.fingerprint
    if not isinstance(fingerprint, SlowHashes):
        return what, None
    return what, hash_matches(fingerprint, "shape" if question.kind == "shape" else "integer", answer)


def _expression(check_file, question, answer):
    from grader.expr import ExprContext, parse

    form = question.expression
    text = as_text(answer)
    symbols = question_symbols(check_file.symbols, form.symbols)
    declared = allowed_declarations(symbols, form.names)
    allowed = ExprContext.from_declarations(declared, functions=form.functions)
    oriented, _ = read_answer(text, allowed, form, form.shape)
    detail = f"an expression, {shape_words(form.shape)}, using only allowed names"
    note = reading_note(text, oriented)
    detail += f".{note}" if note else ""
    if question.fingerprint is None:
        return detail, None
    full = point_context(check_file, question)
    return detail, values_match(question.fingerprint, parse(oriented.text, full), full)


FORMS: dict[str, Callable] = {
    "boolean": _boolean,
    "choice": _choice,
    "text": _text,
    "number": _number,
    "integer": _integer,
    "count": _integer,
    "shape": _shape,
    "expression": _expression,
    "array": _array,
}

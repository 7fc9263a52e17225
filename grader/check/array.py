"""Vectors and matrices of numbers (a softmax output, a weight update, a confusion matrix).

The answer may be a list (of lists), a tuple, a numpy array or a sympy Matrix (which arrives as its
printed text and is read through the expression parser, never evaluated). The shape is compared
first, with its own message; then every entry within `rtol`/`atol` (|a - b| <= max(rtol * max(|a|,
|b|), atol), as for numbers), and the method names the entry furthest off. A vector may be given as
a list, a column or a row: only matrices have an orientation.
"""
from __future__ import annotations

import ast

import numpy as np

from grader.check.coerce import AnswerTypeError, as_number
from grader.check.outcome import Outcome, full, scored, wrong
from grader.spec.errors import OptionError
from grader.spec.models import ArrayQuestion
from grader.values import NDArray, SymbolicText, describe

_MATRIX_NAMES = ("Matrix", "ImmutableMatrix", "MutableDenseMatrix", "ImmutableDenseMatrix")


def check(question: ArrayQuestion, answer: object, reference: object, env) -> Outcome:
    given, expected = as_array(answer), as_array(reference)
    level = env.spec.diagnose(question)
    tolerance = f"within relative tolerance {question.rtol:g} and absolute {question.atol:g}"
    shaped = oriented(given, expected, question.accept_transpose)
    if shaped is not None:
        close, worst, error = _compare(shaped, expected, question)
        method = f"compared {_entries(expected.size)} {tolerance}"
        if close.all():
            note = " (as the transpose, which the question accepts)" if _form(given.shape) != _form(expected.shape) else ""
            return full(question.points, f"Correct{note}.", f"{method}; largest difference {error:.1e} "
                        f"at entry {_entry_name(worst, expected)}")
    for number, alternative in enumerate(question.accept, start=1):
        other = np.array(alternative.value, dtype=float)
        candidate = oriented(given, other, question.accept_transpose)
        if candidate is not None and _compare(candidate, other, question)[0].all():
            message = alternative.message or "Accepted."
            return scored(question.points, alternative.score, message,
                          f"matched accepted value {number} {tolerance}")
    if shaped is None:
        return wrong(f"The answer is {shape_words(given.shape)}; {shape_words(expected.shape)} is expected.",
                     f"shape compared first: {given.shape} (answer) vs {expected.shape} (reference)")
    wrong_count = int((~close).sum())
    where = _entry_name(worst, expected)
    if not level:
        return wrong("The values are not right.", f"{method}: not all within tolerance "
                     "(details withheld: diagnose is false)")
    feedback = f"{wrong_count} of {_entries(expected.size)} {'is' if wrong_count == 1 else 'are'} not right."
    yours = f"{shaped[worst]:.6g}"
    if level == "full":
        return wrong(feedback, f"{method}: entry {where} differs most: {yours} (answer) vs "
                     f"{expected[worst]:.6g} (reference)")
    return wrong(feedback, f"{method}: entry {where} differs most: {yours} (answer; the reference's value "
                 "is withheld: diagnose is terms)")


def validate_reference(question: ArrayQuestion, reference: object, env) -> None:
    """The reference must be an array of numbers, of the declared shape if one is declared."""
    try:
        expected = as_array(reference)
    except AnswerTypeError as exc:
        raise OptionError("answer", f"the reference is not an array of numbers: {exc}") from None
    if question.shape is not None and _form(tuple(question.shape)) != _form(expected.shape):
        raise OptionError("shape", f"declared as {shape_words(tuple(question.shape))}, but the reference is "
                          f"{shape_words(expected.shape)}")


def as_array(value: object) -> np.ndarray:
    """A 1- or 2-dimensional float array; raises AnswerTypeError with a message for the student."""
    if isinstance(value, NDArray):
        if not value.dtype.startswith(("int", "uint", "float")):
            raise AnswerTypeError(f"expected numbers, got a numpy array of {value.dtype}")
        rows = value.data
    elif isinstance(value, SymbolicText):
        rows = _matrix_rows(value.text)
    elif type(value) is list:
        rows = value
    else:
        raise AnswerTypeError(f"expected a list, tuple, numpy array or sympy Matrix of numbers, got {describe(value)}")
    if not isinstance(rows, list) or not rows:
        raise AnswerTypeError("expected a vector or matrix with at least one entry, got a single value"
                              if not isinstance(rows, list) else "the array is empty")
    if all(isinstance(row, list) for row in rows):
        widths = {len(row) for row in rows}
        if len(widths) != 1 or 0 in widths:
            raise AnswerTypeError(f"the rows have different lengths ({', '.join(str(len(r)) for r in rows)})")
        if any(isinstance(item, list) for row in rows for item in row):
            raise AnswerTypeError("expected a vector or a matrix, got an array with more than two dimensions")
        return np.array([[_number(item) for item in row] for row in rows], dtype=float)
    if any(isinstance(row, list) for row in rows):
        raise AnswerTypeError("mixes numbers and rows: write a list of numbers or a list of rows")
    return np.array([_number(item) for item in rows], dtype=float)


def shape_words(shape: tuple) -> str:
    form = _form(tuple(shape))
    if form[0] == "vector":
        return f"a vector of {form[1]} number{'s' if form[1] != 1 else ''}"
    return f"a {form[1][0]} x {form[1][1]} matrix"


def _number(item: object) -> float:
    if isinstance(item, SymbolicText):
        return _constant(item.text)
    try:
        return float(as_number(item))
    except AnswerTypeError as exc:
        raise AnswerTypeError(f"every entry must be a number: {exc}") from None
    except OverflowError:
        raise AnswerTypeError("an entry is too large for a floating-point number") from None


def _matrix_rows(text: str) -> list:
    """The rows of a printed sympy Matrix, e.g. `Matrix([[1/2, 0], [sqrt(2), 1]])`, each entry as text."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        tree = None
    if not (isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name) and tree.func.id in _MATRIX_NAMES
            and len(tree.args) == 1 and not tree.keywords and isinstance(tree.args[0], ast.List)):
        raise AnswerTypeError("expected a sympy Matrix of numbers (or a list or numpy array), got a sympy expression")
    rows = tree.args[0].elts
    if all(isinstance(row, ast.List) for row in rows):
        return [[SymbolicText(ast.get_source_segment(text.strip(), item)) for item in row.elts] for row in rows]
    return [SymbolicText(ast.get_source_segment(text.strip(), item)) for item in rows]


def _constant(text: str) -> float:
    """A sympy entry such as `1/2` or `sqrt(2)`, read by the safe parser with no symbols and valued."""
    from grader.expr import ExprContext, ExprError, evaluate, parse

    context = ExprContext()
    try:
        value = complex(evaluate(parse(text, context), context, {}, time_limit_s=1.0))
    except ExprError as exc:
        raise AnswerTypeError(f"the entry `{text}` is not a number: {exc}") from None
    except ArithmeticError:
        raise AnswerTypeError(f"the entry `{text}` has no value") from None
    if value.imag:
        raise AnswerTypeError(f"the entry `{text}` is not a real number")
    return value.real


def _form(shape: tuple) -> tuple:
    """("vector", n) for (n,), (n, 1) or (1, n); ("matrix", (rows, cols)) otherwise."""
    if len(shape) == 1:
        return ("vector", shape[0])
    if 1 in shape:
        return ("vector", max(shape))
    return ("matrix", tuple(shape))


def oriented(given: np.ndarray, expected: np.ndarray, accept_transpose: bool) -> np.ndarray | None:
    """`given` in `expected`'s shape when their shapes agree (vectors in any orientation, matrices
    transposed if the question accepts it), else None."""
    if _form(given.shape) == _form(expected.shape):
        return given.reshape(expected.shape)
    if accept_transpose and given.ndim == 2 and given.T.shape == expected.shape:
        return given.T
    return None


def _compare(given: np.ndarray, expected: np.ndarray, question) -> tuple[np.ndarray, tuple, float]:
    """Per entry: within tolerance?; the index of the entry furthest off (by its share of the
    tolerance); that entry's absolute difference."""
    difference = np.abs(given - expected)
    allowed = np.maximum(question.rtol * np.maximum(np.abs(given), np.abs(expected)), question.atol)
    close = (difference <= allowed) | (given == expected)  # equal infinities are close
    if close.all():
        worst = np.unravel_index(int(np.argmax(np.nan_to_num(difference, nan=0.0))), given.shape)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            excess = np.where(close, 0.0, difference / allowed)  # a zero allowance: infinitely off
        worst = np.unravel_index(int(np.argmax(np.nan_to_num(excess, nan=np.inf))), given.shape)
    return close, worst, float(difference[worst])


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _entry_name(index: tuple, expected: np.ndarray) -> str:
    if _form(expected.shape)[0] == "vector":
        return str(int(np.ravel_multi_index(index, expected.shape)) + 1)
    return f"({index[0] + 1}, {index[1] + 1})"

"""Term-level diagnosis of a wrong sum: which reference terms the answer lacks, has with the wrong
sign or factor, and which of its terms the reference does not have. Found numerically: the answer
is fitted, at seeded points, as a combination of the reference's terms."""
from __future__ import annotations

from grader.expr import clock
from fractions import Fraction

import numpy as np

from grader.expr import shapes
from grader.expr.context import ExprContext
from grader.expr.nodes import Expr, Node
from grader.expr.numeric import OutOfTime, Undefined, entries, value_at
from grader.expr.points import draw_point, rng_for
from grader.expr.printing import to_text

POINTS, FIT, MAX_TERMS, MAX_FACTORS = 4, 1e-8, 32, 8


class _TooMany(Exception):
    """Distributing would make more terms than a message can name."""


def diagnose(answer: Expr, reference: Expr, ctx: ExprContext, seed: int | str = 0,
             time_limit_s: float = 1.0, reveal_coefficients: bool = True) -> list[str]:
    """Sentences for the student, e.g. "Your answer lacks the term c_prev*Df."; [] when no clear story.
    Without `reveal_coefficients`, a term with a wrong factor is named but the factor is not (it would tell
    the reference's coefficient)."""
    deadline = clock.now() + time_limit_s
    if tuple(answer.shape) != tuple(reference.shape):
        return []
    rng = rng_for(seed, "diagnose")
    points = [draw_point(ctx, answer.names | reference.names, rng, index) for index in range(POINTS)]
    try:
        wanted, given = terms(reference.node), terms(answer.node)
        target = _column(answer.node, points, deadline)
        basis = np.column_stack([_column(term, points, deadline) for term in wanted])
        columns = [_column(term, points, deadline) for term in given]
    except (Undefined, OutOfTime, _TooMany, ValueError):  # ValueError: reference terms of different shapes
        return []
    if any(len(values) != len(target) for values in columns):
        return []  # a broadcast term (a scalar added to a vector) has fewer entries: no term-level story
    if not all(np.all(np.isfinite(values)) for values in [target, basis, *columns]):
        return []  # values beyond double precision: no trustworthy fit
    extras = [(term, values) for term, values in zip(given, columns) if not _in_span(basis, values)]
    if np.linalg.matrix_rank(basis) < basis.shape[1] or (len(wanted) == 1 and extras):
        return []  # dependent terms, or a one-term reference the answer is no multiple of: no clear story
    coefficients, residual = _fit(np.column_stack([basis] + [values for _, values in extras]), target)
    if residual > FIT:
        return []
    lacking = [index for index, c in enumerate(coefficients[: len(wanted)]) if abs(c) < 1e-6]
    try:
        factored = _missing_factors(wanted, basis, lacking, extras, points, deadline)
    except (Undefined, OutOfTime):
        factored = {}
    explained = {id(answer_term) for answer_term, _ in factored.values()}
    messages = []
    for index, (term, c) in enumerate(zip(wanted, coefficients[: len(wanted)])):
        if index in factored:
            answer_term, factor = factored[index]
            messages.append(f"Your answer has the term {to_text(answer_term)} where the expected answer has "
                            f"{to_text(term)}: the factor {_grouped(factor)} is missing.")
        else:
            messages.append(_message(term, c, reveal_coefficients))
    messages += [f"Your answer has the term {to_text(term)}, which the expected answer does not have."
                 for term, _ in extras if id(term) not in explained]
    return [message for message in messages if message]


def _missing_factors(wanted, basis, lacking, extras, points, deadline) -> dict:
    """Lacking reference terms that are an extra answer term times one of their own factors."""
    found: dict[int, tuple[Node, Node]] = {}
    for index in lacking:
        for answer_term, _ in extras:
            if any(answer_term is used for used, _ in found.values()):
                continue
            for factor in _factors(wanted[index])[:MAX_FACTORS]:
                product = _times(factor, answer_term)
                if product is not None and _same(_column(product, points, deadline), basis[:, index]):
                    found[index] = (answer_term, factor)
                    break
            if index in found:
                break
    return found


def _times(left: Node, right: Node) -> Node | None:
    try:
        return Node("mul", (left, right), None, shapes.broadcast(left.shape, right.shape, "*"))
    except shapes.ShapeMismatch:
        return None


def _factors(node: Node) -> list[Node]:
    if node.op == "neg":
        return _factors(node.args[0])
    if node.op == "mul":
        return _factors(node.args[0]) + _factors(node.args[1])
    return [node]


def _grouped(node: Node) -> str:
    return f"({to_text(node)})" if node.op in ("add", "sub") else to_text(node)


def _same(values: np.ndarray, expected: np.ndarray) -> bool:
    scale = max(np.max(np.abs(expected)), 1e-300)
    return bool(np.all(np.isfinite(values)) and np.max(np.abs(values - expected)) <= 1e-8 * scale)


def terms(node: Node) -> list[Node]:
    """The signed terms of a sum, distributing products over sums that have no constant term."""
    found = _terms(node)
    if len(found) > MAX_TERMS:
        raise _TooMany()
    return found


def _terms(node: Node) -> list[Node]:
    if node.op == "add":
        return terms(node.args[0]) + terms(node.args[1])
    if node.op == "sub":
        return terms(node.args[0]) + [_negate(term) for term in terms(node.args[1])]
    if node.op == "neg":
        return [_negate(term) for term in terms(node.args[0])]
    if node.op in ("mul", "matmul", "div"):
        for index, factor in enumerate(node.args[: 1 if node.op == "div" else 2]):
            parts = terms(factor)
            if len(parts) > 1 and not any(part.is_constant for part in parts):
                spread = [_rebuild(node, index, part) for part in parts]
                if all(spread):
                    return [term for part in spread for term in terms(part)]
    return [node]


def _rebuild(node: Node, index: int, part: Node) -> Node | None:
    args = list(node.args)
    args[index] = part
    try:
        if node.op == "matmul":
            shape = shapes.matmul(args[0].shape, args[1].shape)
        else:
            shape = shapes.broadcast(args[0].shape, args[1].shape, "*")
    except shapes.ShapeMismatch:
        return None
    return Node(node.op, tuple(args), None, shape, node.position)


def _negate(node: Node) -> Node:
    return node.args[0] if node.op == "neg" else Node("neg", (node,), None, node.shape, node.position)


def _column(node: Node, points: list[dict], deadline: float) -> np.ndarray:
    values = []
    for point in points:
        values.extend(complex(entry) for entry in entries(value_at(node, point, 30, deadline)))
    return np.array(values)


def _fit(design: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, float]:
    coefficients, *_ = np.linalg.lstsq(design, target, rcond=None)
    scale = max(np.linalg.norm(target), 1e-300)
    return coefficients, float(np.linalg.norm(design @ coefficients - target) / scale)


def _in_span(basis: np.ndarray, column: np.ndarray) -> bool:
    return _fit(basis, column)[1] < FIT


def _message(term: Node, coefficient: complex, reveal_coefficient: bool = True) -> str:
    shown = to_text(term)
    if abs(coefficient - 1) < 1e-6:
        return ""
    if abs(coefficient) < 1e-6:
        return f"Your answer lacks the term {shown}."
    if abs(coefficient + 1) < 1e-6:
        return f"Your answer has the term {shown} with the wrong sign."
    if not reveal_coefficient:
        return f"Your answer has the term {shown} with a wrong coefficient."
    return f"Your answer has the term {shown} multiplied by {_factor(coefficient)}; expected once."


def _factor(value: complex) -> str:
    if abs(value.imag) > 1e-9:
        return f"{value.real:.3g}{value.imag:+.3g}i"
    close = Fraction(value.real).limit_denominator(100)
    return str(close) if abs(float(close) - value.real) < 1e-9 else f"{value.real:.4g}"

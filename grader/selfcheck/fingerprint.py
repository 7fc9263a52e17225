"""Recognising a right answer without holding it.

Exact values (integers, counts, shapes) are kept as slow salted hashes (scrypt, about 0.15 s
each), so guessing by brute force costs real time per guess. Expressions are kept as their
values at seeded points: the checker draws the same points and compares the student's
expression there. Both cover every value that earns full marks (the reference and full-score
alternatives), so `check` agrees with `grade` on right or not yet right.
"""
from __future__ import annotations

import hashlib
import secrets

import numpy as np

from grader.check.coerce import as_integer, as_shape
from grader.selfcheck.model import PointValues, SlowHashes

SCRYPT = {"n": 2**15, "r": 8, "p": 1}
POINTS_DRAWN = 12
POINT_TIME_LIMIT_S = 1.0  # per evaluation: a pathological answer costs at most 12 s, then counts as not equal


def canonical(kind: str, value: object) -> str:
    """The one text every equal answer of this kind maps to; raises AnswerTypeError otherwise."""
    if kind == "shape":
        return "shape:" + ",".join(str(size) for size in as_shape(value))
    return "integer:" + str(as_integer(value))


def slow_hashes(kind: str, values: list[object]) -> SlowHashes:
    salt = secrets.token_bytes(16)  # per question and per publish: no table of hashes carries over
    digests = sorted({_scrypt(canonical(kind, value), salt, SCRYPT) for value in values})
    return SlowHashes(salt=salt.hex(), digests=digests, **SCRYPT)


def hash_matches(fingerprint: SlowHashes, kind: str, value: object) -> bool:
    params = {"n": fingerprint.n, "r": fingerprint.r, "p": fingerprint.p}
    return _scrypt(canonical(kind, value), bytes.fromhex(fingerprint.salt), params) in fingerprint.digests


def point_values(exprs: list, ctx, *, seed: int, rtol: float, atol: float) -> PointValues | None:
    """Each expression's values at the drawn points where the first (the reference) has a real
    value; None when it has none there. A full-marks alternative undefined at one of them is left out."""
    from grader.expr import draw_points

    points = draw_points(ctx, seed, POINTS_DRAWN)
    values = [[_real_value(expr, ctx, point) for point in points] for expr in exprs]
    use = [index for index, value in enumerate(values[0]) if value is not None]
    if not use:
        return None
    targets = [[row[index] for index in use] for row in values]
    targets = [target for target in targets if all(value is not None for value in target)]
    return PointValues(seed=seed, draw=POINTS_DRAWN, drawing=drawing_digest(points), use=use, rtol=rtol, atol=atol,
                       targets=targets)


def drawing_digest(points: list[dict]) -> str:
    """A digest of the drawn points, so a checker whose numpy draws others can tell before it misjudges."""
    text = repr([[(name, np.asarray(value).tolist()) for name, value in sorted(point.items())] for point in points])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def point_context(check_file, question):
    """The context a question's points are drawn in: every symbol in force for it."""
    from grader.check.env import question_symbols
    from grader.expr import ExprContext

    return ExprContext.from_declarations(question_symbols(check_file.symbols, question.expression.symbols))


def draws_the_same_points(check_file) -> bool:
    """Whether this checker draws the points every expression fingerprint of `check_file` was made at."""
    from grader.expr import draw_points

    return all(drawing_digest(draw_points(point_context(check_file, q), q.fingerprint.seed, q.fingerprint.draw))
               == q.fingerprint.drawing for q in check_file.questions if isinstance(q.fingerprint, PointValues))


def values_match(fingerprint: PointValues, expr, ctx) -> bool:
    """Whether `expr` equals one of the targets (within tolerance) at every used point."""
    from grader.expr import draw_points

    points = draw_points(ctx, fingerprint.seed, fingerprint.draw)
    given = [_real_value(expr, ctx, points[index]) for index in fingerprint.use]
    if any(value is None for value in given):
        return False
    return any(_close(given, target, fingerprint) for target in fingerprint.targets)


def _close(given: list, target: list, fingerprint: PointValues) -> bool:
    for value, expected in zip(given, target):
        value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
        if value.shape != expected.shape:
            return False
        if not np.allclose(value, expected, rtol=fingerprint.rtol, atol=fingerprint.atol):
            return False
    return True


def _real_value(expr, ctx, point) -> list | float | None:
    """The value at `point` as plain floats, or None where it is undefined, infinite or complex."""
    from grader.expr import evaluate

    try:
        value = np.asarray(evaluate(expr, ctx, point, time_limit_s=POINT_TIME_LIMIT_S))
    except ArithmeticError:  # grader.expr's Undefined: a pole, division by zero, overflow, out of time
        return None
    if np.iscomplexobj(value) or not np.all(np.isfinite(value)):
        return None
    return value.astype(float).tolist()


def _scrypt(text: str, salt: bytes, params: dict) -> str:
    return hashlib.scrypt(text.encode(), salt=salt, dklen=32, maxmem=2**27, **params).hex()

"""Compare two trees at seeded points, each value computed at 30 and 60 digits so that rounding
noise is measured; a difference is only a counterexample once `confirm` finds that it persists
at growing precision, and a point where it shrank away (cancellation) is counted and redrawn."""
from __future__ import annotations

import math
from grader.expr import clock
from dataclasses import dataclass, field

from grader.expr import fast
from grader.expr.confirm import Confirmation, Finding, confirm
from grader.expr.context import ExprContext
from grader.expr.informative import informative, saturating_arguments
from grader.expr.nodes import Node
from grader.expr.numeric import OutOfTime, Undefined, context, entries, value_at
from grader.expr.points import draw_point, rng_for
from grader.expr.tolerance import gap

LOW_DPS, HIGH_DPS = 30, 60
UNRELIABLE = 1e-6  # relative error at 30 digits beyond which a point is too ill-conditioned to judge
VERIFIED = 1  # agreeing points judged at 60 digits before double precision may vouch for the rest


@dataclass
class Sample:
    """What the points showed."""

    agreed: int = 0
    worst_error: float = 0.0
    counterexample: dict | None = None
    one_sided: list = field(default_factory=list)  # (point, which side is undefined)
    skipped: int = 0
    cancelled: int = 0  # points where a difference shrank away at higher precision (redrawn)
    cancelled_at: int = 0  # the highest precision a cancellation needed
    in_double: int = 0  # agreements vouched for by double precision (its rounding bounded), not mpmath
    out_of_time: bool = False


def sample(answer: Node, reference: Node, ctx: ExprContext, *, wanted: int, seed, rtol: float, atol: float,
           deadline: float) -> Sample:
    """Up to 3 * `wanted` points; stops at a counterexample, at `wanted` agreements or at `deadline`."""
    result = Sample()
    for point in drawn_points(answer, reference, ctx, seed, 3 * wanted, deadline):
        if result.agreed >= wanted or result.counterexample is not None or clock.now() > deadline:
            result.out_of_time = result.out_of_time or clock.now() > deadline
            break
        try:
            if not _judged_in_double(answer, reference, point, rtol, atol, result, deadline):
                _judge(answer, reference, point, rtol, atol, result, deadline)
        except OutOfTime:
            result.out_of_time = True
    return result


def drawn_points(answer: Node, reference: Node, ctx: ExprContext, seed, count: int, deadline: float = math.inf):
    """The points `sample` judges, in order: seeded draws over both trees' names, made informative."""
    names = {n.value for tree in (answer, reference) for n in tree.walk() if n.op == "sym"}
    rng = rng_for(seed, "equivalent")
    arguments = saturating_arguments(answer, reference)
    for index in range(count):
        yield informative(draw_point(ctx, names, rng, index), arguments, ctx, deadline)


def _judged_in_double(answer: Node, reference: Node, point: dict, rtol: float, atol: float, result: Sample,
                      deadline: float) -> bool:
    """Double precision first: an agreement within its rounding bound counts once VERIFIED points
    agreed at 60 digits (exactness beyond float64), a clear difference goes straight to confirmation;
    whatever float64 cannot vouch for (cancellation, overflow, a pole) is left to `_judge`."""
    quick = fast.judge(answer, reference, point, rtol=rtol, atol=atol)
    if quick.finding is fast.Finding.AGREE and result.agreed - result.in_double >= VERIFIED:
        result.agreed += 1
        result.in_double += 1
        result.worst_error = max(result.worst_error, quick.relative_error)
        return True
    if quick.finding is fast.Finding.DIFFER:
        _confirm(answer, reference, point, rtol, atol, result, deadline)
        return True
    return False


def _judge(answer: Node, reference: Node, point: dict, rtol: float, atol: float, result: Sample,
           deadline: float) -> None:
    values = {}
    for side, tree in (("answer", answer), ("reference", reference)):
        try:
            values[side] = (value_at(tree, point, LOW_DPS, deadline), value_at(tree, point, HIGH_DPS, deadline))
        except Undefined:
            values[side] = None
    if values["answer"] is None or values["reference"] is None:
        if values["answer"] is None and values["reference"] is None:
            result.skipped += 1
        else:
            result.one_sided.append((point, "answer" if values["answer"] is None else "reference", values))
        return
    m = context(HIGH_DPS)
    (a_low, a_high), (b_low, b_high) = values["answer"], values["reference"]
    noise = max(abs(lo - hi) for lo, hi in zip(entries(a_low) + entries(b_low), entries(a_high) + entries(b_high)))
    rounding = 100 * noise * m.mpf(10) ** (LOW_DPS - HIGH_DPS)
    found = gap(a_high, b_high, HIGH_DPS, rtol=rtol, atol=atol, slack=rounding)
    largest = max([found.size] + [abs(v) for v in entries(a_high) + entries(b_high)])
    reliable = noise <= UNRELIABLE * largest  # 30 digits agree with 60 to 6 places: no ruinous cancellation
    if found.within and (reliable or _clearly_within(a_high, b_high, noise, rtol, atol)):
        result.agreed += 1
        if found.difference > rounding:  # below rounding, the difference is noise, reported as 0
            result.worst_error = max(result.worst_error, found.largest_relative)
        return
    _confirm(answer, reference, point, rtol, atol, result, deadline)


def _confirm(answer: Node, reference: Node, point: dict, rtol: float, atol: float, result: Sample,
             deadline: float) -> None:
    """A difference seen at `point` decides only once it persists at growing precision."""
    confirmation = confirm(answer, reference, point, rtol=rtol, atol=atol, deadline=deadline)
    if confirmation.finding is Finding.DIFFERS:
        result.counterexample = _counterexample(point, confirmation)
    elif confirmation.finding is Finding.CANCELLED:
        result.cancelled += 1
        result.cancelled_at = max(result.cancelled_at, confirmation.dps)
    else:
        result.skipped += 1


def _clearly_within(answer, reference, noise, rtol: float, atol: float) -> bool:
    """Under a tolerance, even the measured rounding cannot carry the difference past it."""
    strict = gap(answer, reference, HIGH_DPS, rtol=rtol, atol=atol)
    return strict.difference + noise <= strict.allowed


def _counterexample(point: dict, confirmation: Confirmation) -> dict:
    plain = {name: (value.tolist() if hasattr(value, "tolist") else value) for name, value in point.items()}
    entry = confirmation.gap.entry
    a, b = entries(confirmation.answer)[entry], entries(confirmation.reference)[entry]
    digits = _digits_to_tell_apart(a, b)
    found = {"point": plain, "answer": _plain(a), "reference": _plain(b), "dps": confirmation.dps,
             "answer_text": show_value(a, digits), "reference_text": show_value(b, digits)}
    if hasattr(confirmation.answer, "shape"):
        found["entry"] = divmod(entry, confirmation.answer.shape[1])
    return found


def _digits_to_tell_apart(a, b) -> int:
    """Enough significant digits that two different values do not print the same."""
    m = context(HIGH_DPS)
    gap, scale = abs(a - b), max(abs(a), abs(b))
    if not gap or not scale:
        return 4
    return int(min(17, max(4, m.ceil(m.log10(scale / gap)) + 2)))


def show_value(value, digits: int = 4) -> str:
    m = context(HIGH_DPS)
    if isinstance(value, m.mpc) and value.imag:
        sign = "+" if value.imag >= 0 else "-"
        return f"{m.nstr(value.real, digits)}{sign}{m.nstr(abs(value.imag), digits)}i"
    return m.nstr(value.real if isinstance(value, m.mpc) else value, digits)


def _plain(value):
    number = complex(value)
    return number.real if number.imag == 0 else number

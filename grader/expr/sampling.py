"""Compare two trees at seeded points, each value computed at two precisions so that rounding
noise (cancellation, overflow) is measured instead of mistaken for a difference."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from grader.expr.context import ExprContext
from grader.expr.nodes import Node
from grader.expr.numeric import OutOfTime, Undefined, context, entries, value_at
from grader.expr.points import draw_point, rng_for

LOW_DPS, HIGH_DPS = 30, 60
NOISE_FLOOR = 1e-25  # relative; differences below this at 60 digits are rounding, not mathematics
UNRELIABLE = 1e-6  # relative error at 30 digits beyond which a point is too ill-conditioned to judge


@dataclass
class Sample:
    """What the points showed."""

    agreed: int = 0
    worst_error: float = 0.0
    counterexample: dict | None = None
    one_sided: list = field(default_factory=list)  # (point, which side is undefined)
    skipped: int = 0
    out_of_time: bool = False


def sample(answer: Node, reference: Node, ctx: ExprContext, *, wanted: int, seed, rtol: float, atol: float,
           deadline: float) -> Sample:
    """Up to 3 * `wanted` points; stops at a counterexample, at `wanted` agreements or at `deadline`."""
    names = {n.value for tree in (answer, reference) for n in tree.walk() if n.op == "sym"}
    rng = rng_for(seed, "equivalent")
    result = Sample()
    for index in range(3 * wanted):
        if result.agreed >= wanted or result.counterexample is not None or time.perf_counter() > deadline:
            result.out_of_time = result.out_of_time or time.perf_counter() > deadline
            break
        point = draw_point(ctx, names, rng, index)
        try:
            _judge(answer, reference, point, rtol, atol, result, deadline)
        except OutOfTime:
            result.out_of_time = True
    return result


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
    a_entries, b_entries = entries(a_high), entries(b_high)
    scale = max(abs(v) for v in a_entries + b_entries)
    differences = [abs(a - b) for a, b in zip(a_entries, b_entries)]
    difference = max(differences)
    noise = max(abs(lo - hi) for lo, hi in zip(entries(a_low) + entries(b_low), a_entries + b_entries))
    rounding = max(NOISE_FLOOR * scale, 100 * noise * m.mpf(10) ** (LOW_DPS - HIGH_DPS))
    tolerated = max(m.mpf(atol), rtol * scale)
    allowed = max(tolerated, rounding)
    reliable = noise <= UNRELIABLE * scale  # 30 digits agree with 60 to 6 places: no ruinous cancellation
    if difference <= allowed and (reliable or difference + noise <= tolerated):
        result.agreed += 1
        if difference > rounding:  # below rounding, the difference is noise, reported as 0
            result.worst_error = max(result.worst_error, float(difference / scale))
    elif difference > allowed and (reliable or difference > 1000 * noise):
        entry = differences.index(difference)
        result.counterexample = _counterexample(point, a_high, b_high, entry)
    else:
        result.skipped += 1


def _counterexample(point: dict, answer, reference, entry: int) -> dict:
    plain = {name: (value.tolist() if hasattr(value, "tolist") else value) for name, value in point.items()}
    a, b = entries(answer)[entry], entries(reference)[entry]
    digits = _digits_to_tell_apart(a, b)
    found = {"point": plain, "answer": _plain(a), "reference": _plain(b),
             "answer_text": show_value(a, digits), "reference_text": show_value(b, digits)}
    if hasattr(answer, "shape"):
        found["entry"] = divmod(entry, answer.shape[1])
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

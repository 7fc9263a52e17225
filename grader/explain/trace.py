"""What one answer's verdict rests on: how the answer was read, the reference and where it came
from, the points drawn with both sides' values, the proof attempt, every rule tried, the diagnosis.

Recomputed with the grading seeds, so the points are the ones grading drew. Shows everything,
whatever the question's `diagnose` level: it is for the instructor, never for the student.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.check import AnswerTypeError
from grader.check.array import as_array
from grader.check.coerce import as_bool, as_integer, as_number, as_shape, as_text
from grader.grading import MISSING, grade_question
from grader.values import describe

PROOF_TIME_S = 5.0


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]


def explain(assignment, question, answer: object) -> list[Section]:
    """The sections for one question's answer (or MISSING)."""
    result = grade_question(assignment, question, answer)
    sections = [Section("Verdict", (
        f"{result.score:g} / {result.max_score:g} points, {result.status.value}",
        f"feedback (the student sees): {result.feedback}",
        f"method: {result.method}",
        f"diagnose level shown to the student: {str(assignment.spec.diagnose(question)).lower()}",
    ))]
    if answer is MISSING:
        return sections
    sections.append(Section("Answer as sent", (f"{describe(answer)}: {_short(answer)}",)))
    reference = assignment.references.get(question.answer)
    tracer = _TRACERS.get(question.kind, _plain)
    try:
        sections += tracer(assignment, question, answer, reference)
    except AnswerTypeError as exc:
        sections.append(Section("Reading", (f"refused before any comparison: {exc}",)))
    return sections


def _plain(assignment, question, answer, reference) -> list[Section]:
    readers = {"boolean": as_bool, "integer": as_integer, "count": as_integer, "number": as_number,
               "shape": as_shape, "text": as_text}
    reader = readers.get(question.kind, as_text)
    lines = [f"read as: {reader(answer)!r}"]
    if question.kind == "choice":
        from grader.check.choice import chosen

        lines = [f"read as the choice: {chosen(question.options, question.case_sensitive, answer)!r} "
                 f"({'case-sensitive' if question.case_sensitive else 'ignoring case'})"]
        reference = chosen(question.options, question.case_sensitive, reference)
    if reference is not None:
        lines.append(f"reference (solution file, `{question.answer}`): "
                     f"{reference if question.kind == 'choice' else repr(reader(reference))}")
    lines += [f"accept {n}: {a.value!r} -> {a.score:g} points" for n, a in enumerate(getattr(question, "accept", []), 1)]
    if getattr(question, "accept_if", None):
        lines.append(f"condition: {question.accept_if}")
    return [Section("Reading", tuple(lines))]


def _array(assignment, question, answer, reference) -> list[Section]:
    from grader.check.array import oriented, shape_words

    given, expected = as_array(answer), as_array(reference)
    lines = [f"read as {shape_words(given.shape)} {given.shape}; reference {shape_words(expected.shape)} "
             f"{expected.shape} (solution file, `{question.answer}`)"]
    shaped = oriented(given, expected, question.accept_transpose)
    if shaped is None:
        return [Section("Reading", tuple(lines + ["the shapes differ: no entry is compared with the reference"]))]
    rows = ["entry        answer             reference          |difference|   allowed        within?"]
    allowed = np.maximum(question.rtol * np.maximum(np.abs(shaped), np.abs(expected)), question.atol)
    for index in np.ndindex(expected.shape):
        a, b = shaped[index], expected[index]
        name = ", ".join(str(i + 1) for i in index)
        rows.append(f"{name:<12} {a:<18.10g} {b:<18.10g} {abs(a - b):<14.3g} {allowed[index]:<14.3g} "
                    f"{'yes' if abs(a - b) <= allowed[index] or a == b else 'NO'}")
    return [Section("Reading", tuple(lines)),
            Section(f"Entries (rtol {question.rtol:g}, atol {question.atol:g})", tuple(rows))]


def _expression(assignment, question, answer, reference) -> list[Section]:
    from grader.check.expression import prepare, rule_pairs, shape_words
    from grader.expr import diagnose, equivalent
    from grader.expr.printing import to_text

    env = assignment.env
    ctx = env.expr_context(question, answer=True)
    judged = prepare(question, answer, reference, env)  # the normal form and seed grading judges
    given, transposed, expected, seed = judged.given, judged.transposed, judged.expected, judged.seed
    own = set(getattr(question, "symbols", {}) or {})
    symbols = [f"{name}: {_declared(spec)}{' (this question)' if name in own else ''}" for name, spec in
               sorted(ctx.symbols.items())]
    dims = [f"{dim.name} in {dim.low}..{dim.high}" for dim in ctx.dims.values()]
    reading = [
        f"read as: {to_text(given.node)}{' (transposed, which the question accepts)' if transposed else ''}",
        f"shape: {shape_words(given.shape)}; names used: {', '.join(sorted(given.names)) or 'none'}; "
        f"functions used: {', '.join(sorted(given.functions)) or 'none'}",
        f"reference: {expected.text} ({_source(question)})",
        "symbols in force: " + "; ".join(symbols + dims),
    ]
    tolerance = dict(rtol=question.rtol, atol=question.atol)
    sections = [Section("Reading", tuple(reading)), _points(given, expected, ctx, seed, question)]
    from grader.expr.symbolic import prove

    proof = prove(given.node, expected.node, ctx, PROOF_TIME_S)
    sections.append(Section("Proof attempt (sympy, in a worker)", (
        f"status: {proof.status}" + (f" after {PROOF_TIME_S:g} s" if proof.status == "timeout" else "")
        + (f" ({proof.step})" if proof.step else "")
        + (f"; the difference is {proof.difference}" if proof.difference else ""),)))
    tried = []
    for number, rule in enumerate(question.rules, start=1):
        for side, target, message in rule_pairs(rule, given, expected, ctx):
            verdict = equivalent(side, target, ctx, seed=seed, **tolerance)
            tried.append(f"rule {number} ({rule.score:g} points): {to_text(side.node)} vs {to_text(target.node)}: "
                         f"{verdict.status.value}, {verdict.method}")
    sections.append(Section("Rules tried, in order", tuple(tried) or ("the question has no rules",)))
    hints = diagnose(given, expected, ctx, seed=seed)
    sections.append(Section("Diagnosis at level full", tuple(hints) or ("no term-level story",)))
    return sections


def _points(given, expected, ctx, seed, question) -> Section:
    """The points grading drew, in order (the same seed and draws as `sample`), with both values."""
    from grader.expr.equivalence import MATRIX_POINTS, SCALAR_POINTS, draw_seed
    from grader.expr.normal import normal_form
    from grader.expr.numeric import Undefined, entries, value_at
    from grader.expr.sampling import HIGH_DPS, drawn_points, show_value
    from grader.expr.tolerance import gap

    names = given.names | expected.names
    wanted = (MATRIX_POINTS if given.shape else SCALAR_POINTS) if names else 1
    trees = normal_form(given.node), normal_form(expected.node)
    lines = []
    for index, point in enumerate(drawn_points(*trees, ctx, draw_seed(seed, *trees), wanted)):
        sizes = {size for name in names for size in ctx.symbols[name].shape if isinstance(size, str)}
        scalars = [f"{name}={value:.4g}" if isinstance(value, (int, float)) else f"{name}={value}"
                   for name, value in point.items()
                   if not isinstance(value, np.ndarray) and (name in names or name in sizes)]
        where = ", ".join(scalars + (["random entries"] if any(isinstance(v, np.ndarray) for v in point.values()) else []))
        try:
            raw = [value_at(tree, point, HIGH_DPS) for tree in trees]
        except Undefined as exc:
            lines.append(f"{index + 1:>2}. {where}: undefined on one side ({exc})")
            continue
        found = gap(*raw, HIGH_DPS, rtol=question.rtol, atol=question.atol)
        row, column = divmod(found.entry, np.shape(raw[1])[1]) if given.shape else (0, 0)
        entry = f" entry ({row + 1}, {column + 1})" if given.shape else ""
        a, b = (entries(value)[found.entry] for value in raw)
        lines.append(f"{index + 1:>2}. {where}:{entry} answer {show_value(a, 8)}, "
                     f"reference {show_value(b, 8)}, difference {show_value(found.difference, 3)}"
                     f" -> {'agree' if found.within else 'DIFFER'}")
        if not found.within:
            lines.append("    grading stops at the first clear difference (once confirmed at 120 and 240 digits): "
                         "the answer is not equal")
            break
    return Section(f"Points drawn (seed {seed}, as grading drew them)", tuple(lines))


def _declared(spec) -> str:
    shape = f" of shape {' x '.join(map(str, spec.shape))}" if spec.shape else ""
    domain = f"interval [{spec.interval[0]}, {spec.interval[1]}]" if spec.interval else spec.domain
    return domain + shape


def _source(question) -> str:
    from grader.spec.models import Derivative

    if isinstance(question.reference, Derivative):
        return (f"the spec's derivative of {question.reference.derivative_of} by {question.reference.by}, "
                "in its simplest form")
    if question.reference is not None:
        return "the spec's `reference:`"
    return f"the solution file's `{question.answer}`"


def _short(answer: object) -> str:
    text = getattr(answer, "text", None) or (answer if isinstance(answer, str) else repr(answer))
    return text if len(text) <= 500 else text[:500] + "…"


_TRACERS = {"expression": _expression, "array": _array}

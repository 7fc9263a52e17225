"""Scalar, vector and matrix expressions: parsed safely, compared by the equivalence engine.

Order: the reference first, then the question's rules (known mistakes, accepted
alternatives) in the order written; the first match decides. A wrong answer gets a
counterexample and a term-level diagnosis; an undecidable one is never marked right.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from grader.check.coerce import AnswerTypeError, as_text
from grader.check.outcome import Outcome, full, scored, wrong
from grader.results import Status
from grader.spec.errors import OptionError
from grader.spec.models import Derivative, ExpressionQuestion, Rule

# What a NOT_EQUAL verdict's method says when `diagnose` withholds the reference's values.
_WITHHELD = {
    "counterexample": "the values differ at a sampled point",
    "undefined_answer": "the answer is undefined at sampled points where the reference has a value",
    "undefined_reference": "the reference is undefined at sampled points where the answer has a value",
    "proved_unequal": "proved unequal symbolically (the difference is a nonzero constant)",
}


@dataclass(frozen=True)
class Reading:
    """An answer read before it is judged: the key its outcome is decided by, and its own LaTeX.

    Every spelling of one normal form (terms reordered, spacing, parentheses) has the same key,
    and the outcome depends only on the key, so a class's fifty spellings are judged once."""

    key: str
    latex: str
    note: str = ""  # for a LaTeX answer: " Your LaTeX was read as ...", ending the feedback

    def shown_in(self, outcome: Outcome) -> Outcome:
        """The outcome decided for the key, shown for this spelling: its LaTeX and its reading note."""
        return replace(outcome, feedback=outcome.feedback + self.note, feedback_latex=self.latex)


@dataclass(frozen=True)
class Judged:
    """What the engine judges for an answer: its normal form, orientation, reference and seed.
    It is the answer's reading too (its key, its shown_in), so an answer read for its key is
    decided without being read again, in this process or, without its reference, in a worker."""

    reading: Reading
    given: object  # the normal form, as an Expr
    transposed: bool
    expected: object  # None when sent to a worker, which has the reference read already
    seed: int

    @property
    def key(self) -> str:
        return self.reading.key

    def shown_in(self, outcome: Outcome) -> Outcome:
        return self.reading.shown_in(outcome)

    def without_reference(self) -> "Judged":
        return replace(self, expected=None)


def read(question: ExpressionQuestion, answer: object, reference: object, env) -> Judged:
    """Raises AnswerTypeError, as `check` does, for an answer that cannot be judged."""
    return prepare(question, answer, reference, env)


def check(question: ExpressionQuestion, answer: object, reference: object, env) -> Outcome:
    return decide(question, prepare(question, answer, reference, env), reference, env)


def decide(question: ExpressionQuestion, judged: Judged, reference: object, env) -> Outcome:
    """`check`'s outcome for an answer already read (by `read`)."""
    expected = judged.expected if judged.expected is not None else reference_expression(question, reference, env)
    outcome = judge(question, judged.given, judged.transposed, expected, judged.seed, env)
    return judged.reading.shown_in(outcome)


def prepare(question: ExpressionQuestion, answer: object, reference: object, env) -> Judged:
    """The answer read and put in normal form, seeded from its key (so from no spelling)."""
    from grader.expr import Expr
    from grader.expr.normal import digest, normal_form
    from grader.expr.printing import to_text

    ctx = env.expr_context(question, answer=True)
    expected = reference_expression(question, reference, env)
    text = as_text(answer)
    given, transposed = read_answer(text, ctx, question, expected.shape)
    node = normal_form(given.node)
    reading = Reading(("transposed " if transposed else "") + digest(node), *_shown_back(text, given))
    return Judged(reading, Expr(to_text(node), node, ctx), transposed, expected, env.seed(question.id, reading.key))


def judge(question: ExpressionQuestion, given, transposed: bool, expected, seed: int, env) -> Outcome:
    """The outcome for an answer in normal form: the reference first, then the rules."""
    from grader.expr import VerdictStatus, diagnose, equivalent

    ctx = env.expr_context(question, answer=True)

    def compare(a, b):
        return equivalent(a, b, ctx, rtol=question.rtol, atol=question.atol, seed=seed)

    verdict = compare(given, expected)
    if verdict.status is VerdictStatus.EQUAL:
        note = " (as the transpose, which the question accepts)" if transposed else ""
        return full(question.points, f"Correct{note}.", verdict.method)
    undecided = verdict.status is VerdictStatus.UNDECIDED
    for number, rule in enumerate(question.rules, start=1):
        matched = _rule_match(rule, given, expected, ctx, compare)
        if matched is not None:
            message, rule_verdict = matched
            return scored(question.points, rule.score, message, f"rule {number}: {rule_verdict.method}")
    if undecided:
        return Outcome(
            0.0,
            Status.ERROR,
            "The grader could not decide whether this answer is right in the time allowed; "
            "it is flagged for the instructor to grade by hand.",
            verdict.method,
        )
    level = env.spec.diagnose(question)
    hints = diagnose(given, expected, ctx, seed=seed, reveal_coefficients=level == "full") if level else []
    feedback = "Not equivalent to the expected answer."
    if hints:
        feedback += " " + " ".join(hints)
    return wrong(feedback, verdict.method if level == "full" else withheld_method(verdict, level))


def withheld_method(verdict, level) -> str:
    """How a NOT_EQUAL verdict was reached, without the reference's values (`diagnose` below full)."""
    reason = _WITHHELD.get(verdict.note, verdict.method)
    return f"not equal: {reason} (values withheld: diagnose is {str(level).lower()})"


def _shown_back(text: str, given) -> tuple[str, str]:
    """The answer for the rendered feedback and, for LaTeX, a sentence saying how it was read: the
    student's own LaTeX beside the reading the grader took."""
    from grader.expr import to_latex
    from grader.expr.latex import latex_source

    reading = reading_note(text, given)
    if not reading:
        return f"\\text{{yours: }} {to_latex(given)}", ""
    return f"\\text{{you wrote: }} {latex_source(text)} \\quad \\text{{read as: }} {to_latex(given)}", reading


def reading_note(text: str, given) -> str:
    """" Your LaTeX was read as ..." for an answer read as LaTeX, else ""."""
    from grader.expr.latex import is_latex

    plain = text.strip()
    if not is_latex(text) and given.text in (plain, f"({plain}).T"):
        return ""
    return f" Your LaTeX was read as {given.text}."


def reference_expression(question: ExpressionQuestion, reference: object, env):
    """The reference as an Expr: the spec's `reference:` if given, else the solution's value."""
    from grader.expr import differentiate, parse

    ctx = env.expr_context(question)
    source = question.reference
    if isinstance(source, Derivative):
        return env.reference(question, None, lambda: differentiate(parse(source.derivative_of, ctx), source.by, ctx))
    text = source if source is not None else as_text(reference)
    return env.reference(question, text, lambda: parse(text, ctx))


def validate(question: ExpressionQuestion, env) -> None:
    """Every option must work now, so a broken one stops the spec, not a student: function names,
    the declared shape, the spec's reference and every rule's expressions. Raises OptionError."""
    from grader.expr import ExprError, parse
    from grader.expr.functions import known
    from grader.expr.latex import spellings

    ctx = env.expr_context(question)
    for index, name in enumerate(question.names or []):
        if name not in ctx.symbols and name not in ctx.dims:
            raise OptionError(f"names[{index}]", f"`{name}` is not declared under `symbols` "
                              f"(declared: {', '.join(ctx.names)})")
    for key in ("functions", "require_functions", "forbid_functions"):
        for index, name in enumerate(getattr(question, key) or []):
            if not known(name):
                raise OptionError(f"{key}[{index}]", f"unknown function `{name}`; known: {', '.join(sorted(ctx.functions))}")
    both = sorted(set(question.require_functions) & set(question.forbid_functions))
    if both:
        raise OptionError("forbid_functions", f"{', '.join(both)} both required and forbidden")
    if question.functions is not None:
        for index, name in enumerate(question.require_functions):
            if name not in question.functions:
                raise OptionError(f"require_functions[{index}]", f"`{name}` is required but not among `functions`")
    for index, size in enumerate(question.shape or []):
        if isinstance(size, str) and size not in ctx.dims:
            raise OptionError(f"shape[{index}]", f"`{size}` is not a size declared with `dim:` "
                              f"(declared: {', '.join(sorted(ctx.dims)) or 'none'})")
        if isinstance(size, int) and size < 1:
            raise OptionError(f"shape[{index}]", f"sizes are positive, got {size}")
    if question.shape is not None and len(question.shape) > 2:
        raise OptionError("shape", f"an expression is a scalar, [rows] or [rows, cols], got {question.shape}")
    try:
        spellings(ctx)  # the symbols' LaTeX spellings read and do not clash
    except ValueError as exc:
        raise OptionError("symbols", str(exc)) from None
    if question.reference is not None:
        try:
            reference_expression(question, None, env)
        except ExprError as exc:
            raise OptionError("reference", f"does not parse: {exc}") from None
    for number, rule in enumerate(question.rules):
        for key, texts in (("equals", [rule.equals] if rule.equals is not None else []),
                           ("missing_one_of", rule.missing_one_of or [])):
            for index, text in enumerate(texts):
                try:
                    parse(text, ctx)
                except ExprError as exc:
                    where = f"rules[{number}].{key}" + (f"[{index}]" if key == "missing_one_of" else "")
                    raise OptionError(where, f"`{text}` does not parse: {exc}") from None


def validate_reference(question: ExpressionQuestion, reference: object, env) -> None:
    """The declared `shape` must be the reference's shape: grading reads answers in the reference's
    shape and the self-check in the declared one, so they must not differ. Raises OptionError."""
    from grader.expr import ExprError

    try:
        expected = reference_expression(question, reference, env)
    except (ExprError, AnswerTypeError) as exc:
        raise OptionError("answer", f"the reference does not parse: {exc}") from None
    if question.shape is not None and not _same_shape(declared_shape(question.shape), expected.shape):
        raise OptionError("shape", f"declared as {shape_words(declared_shape(question.shape))}, but the reference "
                          f"`{expected.text}` is {shape_words(expected.shape)}")


def declared_shape(shape) -> tuple:
    """A question's `shape:` as an expression shape: none or [] a scalar, [k] a column (k x 1)."""
    shape = tuple(shape or ())
    return (shape[0], 1) if len(shape) == 1 else shape


def _rule_match(rule: Rule, given, expected, ctx, compare):
    """The rule's message and the deciding verdict if the answer matches the rule, else None."""
    from grader.expr import VerdictStatus

    for answer, target, message in rule_pairs(rule, given, expected, ctx):
        verdict = compare(answer, target)
        if verdict.status is VerdictStatus.EQUAL:
            return message, verdict
    return None


def rule_pairs(rule: Rule, given, expected, ctx) -> list[tuple]:
    """What a rule compares: (answer side, target, message) for each alternative it stands for."""
    from grader.expr import parse

    if rule.equals is not None:
        return [(given, parse(rule.equals, ctx), rule.message)]
    if rule.missing_one_of is not None:
        return [(given, parse(f"({expected.text}) - ({term})", ctx), rule.message.replace("{term}", term))
                for term in rule.missing_one_of]
    return [(parse(f"({given.text}) / norm({given.text})", ctx), expected, rule.message)]  # same_direction


def read_answer(text: str, ctx, question, shape) -> tuple:
    """The student's expression in the expected orientation, and whether it was transposed.

    Raises AnswerTypeError with the student's message: a parse error (with a caret and the allowed
    names), a forbidden or missing function, or a wrong shape. The self-check reads answers the same way.
    """
    from grader.expr import ExprError, parse
    from grader.expr.latex import read

    try:
        given = read(text, ctx, getattr(question, "latex_products", {}))
    except ExprError as exc:
        message = exc.render()
        if "allowed names" not in message:  # unknown names already list them
            message += f"\nAllowed names: {', '.join(ctx.names)}."
        raise AnswerTypeError(f"does not parse: {message}") from None
    problem = _function_problem(question, given)
    if problem:
        raise AnswerTypeError(problem)
    if _same_shape(given.shape, shape):
        return given, False
    if question.accept_transpose and _same_shape(_transpose(given.shape), shape):
        return parse(f"({given.text}).T", ctx), True
    raise AnswerTypeError(f"expected {shape_words(shape)}, but the answer is {shape_words(given.shape)}")


def _function_problem(question: ExpressionQuestion, given) -> str:
    forbidden = sorted(set(question.forbid_functions) & set(given.functions))
    if forbidden:
        return f"This question asks you not to use {', '.join(forbidden)}."
    missing = sorted(set(question.require_functions) - set(given.functions))
    if missing:
        return f"This question asks you to write the answer using {', '.join(missing)}."
    return ""


def _same_shape(a, b) -> bool:
    return tuple(a or ()) == tuple(b or ())


def _transpose(shape):
    shape = tuple(shape or ())
    return shape[::-1] if len(shape) == 2 else shape


def shape_words(shape) -> str:
    shape = tuple(shape or ())
    if not shape or shape == (1, 1):
        return "a scalar"
    text = " x ".join(str(size) for size in shape)
    if shape[-1] == 1:
        return f"a column vector ({text})"
    if shape[0] == 1:
        return f"a row vector ({text})"
    return f"a matrix ({text})"

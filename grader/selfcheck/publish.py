"""`grader publish`: the student-side check file for an assignment, with no reference in it."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.selfcheck.fingerprint import point_values, slow_hashes
from grader.selfcheck.model import ArrayForm, CheckFile, ExpressionForm, PublishedQuestion, writer

EXACT_KINDS = ("integer", "count", "shape")


@dataclass(frozen=True)
class Published:
    check_file: CheckFile
    notes: tuple[str, ...]  # questions whose `verify` could not be honoured, and why


def publish(assignment) -> Published:
    """The check file for a loaded `grader.grading.Assignment` (its reference already computed)."""
    spec = assignment.spec
    questions, notes = [], []
    for question in spec.questions:
        wants_verify = spec.self_check(question) == "verify"
        fingerprint, refusal = _fingerprint(assignment, question) if wants_verify else (None, "")
        if refusal:
            notes.append(f"{question.id}: `self_check: verify` is not offered for {refusal}; it is published "
                         "as format only.")
        questions.append(PublishedQuestion(
            id=question.id, title=question.title, prompt=question.prompt, answer=question.answer,
            kind=question.kind, points=question.points, verify=fingerprint is not None,
            expression=_form(assignment, question) if question.kind == "expression" else None,
            choices=list(question.options) if question.kind == "choice" else None,
            choice_aliases=question.options if question.kind == "choice" else None,
            case_sensitive=getattr(question, "case_sensitive", False),
            array=_array_form(assignment, question) if question.kind == "array" else None,
            max_sentences=getattr(question, "max_sentences", None),
            fingerprint=fingerprint,
        ))
    check_file = CheckFile(
        written_by=writer(), numpy_version=np.__version__, assignment=spec.assignment, title=spec.title, time_limit_s=spec.defaults.time_limit_s,
        memory_mb=spec.defaults.memory_mb, symbols=spec.symbols, questions=questions,
    )
    return Published(check_file, tuple(notes))


def _fingerprint(assignment, question):
    """(fingerprint, "") or (None, the reason verify cannot be offered)."""
    if question.kind in ("boolean", "choice"):
        return None, f"a {question.kind} (any oracle would reveal the answer)"
    if question.kind in ("number", "array"):
        return None, f"a{'n' if question.kind == 'array' else ''} {question.kind} compared within a tolerance " \
                     "(a hash needs an exact value)"
    if question.kind == "text":
        return None, "free text (graded by hand)"
    if question.kind in EXACT_KINDS and getattr(question, "accept_if", None) is not None:
        return None, "an integer accepted by a condition (the condition would have to be published)"
    if question.kind in EXACT_KINDS:
        full_marks = [alternative.value for alternative in question.accept if alternative.score >= question.points]
        kind = "shape" if question.kind == "shape" else "integer"
        return slow_hashes(kind, [assignment.references[question.answer], *full_marks]), ""
    fingerprint = _expression_fingerprint(assignment, question)
    return (fingerprint, "") if fingerprint else (None, "an expression with no real value at the sampled points")


def _expression_fingerprint(assignment, question):
    from grader.check.expression import reference_expression
    from grader.expr import parse

    env = assignment.env
    ctx = env.expr_context(question)
    reference = reference_expression(question, assignment.references.get(question.answer), env)
    full_marks = [parse(rule.equals, ctx) for rule in question.rules
                  if rule.equals is not None and rule.score >= question.points]
    return point_values([reference, *full_marks], ctx, seed=env.seed(question.id, "self-check"),
                        rtol=question.rtol, atol=question.atol)


def _form(assignment, question) -> ExpressionForm:
    from grader.check.expression import reference_expression

    shape = question.shape
    if shape is None:  # undeclared: the reference's shape, which the question implies anyway
        reference = reference_expression(question, assignment.references.get(question.answer), assignment.env)
        shape = list(reference.shape) if reference.shape else None
    return ExpressionForm(
        shape=shape, symbols=question.symbols, names=question.names, functions=question.functions,
        require_functions=question.require_functions, forbid_functions=question.forbid_functions,
        accept_transpose=question.accept_transpose, latex_products=question.latex_products,
    )


def _array_form(assignment, question) -> ArrayForm:
    """The shape an array answer must have: the reference's (which a declared shape equals)."""
    from grader.check.array import as_array

    shape = list(as_array(assignment.references[question.answer]).shape)
    return ArrayForm(shape=shape, accept_transpose=question.accept_transpose)

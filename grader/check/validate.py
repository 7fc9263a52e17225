"""Options that parse as YAML but cannot work (an unknown function, an undeclared size, a rule
that does not parse, a shape the reference does not have) stop the spec with the file, the
question and the key path, before any submission is graded."""
from __future__ import annotations

from pathlib import Path

from grader.spec import AssignmentSpec, ConfigError
from grader.spec.errors import OptionError


def validate_options(path: Path, spec: AssignmentSpec, env) -> None:
    """The symbols (the assignment's and each question's) and every question's options; ConfigError if not."""
    from grader.check import KINDS

    _check_symbols(path, spec.symbols, None)
    for question in spec.questions:
        own = getattr(question, "symbols", None)
        if own:
            _check_symbols(path, {**spec.symbols, **own}, question.id, own)
        kind = KINDS[question.kind]
        try:
            if kind.validate:
                kind.validate(question, env)
        except OptionError as exc:
            raise ConfigError(str(path), str(exc), question=question.id, field=exc.field) from None


def validate_reference(path: Path, question, reference: object, env) -> None:
    """The reference (solution value or spec `reference:`) fits the question's declared options."""
    from grader.check import KINDS

    check = KINDS[question.kind].validate_reference
    if check is None:
        return
    try:
        check(question, reference, env)
    except OptionError as exc:
        raise ConfigError(str(path), str(exc), question=question.id, field=exc.field) from None


def _check_symbols(path: Path, symbols: dict, question: str | None, own: dict | None = None) -> None:
    """Each declaration on its own (sizes first, then each symbol with every size), so the error
    names the key that is wrong: `symbols.x`."""
    from grader.expr import ExprContext

    sizes = {name: decl for name, decl in symbols.items() if isinstance(decl, dict) and "dim" in decl}
    order = [*sizes, *(name for name in symbols if name not in sizes)]
    for name in order:
        trial = {name: symbols[name]} if name in sizes else {**sizes, name: symbols[name]}
        try:
            ExprContext.from_declarations(trial)
        except ValueError as exc:
            where = f"symbols.{name}" if own is None or name in own else "symbols"
            message = str(exc) if own is None or name in own else f"{exc} (with this question's symbols)"
            raise ConfigError(str(path), message, question=question, field=where) from None

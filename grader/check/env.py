"""What every check may consult besides the question, the answer and the reference."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from grader.spec.models import AssignmentSpec


@dataclass(frozen=True)
class CheckEnv:
    spec: AssignmentSpec
    _contexts: dict = field(default_factory=dict, compare=False, repr=False)
    _references: dict = field(default_factory=dict, compare=False, repr=False)

    def reference(self, question, text: str | None, make):
        """A question's reference, read once (by `make()`) for each reference text: every answer to
        the question is compared with it, and reading it again for each would cost as much as the answer."""
        key = (question.id, text)
        if key not in self._references:
            self._references[key] = make()
        return self._references[key]

    def seed(self, question_id: str, answer_key: str) -> int:
        """Seeded by assignment, question and answer (its normal-form key, not its text), so a regrade
        draws the same points and so does the same answer spelled differently."""
        digest = hashlib.sha256(f"{self.spec.assignment}\0{question_id}\0{answer_key}".encode()).digest()
        return int.from_bytes(digest[:8], "big")

    def expr_context(self, question=None, *, answer: bool = False):
        """The ExprContext a question's expressions are read in: the assignment's symbols with the
        question's own `symbols` over them. With `answer`, only what the student may use (the
        question's `names`, with the dims they need, and its `functions`). Raises ValueError."""
        from grader.expr import ExprContext

        key = (question.id if question is not None else None, answer)
        if key not in self._contexts:
            symbols = question_symbols(self.spec.symbols, getattr(question, "symbols", None))
            names = getattr(question, "names", None) if answer else None
            functions = getattr(question, "functions", None) if answer else None
            unknown = [name for name in names or () if name not in symbols]
            if unknown:
                raise ValueError(f"undeclared symbols {', '.join(unknown)}; declare them under `symbols`")
            declared = allowed_declarations(symbols, names)
            self._contexts[key] = ExprContext.from_declarations(declared, functions=functions)
        return self._contexts[key]


def question_symbols(assignment: dict, question: dict | None) -> dict:
    """The declarations in force for one question: the assignment's, with the question's own
    declarations added or replacing those of the same name (a whole declaration, not merged keys)."""
    return {**assignment, **(question or {})}


def allowed_declarations(symbols: dict, names: list[str] | None) -> dict:
    """The declarations a question allows: all, or its `names` and the dimensions their shapes need."""
    if names is None:
        return symbols
    return {name: decl for name, decl in symbols.items() if name in names or (isinstance(decl, dict) and "dim" in decl)}

"""What every check may consult besides the question, the answer and the reference."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from grader.spec.models import AssignmentSpec


@dataclass(frozen=True)
class CheckEnv:
    spec: AssignmentSpec
    _contexts: dict = field(default_factory=dict, compare=False, repr=False)

    def seed(self, question_id: str, answer_text: str) -> int:
        """Seeded by assignment, question and answer, so a regrade draws the same points."""
        digest = hashlib.sha256(f"{self.spec.assignment}\0{question_id}\0{answer_text}".encode()).digest()
        return int.from_bytes(digest[:8], "big")

    def expr_context(self, names: list[str] | None = None, functions: list[str] | None = None):
        """The declared symbols (or the `names` subset, with the dims they need) as an ExprContext."""
        from grader.expr import ExprContext

        key = (tuple(names) if names is not None else None, tuple(functions) if functions is not None else None)
        if key not in self._contexts:
            unknown = [name for name in names or () if name not in self.spec.symbols]
            if unknown:
                raise ValueError(f"undeclared symbols {', '.join(unknown)}; declare them under `symbols`")
            declared = allowed_declarations(self.spec.symbols, names)
            self._contexts[key] = ExprContext.from_declarations(declared, functions=functions)
        return self._contexts[key]


def allowed_declarations(symbols: dict, names: list[str] | None) -> dict:
    """The declarations a question allows: all, or its `names` and the dimensions their shapes need."""
    if names is None:
        return symbols
    return {name: decl for name, decl in symbols.items() if name in names or (isinstance(decl, dict) and "dim" in decl)}

"""Errors in an instructor's input: they stop grading before any submission is touched."""
from __future__ import annotations


class ConfigError(Exception):
    """A broken spec or reference, named by file, question and field."""

    def __init__(self, file: str, message: str, question: str | None = None, field: str | None = None):
        self.file, self.question, self.field, self.message = file, question, field, message
        where = [file]
        if question is not None:
            where.append(f"question {question}")
        if field:
            where.append(f"field `{field}`")
        super().__init__(f"{': '.join(where)}: {message}")


class OptionError(ValueError):
    """A question's option that validates as YAML but cannot work; `field` is its key path."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)

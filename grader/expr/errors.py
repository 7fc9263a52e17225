"""The one error a student sees for an answer that cannot be read: a message, a position, a caret."""
from __future__ import annotations


class ExprError(ValueError):
    """A student's expression cannot be parsed or has inconsistent shapes.

    `message` is written for the student; `position` (0-based, into `text`) marks the fault when known.
    """

    def __init__(self, message: str, text: str = "", position: int | None = None):
        super().__init__(message)
        self.message = message
        self.text = text
        self.position = position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.message} (at character {self.position + 1})"

    def render(self) -> str:
        """The message, then the answer with a caret under the fault (one line each)."""
        if self.position is None or not self.text or len(self.text) > 200:
            return str(self)
        line = self.text.replace("\n", " ")
        return f"{self}\n    {line}\n    {' ' * min(self.position, len(line))}^"

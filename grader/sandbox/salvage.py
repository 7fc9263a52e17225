"""Run what can run of a .py file with a syntax error: only the broken statement is lost.

Python refuses a whole file for one syntax error; a student would lose every answer for one typo.
Instead the file is cut at top-level statements: the parts that parse run in order (padded, so line
numbers stay the file's own), and each broken statement is reported and skipped.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

MAX_ERRORS = 10  # past this the file is not Python; each further piece would cost another parse
_CONTINUATIONS = ("else", "elif", "except", "finally", ")", "]", "}")


@dataclass(frozen=True)
class Piece:
    """Source that parses (padded to its place in the file), or a skipped statement's error."""

    source: str = ""
    error: str = ""  # "SyntaxError at line N: message" for a skipped statement


def salvage(source: str) -> list[Piece]:
    """The file as pieces that parse, with a Piece(error=...) where each broken statement was."""
    lines = source.split("\n")  # Python's own line breaks only (str.splitlines also breaks at \f, \x1c, ...)
    lines = [line + "\n" for line in lines[:-1]] + [lines[-1]] * bool(lines[-1])
    starts = [i for i, line in enumerate(lines) if _starts_statement(line)]
    pieces: list[Piece] = []
    begin = 0
    while begin < len(lines):
        error = _syntax_error(lines, begin, len(lines))
        if error is None:
            pieces.append(Piece(_padded(lines, begin, len(lines))))
            break
        bad = max(begin, min(len(lines) - 1, (error.lineno or 1) - 1))
        cut = max([s for s in starts if begin <= s <= bad], default=begin)
        while cut > begin and _syntax_error(lines, begin, cut) is not None:
            cut = max([s for s in starts if begin <= s < cut], default=begin)
        if cut > begin:
            pieces.append(Piece(_padded(lines, begin, cut)))
        pieces.append(Piece(error=f"SyntaxError at line {error.lineno}: {error.msg}"))
        begin = min([s for s in starts if s > max(bad, cut)], default=len(lines))
        if sum(1 for piece in pieces if piece.error) == MAX_ERRORS and begin < len(lines):
            pieces.append(Piece(error=f"{MAX_ERRORS} syntax errors: the file from line {begin + 1} on was not run"))
            break
    return pieces


def _starts_statement(line: str) -> bool:
    return bool(line[:1].strip()) and not line.startswith("#") and not line.startswith(_CONTINUATIONS)


def _syntax_error(lines: list[str], begin: int, end: int) -> SyntaxError | None:
    try:
        ast.parse(_padded(lines, begin, end))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:  # ValueError: null bytes
        if isinstance(exc, SyntaxError) and exc.lineno:
            return exc
        nulls = [i for i in range(begin, end) if "\0" in lines[i]]
        return SyntaxError(getattr(exc, "msg", "") or str(exc) or type(exc).__name__,
                           ("<file>", (nulls[0] if nulls else begin) + 1, 0, ""))
    return None


def _padded(lines: list[str], begin: int, end: int) -> str:
    return "\n" * begin + "".join(lines[begin:end])

"""Parent side: read a submission into the units the child runs (the whole .py, or code cells).

A .py file is decoded as Python decodes it (a UTF-8 byte-order mark, a PEP 263 coding line,
universal newlines); a notebook is read by nbformat (notebook.py) and its cells' IPython syntax
rewritten as IPython does (ipython_syntax.py).
"""
from __future__ import annotations

import codecs
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from grader.sandbox.ipython_syntax import to_python
from grader.sandbox.notebook import NotebookError, code_cells, read_notebook

MAX_FILE_BYTES = 32 * 1024 * 1024  # notebooks carry outputs; only their code is sent on
MAX_CODE_CHARS = 4 * 1024 * 1024


class SourceError(Exception):
    """The submission cannot be read as a Python file or notebook; the message is for the student."""


@dataclass(frozen=True)
class Unit:
    """One piece of code run in the shared namespace: a whole .py file or one notebook code cell."""

    label: str   # "" for a .py file, "cell N" for the N-th code cell
    source: str


@dataclass(frozen=True)
class Source:
    """What the child runs, and what reading the file found wrong without refusing it."""

    units: tuple[Unit, ...]
    notes: tuple[str, ...] = ()


def read_units(path: Path) -> Source:
    path = Path(path)
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise SourceError(f"the submission is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if path.suffix == ".ipynb":
        source = notebook_units(data.decode("utf-8-sig", errors="replace"))
    else:
        text, notes = python_text(data)
        source = Source((Unit("", text),), notes)
    if sum(len(unit.source) for unit in source.units) > MAX_CODE_CHARS:
        raise SourceError(f"the code is longer than {MAX_CODE_CHARS // (1024 * 1024)} million characters")
    return source


def python_text(data: bytes) -> tuple[str, tuple[str, ...]]:
    """The file's text as `python file.py` reads it, and a note where Python would refuse it.

    Python refuses a whole file for one byte that its encoding cannot decode; here the byte
    becomes U+FFFD and the note names its line, so the rest of the file still counts.
    """
    head = re.sub(rb"[\x80-\xff]", b"?", data[3:] if data.startswith(codecs.BOM_UTF8) else data)
    try:  # the coding line is ASCII; other bytes of the first two lines are the decoder's business
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data[:3] * data.startswith(codecs.BOM_UTF8) + head).readline)
    except SyntaxError as exc:  # an unknown coding name, or a BOM with a non-UTF-8 coding line
        encoding, note = "utf-8-sig", f"line {exc.lineno or 1}: {exc.msg}; the file was read as UTF-8"
        return _decoded(data, encoding), (note,)
    try:
        return _newlines(data.decode(encoding)), ()
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        name = codecs.lookup(encoding).name
        note = (f"line {line}: byte 0x{data[exc.start]:02x} is not valid {name}"
                f"{'' if name != 'utf-8' else ' and the file declares no other encoding (PEP 263)'}; "
                "Python would refuse the file, here each such byte reads as \ufffd")
        return _decoded(data, encoding), (note,)


def _decoded(data: bytes, encoding: str) -> str:
    return _newlines(data.decode(encoding, errors="replace"))


def _newlines(text: str) -> str:
    """Universal newlines, as Python's reader applies them to source files."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def notebook_units(text: str) -> Source:
    """Code cells in order, their IPython syntax (magics, `!` shell, `?` help) rewritten."""
    try:
        notebook = read_notebook(text)
    except NotebookError as exc:
        raise SourceError(str(exc)) from None
    units = tuple(Unit(f"cell {number}", to_python(_newlines(cell)))
                  for number, cell in enumerate(code_cells(notebook), 1))
    return Source(units)

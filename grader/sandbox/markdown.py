"""Answers written in a notebook's Markdown cells, read on the parent side (never run).

The convention: a Markdown cell whose first line is an answer's name in bold, with a colon,

    **dh_dhprev**:
    $$\\frac{\\partial h_t}{\\partial h_{t-1}} = \\tanh(c_t) \\circ \\frac{\\partial o_t}{\\partial h_{t-1}} + ...$$

answers that name with the rest of the cell. A derivation may run over several displays: those after
the first that begin with `=` continue one equation, and its last right-hand side is what the LaTeX
reader grades. A body that is not display math is kept as text (a free-text answer). When two cells
name the same answer the later one counts; when a code cell sets the name too, the code's value is
graded and the grade says so (see `merge`).
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Iterable, Mapping

from grader.sandbox.notebook import NotebookError, cell_sources, read_notebook
from grader.sandbox.result import RunResult

HEADER = re.compile(r"\A\s*\*\*`?([A-Za-z_]\w*)`?\*\*\s*:\s*\n")
_DISPLAY = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]", re.S)
MAX_ANSWER_CHARS = 20_000


def markdown_answers(path: Path, names: Iterable[str]) -> dict[str, str]:
    """The answers among `names` that Markdown cells of the notebook at `path` give, as text.

    Unreadable notebooks give none: reading the code cells reports that problem already.
    """
    try:
        notebook = read_notebook(Path(path).read_text(encoding="utf-8", errors="replace"))
    except (OSError, NotebookError):
        return {}
    wanted = set(names)
    answers: dict[str, str] = {}
    for source in cell_sources(notebook, "markdown"):
        found = cell_answer(source + "\n")
        if found is not None and found[0] in wanted:
            answers[found[0]] = found[1]
    return answers


def cell_answer(source: str) -> tuple[str, str] | None:
    """(name, answer text) of one Markdown cell, or None if it does not follow the convention."""
    header = HEADER.match(source)
    if header is None:
        return None
    body = source[header.end():].strip()
    if not body or len(body) > MAX_ANSWER_CHARS:
        return None
    displays = list(_DISPLAY.finditer(body))
    outside = _DISPLAY.sub("", body).strip()
    if not displays or outside:
        return header.group(1), body
    formulas = [(match.group(1) or match.group(2)).strip() for match in displays]
    if len(formulas) > 1 and not all(formula.startswith("=") for formula in formulas[1:]):
        return header.group(1), "$$" + r" \\ ".join(formulas) + "$$"  # several formulas: refused when read
    return header.group(1), "$$" + " ".join(formulas) + "$$"


def merge(answers: Mapping[str, object], markdown: Mapping[str, str]) -> tuple[dict[str, object], dict[str, str]]:
    """The run's answers with the Markdown ones added, and a note for each name both set."""
    merged = dict(answers)
    notes = {}
    for name, text in markdown.items():
        if name in merged:
            notes[name] = (f"Note: a code cell sets `{name}` and a Markdown cell answers it too; "
                           "the code cell's value is graded.")
        else:
            merged[name] = text
    return merged, notes


def with_markdown_answers(result: RunResult, path: Path, names: Iterable[str]) -> RunResult:
    """A run's result with the answers its notebook gives in Markdown cells (a .py file has none)."""
    if Path(path).suffix != ".ipynb":
        return result
    answers, notes = merge(result.answers, markdown_answers(path, names))
    return dataclasses.replace(result, answers=answers, notes=notes)

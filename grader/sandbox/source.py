"""Parent side: read a submission into the units the child runs (the whole .py, or code cells)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 32 * 1024 * 1024  # notebooks carry outputs; only their code is sent on
MAX_CODE_CHARS = 4 * 1024 * 1024
IPYTHON_LINE = re.compile(r"^(\s*)(?:[%!]|[A-Za-z_][\w, ]*=\s*[%!](?!=))")


class SourceError(Exception):
    """The submission cannot be read as a Python file or notebook; the message is for the student."""


@dataclass(frozen=True)
class Unit:
    """One piece of code run in the shared namespace: a whole .py file or one notebook code cell."""

    label: str   # "" for a .py file, "cell N" for the N-th code cell
    source: str


def read_units(path: Path) -> list[Unit]:
    path = Path(path)
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise SourceError(f"the submission is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    text = data.decode("utf-8", errors="replace")
    units = notebook_units(text) if path.suffix == ".ipynb" else [Unit("", text)]
    if sum(len(unit.source) for unit in units) > MAX_CODE_CHARS:
        raise SourceError(f"the code is longer than {MAX_CODE_CHARS // (1024 * 1024)} million characters")
    return units


def notebook_units(text: str) -> list[Unit]:
    """Code cells in order, IPython-only lines (magics, `!` shell) blanked to `pass`."""
    try:
        notebook = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise SourceError(f"the notebook is not valid JSON ({exc})") from None
    cells = notebook.get("cells") if type(notebook) is dict else None
    if type(cells) is not list:
        raise SourceError("the notebook has no list of cells")
    units = []
    for cell in cells:
        if type(cell) is not dict or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if type(source) is list:
            source = "".join(part for part in source if type(part) is str)
        if type(source) is not str:
            continue
        units.append(Unit(f"cell {len(units) + 1}", strip_ipython(source)))
    return units


def strip_ipython(source: str) -> str:
    """Cell magics drop the whole cell; line magics and shell lines become `pass` (line numbers kept)."""
    if source.lstrip().startswith("%%"):
        return ""
    return "\n".join(_strip_line(line) for line in source.split("\n"))


def _strip_line(line: str) -> str:
    match = IPYTHON_LINE.match(line)
    return f"{match.group(1)}pass" if match else line

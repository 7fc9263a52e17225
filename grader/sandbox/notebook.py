"""Parent side: a notebook file read by nbformat, the Jupyter project's own reader.

nbformat knows every version and front end's shape (JupyterLab 4's nbformat 4.5 with cell ids,
classic Notebook's 4.x, Colab's and VS Code's metadata, old 3.x worksheets, sources as one string
or a list of lines) and converts them all to nbformat 4. Its schema validation is not applied:
Jupyter itself opens notebooks that break the schema, and so does grading, as long as the cells
can be read.
"""
from __future__ import annotations

import warnings


class NotebookError(ValueError):
    """The file is not a notebook that can be read; the message is for the student."""


def read_notebook(text: str) -> dict:
    """The notebook as nbformat 4 (converted from older versions), or NotebookError saying why not."""
    import nbformat  # on first use: the fork server imports this package and needs none of it
    from nbformat import reader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.convert(reader.reads(text), 4)
    except reader.NotJSONError as exc:
        cause = exc.__cause__
        where = f"line {cause.lineno}, column {cause.colno}: {cause.msg}" if hasattr(cause, "lineno") else str(cause)
        raise NotebookError(f"the notebook is not valid JSON ({where}); open it in Jupyter and save it again") \
            from None
    except RecursionError:
        raise NotebookError("the notebook's JSON is nested too deeply to read") from None
    except Exception as exc:  # valid JSON that is not a notebook: nbformat says which part
        raise NotebookError(f"the file is not a Jupyter notebook ({type(exc).__name__}: {str(exc)[:300]})") from None
    if not isinstance(notebook.get("cells"), list):
        raise NotebookError("the notebook has no list of cells")
    return notebook


def code_cells(notebook: dict) -> list[str]:
    """The source of every code cell, in order (Markdown and raw cells are not code)."""
    return cell_sources(notebook, "code")


def cell_sources(notebook: dict, kind: str) -> list[str]:
    """The source of every cell of `kind` (code, markdown, raw), in order."""
    cells = []
    for cell in notebook["cells"]:
        if isinstance(cell, dict) and cell.get("cell_type") == kind:
            source = cell.get("source", "")
            if isinstance(source, list):
                source = "".join(part for part in source if type(part) is str)
            cells.append(source if type(source) is str else "")
    return cells


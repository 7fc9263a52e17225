"""The reference side of the differential test: a submission's answers as plain Python leaves them.

`python -m tests.corpus.recording FILE OUT` runs FILE as plain Python (`python FILE`, in a fresh
folder holding a copy of it) or, for a notebook, cell by cell in IPython's own shell, then writes
every top-level name and its value to OUT as JSON, converted by the sandbox's own encoder (so both
sides of the comparison are the same plain data).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
IPYTHON_NAMES = {"In", "Out", "exit", "quit", "get_ipython", "open"}  # what IPython itself puts there
# the sandbox's own environment for numerical libraries, so both sides compute alike
THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg"}


def answers_of(namespace: dict) -> dict:
    """Every name a submission set, encoded as the sandbox encodes answers."""
    from grader.sandbox.encode import Encoder

    encoder = Encoder()
    names = [n for n in namespace if not n.startswith("_") and n not in IPYTHON_NAMES]
    return {name: encoder.encode(namespace[name]) for name in names}


def write(namespace: dict, out: str) -> None:
    Path(out).write_text(json.dumps(answers_of(namespace)))


def run_python(path: Path, out: Path) -> subprocess.CompletedProcess:
    """`python NAME` in a fresh folder; sitecustomize.py (in recorder/) writes the answers at exit."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(path, Path(folder) / path.name)
        env = {**os.environ, **THREADS, "PYTHONPATH": os.pathsep.join([str(HERE / "recorder"), str(HERE.parents[1])]),
               "CORPUS_RECORD": str(out)}
        return subprocess.run([sys.executable, path.name], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=120)


def run_notebook(path: Path, out: Path) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, **THREADS, "IPYTHONDIR": folder, "PYTHONPATH": str(HERE.parents[1])}
        return subprocess.run([sys.executable, "-m", "tests.corpus.recording", "--ipython", str(path.resolve()), str(out)],
                              cwd=folder, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=120)


def record(path: Path, out: Path) -> dict:
    """Run one corpus file the plain way and return its encoded answers."""
    run = run_notebook if path.suffix == ".ipynb" else run_python
    finished = run(path, out)
    if not out.exists():
        raise RuntimeError(f"{path.name} recorded nothing:\n{finished.stderr[-2000:]}")
    return json.loads(out.read_text())


def _ipython(path: str, out: str) -> None:
    """Inside the subprocess: each code cell through IPython's run_cell, as a kernel runs it."""
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            shell.run_cell(cell.source, store_history=True)
    write(shell.user_ns, out)


if __name__ == "__main__" and sys.argv[1:2] == ["--ipython"]:
    _ipython(sys.argv[2], sys.argv[3])

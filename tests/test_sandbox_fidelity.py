"""How a file is read and a notebook's IPython syntax rewritten, checked against Python and IPython
themselves; what a notebook run says about the lines it skipped."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from IPython.core.inputtransformer2 import TransformerManager

from grader.sandbox import Limits, Sandbox
from grader.sandbox.ipython_syntax import to_python
from grader.sandbox.source import SourceError, notebook_units, python_text

CELLS = [
    "%matplotlib inline\nx = 1\n  !ls\nfiles = !ls\ny = x != 2",
    "%%time\nx = 1\ny = 2\n",
    "%%capture out --no-stderr\nprint(1)\n",
    's = """\n%d items\n!not shell\n"""\nz = (1,\n%2)',
    "np.dot?", "??np.dot", "np.linalg.solve??", "x = %time f()", "a, b = !ls", "!!ls", "a[0] = !ls",
    "for i in range(3):\n    %time y = i\n    !echo {i}",
    "x = 5 % 3\nx %= 2\nprint('a?')\nif x != 3: pass",
    "x = 1 \\\n  + 2\n%time y = 3",
    "  %time x = 1\n  y = 2\n",
    "%timeit -n 10 -r 3 sum(range(10))",
    "x = 1\n%%bash\necho hi",
    "def f():\n    return 1\n%load_ext autoreload\n%autoreload 2",
    "d = {'a': 1}\nd['a']\n# %not a magic\n",
    "print(f'{x!r}')\nwhile False:\n    !date",
]


@pytest.mark.parametrize("cell", CELLS)
def test_a_cell_is_rewritten_as_ipython_rewrites_it(cell):
    assert to_python(cell).strip("\n") == TransformerManager().transform_cell(cell).strip("\n")


def test_the_rewriting_keeps_every_line_in_its_place():
    for cell in CELLS:
        assert to_python(cell).count("\n") == cell.count("\n") or cell.lstrip().startswith("%%")


ENCODED = [
    "x = '×'\n".encode(),
    b"\xef\xbb\xbfx = '\xc3\x97'\n",
    "# -*- coding: latin-1 -*-\nx = '× é'\n".encode("latin-1"),
    "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = '“quoted” – €'\n".encode("cp1252"),
    "# coding=utf-8\r\nx = '''a\r\nb'''\r\ny = 'tab\there'\r\n".encode(),
    b"x = 'old mac'\ry = 1\r",
]


@pytest.mark.parametrize("data", ENCODED)
def test_a_file_is_decoded_as_python_decodes_it(data):
    ours, theirs = {}, {}
    text, notes = python_text(data)
    exec(compile(text, "<ours>", "exec"), ours)  # the test's own trusted sources
    exec(compile(data, "<python>", "exec"), theirs)
    assert ours["x"] == theirs["x"] and notes == ()


def test_bytes_python_would_refuse_are_replaced_and_reported_with_their_line():
    text, notes = python_text("a = 1\nb = 'W × x'\n".encode("latin-1"))
    with pytest.raises(SyntaxError):
        compile("a = 1\nb = 'W × x'\n".encode("latin-1"), "<python>", "exec")
    assert "b = 'W \ufffd x'" in text
    assert len(notes) == 1 and notes[0].startswith("line 2: byte 0xd7 is not valid utf-8")


def test_an_unknown_coding_line_is_reported_and_the_file_read_as_utf8():
    text, notes = python_text(b"# -*- coding: klingon -*-\nx = 1\n")
    assert "x = 1" in text and notes[0].startswith("line 1: unknown encoding")


def test_a_notebook_that_is_not_json_says_where():
    with pytest.raises(SourceError, match=r"not valid JSON \(line 3, column 2"):
        notebook_units('{"cells": [\n  {"cell_type": "code"\n}')
    with pytest.raises(SourceError, match="not a Jupyter notebook"):
        notebook_units("[1, 2]")


def test_an_old_nbformat_3_notebook_is_read():
    old = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": "hw"},
           "worksheets": [{"cells": [{"cell_type": "code", "input": "a = 1\n%time b = 2", "language": "python",
                                      "outputs": [], "metadata": {}}]}]}
    units = notebook_units(json.dumps(old)).units
    assert [u.source for u in units] == ["a = 1\nget_ipython().run_line_magic('time', 'b = 2')"]


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(jobs=1) as box:
        yield box


def test_skipped_magics_and_shell_lines_are_reported_with_cell_and_line(sandbox, tmp_path):
    cells = ["import math\n%matplotlib inline\n!pip install numpy\nx = 1",
             "%%writefile data.csv\n1,2\n", "math.sqrt?\ny = %who_ls\nz = 2"]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "id": f"c{i}", "metadata": {}, "outputs": [], "execution_count": None, "source": c}
        for i, c in enumerate(cells)]}))
    result = sandbox.run(path, ["x", "y", "z"], Limits(wall_s=10))
    assert result.answers == {"x": 1, "y": None, "z": 2}
    assert [e.split(" (")[0] for e in result.errors] == [
        "cell 1, line 3: skipped `!pip install numpy`",
        "cell 2, line 1: skipped `%%writefile data.csv`",
        "cell 3, line 1: skipped `math.sqrt?`",
        "cell 3, line 2: skipped `%who_ls`",
    ]


def test_an_error_inside_a_timed_cell_names_the_cell_line(sandbox, tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": ["%%time\n", "a = 1\n", "b = a / 0\n"]}]}))
    result = sandbox.run(path, ["a", "b"], Limits(wall_s=10))
    assert result.answers == {"a": 1}
    assert result.errors == ("cell 1, line 3: ZeroDivisionError: division by zero",)


def test_a_skipped_line_in_a_loop_is_noted_once_and_the_notes_are_bounded(sandbox, tmp_path):
    path = tmp_path / "nb.ipynb"
    cell = "for i in range(10_000):\n    !echo {i}\nfor name in range(30):\n    get_ipython().system(str(name))\ndone = 1"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "execution_count": None, "source": cell}]}))
    result = sandbox.run(path, ["done"], Limits(wall_s=10))
    assert result.answers == {"done": 1}
    assert result.errors[0].startswith("cell 1, line 2: skipped `!echo {i}`")
    assert len(result.errors) == 21 and result.errors[-1] == "more lines were skipped; they are not listed"

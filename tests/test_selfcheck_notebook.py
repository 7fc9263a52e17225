"""The self-check as a student uses it: cells of a real notebook kernel, and what publish says."""
from __future__ import annotations

import json

import pytest

from tests.conftest import WEEK08, run_grader

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


def test_checker_in_a_notebook_shows_a_table_of_the_notebooks_own_answers(tmp_path):
    check_file = tmp_path / "week08.check.json"
    assert run_grader("publish", str(WEEK08), "--output", str(check_file)).returncode == 0
    cells = [
        "from grader import Checker\nchecker = Checker('week08.check.json')",
        "sigmoid_prime = 'sigma(z)*(1 - sigma(z))'\nconv_d_params = 100353",
        "checker.check('1c')",
        "checker.check_all()",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    one, every = (notebook.cells[i].outputs[0]["data"] for i in (2, 3))
    assert "<table" in one["text/html"] and "right" in one["text/plain"]
    assert "1c (2 pts)" in one["text/plain"] and "1b" not in one["text/plain"]
    row_2d = next(line for line in every["text/plain"].splitlines() if line.startswith("2d "))
    assert "not yet right" in row_2d
    row_1b = next(line for line in every["text/plain"].splitlines() if line.startswith("1b "))
    assert "MISSING" in row_1b


def test_publish_keeps_booleans_format_only_and_says_why(tmp_path):
    (tmp_path / "assignments").mkdir()
    (tmp_path / "solutions").mkdir()
    spec = tmp_path / "assignments" / "tiny.yaml"
    spec.write_text("assignment: tiny\ndefaults: {self_check: verify}\nquestions:\n"
                    "  - {id: q1, answer: flag, kind: boolean, points: 1}\n"
                    "  - {id: q2, answer: size, kind: count, points: 1}\n")
    (tmp_path / "solutions" / "tiny.py").write_text("flag = True\nsize = 7\n")
    target = tmp_path / "tiny.check.json"
    result = run_grader("publish", str(spec), "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert "q1: `self_check: verify` is not offered for a boolean" in result.stderr
    published = {q["id"]: q for q in json.loads(target.read_text())["questions"]}
    assert not published["q1"]["verify"] and published["q1"]["fingerprint"] is None
    assert published["q2"]["verify"] and published["q2"]["fingerprint"]["method"] == "scrypt"

"""Answers in a notebook's Markdown cells: the `**name**:` convention, derivations graded by their last
right-hand side, and a code cell that sets the same name winning with a note, end to end."""
from __future__ import annotations

import json

from grader.sandbox.markdown import cell_answer, markdown_answers, merge
from tests.conftest import graded_by_name, run_grader


def test_a_cell_headed_by_a_bold_name_answers_it_with_its_display_formula():
    assert cell_answer("**sigmoid_prime**:\n\n$$\\sigma(z)(1 - \\sigma(z))$$\n") == (
        "sigmoid_prime", "$$\\sigma(z)(1 - \\sigma(z))$$")
    assert cell_answer("**`sigmoid_prime`**:\n\\[ z \\]\n") == ("sigmoid_prime", "$$z$$")


def test_a_derivation_over_several_displays_is_one_equation():
    cell = "**sigmoid_prime**:\n$$\\sigma'(z) = e^{-z}(1 + e^{-z})^{-2}$$\n\n$$= (1 - \\sigma(z))\\sigma(z)$$\n"
    assert cell_answer(cell) == ("sigmoid_prime", "$$\\sigma'(z) = e^{-z}(1 + e^{-z})^{-2} = (1 - \\sigma(z))\\sigma(z)$$")


def test_cells_without_the_header_or_with_prose_are_not_formulas():
    assert cell_answer("## Sigmoid derivative\n$$z$$\n") is None
    assert cell_answer("sigmoid_prime: $$z$$\n") is None
    assert cell_answer("**sigmoid_prime**:\n") is None  # nothing under the header
    assert cell_answer("**why**:\nBecause $c_t$ depends on $h_{t-1}$.\n") == ("why", "Because $c_t$ depends on $h_{t-1}$.")
    two = cell_answer("**z**:\n$$a$$\n$$b$$\n")  # two formulas, not a derivation: refused when read
    assert two == ("z", "$$a \\\\ b$$")


def test_a_code_cell_wins_over_a_markdown_answer_and_says_so():
    answers, notes = merge({"a": "z + 1"}, {"a": "$$z$$", "b": "$$2z$$"})
    assert answers == {"a": "z + 1", "b": "$$2z$$"}
    assert list(notes) == ["a"] and "code cell's value is graded" in notes["a"]


def _notebook(path, cells):
    path.write_text(json.dumps({"cells": [
        {"cell_type": kind, "metadata": {}, "source": source, **({"outputs": [], "execution_count": None}
                                                                 if kind == "code" else {})}
        for kind, source in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_unreadable_notebooks_and_unrequested_names_give_nothing(tmp_path):
    assert markdown_answers(tmp_path / "missing.ipynb", ["a"]) == {}
    (tmp_path / "bad.ipynb").write_text("{not json")
    assert markdown_answers(tmp_path / "bad.ipynb", ["a"]) == {}
    nb = _notebook(tmp_path / "n.ipynb", [("markdown", ["**a**:\n", "$$z$$"]), ("markdown", "**b**:\n$$z$$")])
    assert markdown_answers(nb, ["a"]) == {"a": "$$z$$"}


def test_markdown_answers_graded_end_to_end_with_the_code_cell_winning(tmp_path):
    nb = _notebook(tmp_path / "latex.ipynb", [
        ("markdown", "**sigmoid_prime**:\n$$\\sigma'(z) = e^{-z} \\cdot (1 + e^{-z})^{-2}$$"),
        ("markdown", "**forget_gate_argmax**:\n$$\\frac{U_f^{(d)}}{\\|U_f^{(d)}\\|}$$"),
        ("code", "forget_gate_argmax = 'Uf_d'"),  # overrides the (right) Markdown answer with a wrong one
        ("markdown", "**dh_dhprev**:\n$$c_t \\cdot o_t$$"),  # ambiguous: refused, the rest still graded
        ("markdown", "**df_dhprev**:\n$$\\input{/etc/passwd}$$"),
    ])
    entry = graded_by_name([nb], tmp_path)["latex.ipynb"]
    questions = {q["id"]: q for q in entry["questions"]}
    assert (questions["1c"]["score"], questions["1c"]["status"]) == (2.0, "correct")
    assert "read as E**(-z)*(1 + E**(-z))**(-2)" in questions["1c"]["feedback"]
    assert questions["1e"]["status"] == "partial" and "code cell's value is graded" in questions["1e"]["feedback"]
    assert questions["1b"]["status"] == "invalid" and "ambiguous" in questions["1b"]["feedback"]
    assert questions["1d"]["status"] == "invalid" and "\\input" in questions["1d"]["feedback"]
    assert entry["errors"] == []


def test_check_shows_how_a_markdown_answer_was_read(tmp_path):
    target = tmp_path / "week08.check.json"
    from tests.conftest import WEEK08
    assert run_grader("publish", str(WEEK08), "--output", str(target)).returncode == 0
    nb = _notebook(tmp_path / "latex.ipynb", [
        ("markdown", "**sigmoid_prime**:\n$$(1 - \\sigma(z)) \\cdot \\sigma(z)$$"),
        ("markdown", "**dh_dhprev**:\n$$c_t \\cdot o_t$$"),
    ])
    result = run_grader("check", str(target), str(nb))
    assert "read as (1 - sigma(z))*sigma(z)" in result.stdout
    assert "ambiguous" in result.stdout and "^" in result.stdout  # the caret under the \cdot

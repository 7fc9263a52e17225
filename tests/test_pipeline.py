"""Specs beyond week08: a new assignment is a YAML file (and maybe a solution), never new code."""
from __future__ import annotations

import json

from tests.conftest import run_grader

DERIVATIVE_SPEC = """
assignment: calculus
symbols: {z: real}
questions:
  - id: d1
    title: derivative of the sigmoid
    answer: dsigma
    kind: expression
    points: 3
    reference: {derivative_of: "sigma(z)", by: z}
    forbid_functions: [exp]
"""


def test_a_reference_given_as_a_derivative_needs_no_solution_file(tmp_path):
    spec = tmp_path / "calculus.yaml"
    spec.write_text(DERIVATIVE_SPEC)
    good, banned, wrong = (tmp_path / name for name in ("good.py", "banned.py", "wrong.py"))
    good.write_text("dsigma = 'sigma(z) - sigma(z)^2'\n")
    banned.write_text("dsigma = 'exp(-z)/(1 + exp(-z))**2'\n")
    wrong.write_text("dsigma = 'sigma(z)^2'\n")
    done = run_grader("grade", str(spec), str(good), str(banned), str(wrong), "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    rows = {s["submission"].rsplit("/", 1)[-1]: s["questions"][0] for s in
            json.loads((tmp_path / "r.json").read_text())["submissions"]}
    assert (rows["good.py"]["score"], rows["good.py"]["status"]) == (3.0, "correct")
    assert rows["banned.py"]["status"] == "invalid" and "not to use exp" in rows["banned.py"]["feedback"]
    assert (rows["wrong.py"]["score"], rows["wrong.py"]["status"]) == (0.0, "incorrect")


def test_a_reference_that_does_not_parse_stops_with_its_question_and_field(tmp_path):
    spec = tmp_path / "calculus.yaml"
    spec.write_text(DERIVATIVE_SPEC.replace('derivative_of: "sigma(z)"', 'derivative_of: "sigma(z"'))
    done = run_grader("validate", str(spec))
    assert done.returncode == 2
    assert "question d1" in done.stderr and "reference" in done.stderr


def test_a_missing_solution_file_is_named(tmp_path):
    spec = tmp_path / "counts.yaml"
    spec.write_text("assignment: counts\nquestions:\n  - {id: c1, answer: n, kind: count, points: 1}\n")
    done = run_grader("validate", str(spec))
    assert done.returncode == 2
    assert "solutions/counts.py does not exist" in done.stderr and "solution" in done.stderr

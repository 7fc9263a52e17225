"""The bundled week08 examples graded through the public `grader grade` command."""
from __future__ import annotations

import csv
import json

import pytest

from tests.conftest import EXAMPLES, WEEK08, run_grader

IDS = ["1a", "1a-why", "1b", "1c", "1d", "1e", "1f", "1g", "1g-why", "2a", "2b", "2c", "2d", "2e", "2f", "2g"]

EXPECTED = {
    # submission: {question id: (score, status)} for every question
    "correct.py": {
        **{qid: (1.0, "correct") for qid in ["1a", "1f", "1g", "2a", "2b", "2c", "2d", "2e", "2f", "2g"]},
        "1b": (4.0, "correct"), "1c": (2.0, "correct"), "1d": (2.0, "correct"), "1e": (2.0, "correct"),
        "1a-why": (0.0, "manual"), "1g-why": (0.0, "manual"),
    },
    "partly_wrong.py": {
        "1a": (0.0, "incorrect"), "1a-why": (0.0, "manual"), "1b": (2.0, "partial"), "1c": (0.0, "incorrect"),
        "1d": (1.0, "partial"), "1e": (1.0, "partial"), "1f": (1.0, "correct"), "1g": (0.0, "incorrect"),
        "1g-why": (0.0, "manual"), "2a": (1.0, "correct"), "2b": (0.0, "incorrect"), "2c": (0.0, "incorrect"),
        "2d": (1.0, "correct"), "2e": (1.0, "correct"), "2f": (1.0, "correct"), "2g": (0.0, "incorrect"),
    },
    "broken.py": {
        "1a": (1.0, "correct"), "1a-why": (0.0, "missing"), "1b": (0.0, "missing"), "1c": (0.0, "invalid"),
        "1d": (0.0, "invalid"), "1e": (0.0, "invalid"), "1f": (0.0, "missing"), "1g": (0.0, "missing"),
        "1g-why": (0.0, "missing"), "2a": (1.0, "correct"), "2b": (1.0, "correct"), "2c": (0.0, "missing"),
        "2d": (0.0, "missing"), "2e": (0.0, "missing"), "2f": (0.0, "missing"), "2g": (0.0, "missing"),
    },
    "seed_student.py": {
        "1a": (1.0, "correct"), "1a-why": (0.0, "manual"), "1b": (4.0, "correct"), "1c": (2.0, "correct"),
        "1d": (1.0, "partial"), "1e": (2.0, "correct"), "1f": (1.0, "correct"), "1g": (0.0, "incorrect"),
        "1g-why": (0.0, "manual"),
        **{qid: (0.0, "missing") for qid in ["2a", "2b", "2c", "2d", "2e", "2f", "2g"]},
    },
    "seed_student_latex.ipynb": {  # the same answers as seed_student.py, in LaTeX in Markdown cells
        "1a": (1.0, "correct"), "1a-why": (0.0, "manual"), "1b": (4.0, "correct"), "1c": (2.0, "correct"),
        "1d": (1.0, "partial"), "1e": (2.0, "correct"), "1f": (1.0, "correct"), "1g": (0.0, "incorrect"),
        "1g-why": (0.0, "manual"),
        **{qid: (0.0, "missing") for qid in ["2a", "2b", "2c", "2d", "2e", "2f", "2g"]},
    },
    "notebook.ipynb": {
        "1a": (1.0, "correct"), "1a-why": (0.0, "missing"), "1b": (4.0, "correct"), "1c": (2.0, "correct"),
        "1d": (0.0, "missing"), "1e": (2.0, "correct"), "1f": (1.0, "correct"), "1g": (1.0, "correct"),
        "1g-why": (0.0, "missing"),
        **{qid: (1.0, "correct") for qid in ["2a", "2b", "2c", "2d", "2e", "2f", "2g"]},
    },
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    done = run_grader("grade", str(WEEK08), str(EXAMPLES), "--json", str(out / "r.json"), "--csv", str(out / "r.csv"))
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "r.json").read_text())
    rows = list(csv.DictReader((out / "r.csv").open()))
    return done, report, rows


def _by_name(report):
    return {entry["submission"].split("/")[-1]: entry for entry in report["submissions"]}


def test_report_has_the_documented_shape(graded):
    _, report, _ = graded
    assert report["assignment"] == "week08" and report["max_score"] == 20.0
    for entry in report["submissions"]:
        assert {"submission", "score", "max_score", "errors", "questions"} <= set(entry)
        assert entry["max_score"] == 20.0
        for q in entry["questions"]:
            assert {"id", "score", "max_score", "status", "feedback", "method"} <= set(q)
            assert q["method"]
        assert entry["score"] == pytest.approx(sum(q["score"] for q in entry["questions"]))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_example_gets_the_scores_a_fair_grader_gives(graded, name):
    _, report, _ = graded
    entry = _by_name(report)[name]
    got = {q["id"]: (q["score"], q["status"]) for q in entry["questions"]}
    assert [q["id"] for q in entry["questions"]] == IDS
    assert got == EXPECTED[name]


def test_feedback_explains_partial_credit_and_mistakes(graded):
    _, report, _ = graded
    wrong = {q["id"]: q for q in _by_name(report)["partly_wrong.py"]["questions"]}
    assert "c_prev*Df" in wrong["1b"]["feedback"]
    assert "rows" in wrong["1d"]["feedback"]
    assert "length 1" in wrong["1e"]["feedback"]
    assert "accumulating into zero" in wrong["2f"]["feedback"]
    assert "sentences" in wrong["1a-why"]["feedback"]
    assert "differs" in wrong["1c"]["method"] or "counterexample" in wrong["1c"]["method"]
    right = {q["id"]: q for q in _by_name(report)["correct.py"]["questions"]}
    assert "transpose" in right["1e"]["feedback"]
    for qid in ("1b", "1c", "1d", "1e"):
        assert "symbolic" in right[qid]["method"] or "sampled" in right[qid]["method"]


def test_broken_submission_reports_where_it_stopped_and_why_answers_are_invalid(graded):
    _, report, _ = graded
    entry = _by_name(report)["broken.py"]
    assert any("IndexError" in e and "line 10" in e for e in entry["errors"])
    questions = {q["id"]: q for q in entry["questions"]}
    assert "IndexError" in questions["2c"]["feedback"] and "not set" in questions["2c"]["feedback"]
    assert "W" in questions["1d"]["feedback"] and "Uf" in questions["1d"]["feedback"]
    assert "expected" in questions["1e"]["feedback"]


def test_the_seed_students_latex_grades_as_its_transcription_and_says_how_it_was_read(graded):
    _, report, _ = graded
    latex = {q["id"]: q for q in _by_name(report)["seed_student_latex.ipynb"]["questions"]}
    typed = {q["id"]: q for q in _by_name(report)["seed_student.py"]["questions"]}
    assert {qid: (q["score"], q["status"]) for qid, q in latex.items()} == {
        qid: (q["score"], q["status"]) for qid, q in typed.items()}
    assert "read as tanh(c)*Do + o*((1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du))" in latex["1b"]["feedback"]
    assert "read as Uf_d/norm(Uf_d)" in latex["1e"]["feedback"]
    assert "\\frac{\\partial h_t}{\\partial h_{t-1}}" in latex["1b"]["feedback_latex"]  # the student's own LaTeX
    assert "rows" in latex["1d"]["feedback"]  # the same rule, the same message
    assert _by_name(report)["seed_student_latex.ipynb"]["errors"] == []


def test_notebook_failing_cell_is_reported_and_later_cells_run(graded):
    _, report, _ = graded
    entry = _by_name(report)["notebook.ipynb"]
    assert any("cell" in e and "NameError" in e for e in entry["errors"])


def test_csv_gradebook_has_a_row_per_submission_and_a_column_per_question(graded):
    _, report, rows = graded
    assert len(rows) == len(report["submissions"]) == len(EXPECTED)
    for row in rows:
        assert set(IDS) <= set(row)
        assert float(row["total"]) == pytest.approx(sum(float(row[qid]) for qid in IDS))


def test_terminal_output_has_tables_and_a_summary_line(graded):
    done, _, _ = graded
    assert "Scores" in done.stdout
    assert "Graded 6 submissions" in done.stdout
    assert "seed_student.py: 11 / 20" in done.stdout
    assert "grading submissions" not in done.stderr + done.stdout  # no progress bar when redirected


def test_progress_bar_shows_on_a_terminal():
    import os
    import pty
    import subprocess
    import threading

    from tests.conftest import ROOT, grader_command

    leader, follower = pty.openpty()
    chunks = []

    def read() -> None:  # read while it runs: a full pty would block the progress bar's redraws
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = subprocess.run([*grader_command(), "grade", str(WEEK08), str(EXAMPLES / "correct.py")],
                          stdin=follower, stdout=follower, stderr=follower, cwd=ROOT, timeout=120,
                          env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(follower)
    reader.join(timeout=10)
    os.close(leader)
    screen = b"".join(chunks).decode(errors="replace")
    assert done.returncode == 0
    assert "grading submissions" in screen


def test_validate_accepts_the_week08_spec_and_reference():
    done = run_grader("validate", str(WEEK08))
    assert done.returncode == 0, done.stderr
    assert "16 questions, 20 points" in done.stdout


def test_a_reference_that_fails_its_own_question_stops_before_grading(tmp_path):
    spec = WEEK08.read_text().replace("accept_if: floor((n + 2*1 - 9)/3) + 1 == 16",
                                      "accept_if: floor((n + 2*1 - 9)/3) + 1 == 17")
    (tmp_path / "assignments").mkdir()
    (tmp_path / "solutions").mkdir()
    (tmp_path / "assignments" / "week08.yaml").write_text(spec)
    (tmp_path / "solutions" / "week08.py").write_text((WEEK08.parents[1] / "solutions" / "week08.py").read_text())
    done = run_grader("grade", str(tmp_path / "assignments" / "week08.yaml"), str(EXAMPLES / "correct.py"))
    assert done.returncode == 2
    assert "question 2c" in done.stderr and "reference answer fails its own question" in done.stderr


def test_a_rule_that_does_not_parse_stops_with_its_question(tmp_path):
    spec = WEEK08.read_text().replace("equals: Uf@diag(sigma_prime(Wf@x + Uf@h_prev))", "equals: Uf@@diag(")
    path = tmp_path / "week08.yaml"
    path.write_text(spec.replace("assignment: week08", "assignment: week08\nsolution: " +
                                 str(WEEK08.parents[1] / "solutions" / "week08.py")))
    done = run_grader("validate", str(path))
    assert done.returncode == 2
    assert "question 1d" in done.stderr and "rules[0]" in done.stderr


def test_a_syntax_error_costs_only_the_broken_statements_answer(tmp_path):
    path = tmp_path / "typo.py"
    path.write_text("conv_d_params = 100352\nconv_d_mults = 25088 00\nconv_d_adds = 2507200\nconv_e_params = 65536\n")
    done = run_grader("grade", str(WEEK08), str(path), "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    entry = json.loads((tmp_path / "r.json").read_text())["submissions"][0]
    scores = {q["id"]: (q["score"], q["status"]) for q in entry["questions"]}
    assert scores["2d"] == scores["2f"] == scores["2g"] == (1.0, "correct")
    assert scores["2e"] == (0.0, "missing")
    assert entry["score"] == 3.0
    assert any(e.startswith("SyntaxError at line 2") for e in entry["errors"])

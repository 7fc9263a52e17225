"""After the batch, through the public commands: the manual-grading loop, a regrade's diff, the LMS
exports and the per-student feedback files, each with the refusals a user relies on."""
from __future__ import annotations

import csv
import io
import json

import subprocess

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES, WEEK08
from tests.conftest import run_grader as run_in_subprocess

SOLUTION = WEEK08.parents[1] / "solutions" / "week08.py"
NAMES = ["broken.py", "correct.py", "notebook.ipynb", "partly_wrong.py", "seed_student.py"]  # graded here


def run_grader(*args: str) -> subprocess.CompletedProcess:
    """The `grader` command in this process (these commands run no student code): exit code and both streams."""
    from grader.cli import main

    done = CliRunner().invoke(main, list(args))
    if done.exception and not isinstance(done.exception, SystemExit):
        raise done.exception
    return subprocess.CompletedProcess(args, done.exit_code, done.stdout, done.stderr)


def _spec(tmp_path, name: str, *edits: tuple[str, str]):
    """week08 with `edits` applied: free-text 1a-why worth 2 points, 2g hidden from students."""
    text = WEEK08.read_text().replace("assignment: week08", f"assignment: week08\nsolution: {SOLUTION}")
    edits = (("kind: text\n    points: 0\n    max_sentences: 3", "kind: text\n    points: 2\n    max_sentences: 3"),
             ("answer: conv_e_params\n", "answer: conv_e_params\n    visibility: hidden\n"), *edits)
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The examples graded twice: by the spec as written, and after a spec fix (1d's rule worth 1.5)."""
    out = tmp_path_factory.mktemp("gradebook")
    before = _spec(out, "before.yaml")
    after = _spec(out, "after.yaml", ("      - equals: Uf@diag(sigma_prime(Wf@x + Uf@h_prev))\n        score: 1\n",
                                      "      - equals: Uf@diag(sigma_prime(Wf@x + Uf@h_prev))\n        score: 1.5\n"))
    for spec, name in ((before, "old.json"), (after, "new.json")):
        done = run_in_subprocess("grade", str(spec), *(str(EXAMPLES / n) for n in NAMES), "--json", str(out / name),
                                 "--feedback-dir", str(out / f"feedback-{name}"))
        assert done.returncode == 0, done.stderr
    return out


def _entries(path):
    return {entry["submission"].split("/")[-1]: entry for entry in json.loads(path.read_text())["submissions"]}


def _question(entry, qid):
    return next(q for q in entry["questions"] if q["id"] == qid)


def _write_rows(path, rows):
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_manual_loop_round_trips_scores_and_comments_into_the_report_and_gradebook(graded, tmp_path):
    report = tmp_path / "r.json"
    report.write_text((graded / "old.json").read_text())
    done = run_grader("manual", str(report), "--csv", str(tmp_path / "manual.csv"))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader((tmp_path / "manual.csv").open()))
    # every free-text answer that was given (the broken file and the notebook set none)
    assert {(r["submission"].split("/")[-1], r["question"]) for r in rows} == {
        (name, qid) for name in ("correct.py", "partly_wrong.py", "seed_student.py") for qid in ("1a-why", "1g-why")}
    long_one = next(r for r in rows if r["submission"].endswith("partly_wrong.py") and r["question"] == "1a-why")
    assert "about 5 sentences" in long_one["note"] and long_one["answer"].startswith("Yes. The cell state")
    assert long_one["points"] == "2" and long_one["score"] == ""
    for row in rows:
        if row["question"] == "1a-why":
            row["score"] = "1.5" if row["submission"].endswith("correct.py") else "0"
            row["comment"] = "Right reason, but say why the order of steps matters."
    _write_rows(tmp_path / "manual.csv", rows)
    done = run_grader("merge", str(report), str(tmp_path / "manual.csv"), "--csv", str(tmp_path / "book.csv"))
    assert done.returncode == 0, done.stderr
    assert "Merged 3 scores" in done.stdout
    before, after = _entries(graded / "old.json"), _entries(report)
    merged = _question(after["correct.py"], "1a-why")
    assert (merged["score"], merged["status"], merged["method"]) == (1.5, "partial", "graded by hand")
    assert merged["feedback"] == "Right reason, but say why the order of steps matters."
    assert after["correct.py"]["score"] == before["correct.py"]["score"] + 1.5
    assert _question(after["partly_wrong.py"], "1a-why")["status"] == "incorrect"
    assert _question(after["correct.py"], "1g-why")["status"] == "manual"  # left blank: still to grade
    book = {row["submission"].split("/")[-1]: row for row in csv.DictReader((tmp_path / "book.csv").open())}
    assert book["correct.py"]["1a-why"] == "1.5" and float(book["correct.py"]["total"]) == after["correct.py"]["score"]
    # the loop goes round again: the merged scores come back out to be revised
    run_grader("manual", str(report), "--csv", str(tmp_path / "again.csv"))
    again = {(r["submission"].split("/")[-1], r["question"]): r for r in csv.DictReader((tmp_path / "again.csv").open())}
    assert again[("correct.py", "1a-why")]["score"] == "1.5"
    assert again[("correct.py", "1a-why")]["comment"].startswith("Right reason")


@pytest.mark.parametrize("change, message", [
    (lambda rows: rows[0].update(submission="elsewhere/nobody.py"),
     "row 2 (submission 'elsewhere/nobody.py', question '1a-why'): no such submission"),
    (lambda rows: rows[0].update(question="9z"), "row 2 (submission '{first}', question '9z'): no such question"),
    (lambda rows: rows[0].update(question="1b"), "row 2 (submission '{first}', question '1b'): not a manually "
                                                 "graded question (its status is correct)"),
    (lambda rows: rows[0].update(score="2.5"), "row 2 (submission '{first}', question '1a-why'): the score 2.5 is "
                                               "outside 0..2, the question's points"),
    (lambda rows: rows[0].update(score="-1"), "row 2 (submission '{first}', question '1a-why'): the score -1 is outside"),
    (lambda rows: rows[0].update(score="two"), "row 2 (submission '{first}', question '1a-why'): the score 'two' is not a number"),
    (lambda rows: rows.append(dict(rows[0])), "row 8 (submission '{first}', question '1a-why'): a duplicate of row 2"),
])
def test_merge_refuses_bad_rows_naming_them_and_changes_nothing(graded, tmp_path, change, message):
    report = tmp_path / "r.json"
    report.write_text((graded / "old.json").read_text())
    run_grader("manual", str(report), "--csv", str(tmp_path / "manual.csv"))
    rows = list(csv.DictReader((tmp_path / "manual.csv").open()))
    first = rows[0]["submission"]
    assert first.endswith("correct.py") and rows[0]["question"] == "1a-why"
    for row in rows:
        row["score"] = "1" if row["question"] == "1a-why" else ""
    change(rows)
    _write_rows(tmp_path / "manual.csv", rows)
    original = report.read_bytes()
    done = run_grader("merge", str(report), str(tmp_path / "manual.csv"))
    assert done.returncode == 1
    assert "nothing merged" in done.stderr and "manual.csv " + message.format(first=first) in done.stderr
    assert done.stderr.count("manual.csv row ") == 1  # only the bad row is named
    assert report.read_bytes() == original


def test_diff_lists_what_a_spec_fix_changed_with_totals(graded):
    done = run_grader("diff", str(graded / "old.json"), str(graded / "new.json"))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # 1d's rule matched partly_wrong.py and seed_student.py: 1/2 -> 1.5/2 each, nothing else moved
    assert out.count("1/2") >= 2 and out.count("1.5/2") >= 2
    assert "partly_wrong.py" in out and "seed_student.py" in out
    assert "+0.5" in out
    # how a verdict was reached may differ between runs (a proof that ran out of time under load is
    # sampled instead), so those are counted apart from what students would notice
    assert "2 questions changed score, status or feedback in 2 submissions;" in out
    assert "2 totals changed; class mean 12.20 -> 12.40." in out
    same = run_grader("diff", str(graded / "old.json"), str(graded / "old.json"))
    assert "0 questions changed score, status or feedback in 0 submissions; 0 changed only how they were " \
           "decided; 0 totals changed" in same.stdout


def test_diff_says_which_submissions_are_in_one_report_only(graded, tmp_path):
    data = json.loads((graded / "old.json").read_text())
    data["submissions"] = data["submissions"][1:]
    (tmp_path / "fewer.json").write_text(json.dumps(data))
    done = run_grader("diff", str(graded / "old.json"), str(tmp_path / "fewer.json"))
    assert f"only in the old report: {EXAMPLES / 'broken.py'}" in done.stdout


ROSTER = [
    {"name": "Ada Broken", "id": "101", "sis_user_id": "S101", "email": "ada@uni.edu", "section": "A", "pattern": "broken.py"},
    {"name": "Ben Correct", "id": "102", "sis_user_id": "S102", "email": "correct@uni.edu", "section": "A", "pattern": ""},
    {"name": "Cy Notebook", "id": "103", "sis_user_id": "S103", "email": "cy@uni.edu", "section": "B", "pattern": "*.ipynb"},
    {"name": "Di Partly", "id": "104", "sis_user_id": "S104", "email": "di@uni.edu", "section": "B", "pattern": "partly_*"},
    {"name": "Ed Seed", "id": "105", "sis_user_id": "S105", "email": "ed@uni.edu", "section": "B", "pattern": "seed_student.py"},
    {"name": "Flo Absent", "id": "106", "sis_user_id": "S106", "email": "flo@uni.edu", "section": "B", "pattern": "flo_*"},
]


def _roster(tmp_path, rows=ROSTER):
    path = tmp_path / "roster.csv"
    _write_rows(path, rows)
    return path


def test_canvas_export_has_canvas_header_rows_and_one_row_per_student(graded, tmp_path):
    done = run_grader("export", str(graded / "old.json"), "--format", "canvas", "--roster", str(_roster(tmp_path)),
                      "--output", str(tmp_path / "canvas.csv"))
    assert done.returncode == 0, done.stderr
    assert "No submission (left blank): Flo Absent" in done.stdout
    rows = list(csv.reader((tmp_path / "canvas.csv").open()))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "week08"]
    assert rows[1] == ["Points Possible", "", "", "", "", "22"]  # 20 + the free text made worth 2
    scores = {row[0]: row[5] for row in rows[2:]}
    entries = _entries(graded / "old.json")
    assert scores == {"Ada Broken": f"{entries['broken.py']['score']:g}", "Ben Correct": f"{entries['correct.py']['score']:g}",
                      "Cy Notebook": f"{entries['notebook.ipynb']['score']:g}",
                      "Di Partly": f"{entries['partly_wrong.py']['score']:g}",
                      "Ed Seed": f"{entries['seed_student.py']['score']:g}", "Flo Absent": ""}
    assert rows[3][:5] == ["Ben Correct", "102", "S102", "", "A"]


def test_moodle_export_maps_by_email_with_grade_and_feedback_columns(graded, tmp_path):
    done = run_grader("export", str(graded / "old.json"), "--format", "moodle", "--roster", str(_roster(tmp_path)),
                      "--output", str(tmp_path / "moodle.csv"), "--assignment-name", "Week 8 homework")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader((tmp_path / "moodle.csv").open()))
    assert list(rows[0]) == ["Full name", "ID number", "Email address", "Username", "Week 8 homework (Real)",
                             "Week 8 homework (Feedback)"]
    by_email = {row["Email address"]: row for row in rows}
    assert by_email["di@uni.edu"]["Week 8 homework (Real)"] == "9"
    assert "1b 2/4" in by_email["di@uni.edu"]["Week 8 homework (Feedback)"]
    assert "2g" not in by_email["di@uni.edu"]["Week 8 homework (Feedback)"]  # hidden from students


def test_plain_csv_export_has_per_question_scores_by_student(graded, tmp_path):
    done = run_grader("export", str(graded / "old.json"), "--format", "csv", "--roster", str(_roster(tmp_path)),
                      "--output", str(tmp_path / "plain.csv"))
    assert done.returncode == 0, done.stderr
    rows = {row["name"]: row for row in csv.DictReader((tmp_path / "plain.csv").open())}
    assert rows["Di Partly"]["1b"] == "2" and rows["Di Partly"]["submission"].endswith("partly_wrong.py")


def test_export_refuses_unmatched_submissions_and_students_with_two(graded, tmp_path):
    unmatched = [row for row in ROSTER if row["name"] != "Ed Seed"]
    done = run_grader("export", str(graded / "old.json"), "--format", "canvas", "--roster",
                      str(_roster(tmp_path, unmatched)), "--output", str(tmp_path / "out.csv"))
    assert done.returncode == 1
    assert "examples/week08/seed_student.py: matches no student" in done.stderr
    assert not (tmp_path / "out.csv").exists()
    greedy = [dict(row, pattern="*.py") if row["name"] == "Ada Broken" else row for row in ROSTER
              if row["name"] in ("Ada Broken", "Cy Notebook")]
    done = run_grader("export", str(graded / "old.json"), "--format", "moodle", "--roster",
                      str(_roster(tmp_path, greedy)), "--output", str(tmp_path / "out.csv"))
    assert done.returncode == 1
    assert "Ada Broken" in done.stderr and "has 4 submissions" in done.stderr and "partly_wrong.py" in done.stderr
    assert not (tmp_path / "out.csv").exists()


def test_export_refuses_a_submission_matching_two_students(graded, tmp_path):
    rows = [dict(row, pattern="*correct*") if row["name"] == "Flo Absent" else row for row in ROSTER]
    done = run_grader("export", str(graded / "old.json"), "--format", "csv", "--roster", str(_roster(tmp_path, rows)),
                      "--output", str(tmp_path / "out.csv"))
    assert done.returncode == 1
    assert "correct.py: matches several students" in done.stderr and "Ben Correct, Flo Absent" in done.stderr


def test_feedback_files_show_what_students_may_see(graded, tmp_path):
    folder = graded / "feedback-old.json"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.md" for name in NAMES)
    text = (folder / "partly_wrong.py.md").read_text()
    assert "## 1b: dh_t/dh_{t-1} (2 / 4, partial)" in text and "lacks the term" in text
    assert "## 2g" not in text and "65664" not in text  # hidden
    assert "## 1a-why" not in text and "Feedback on 2 more question(s) appears when grades are published" in text
    done = run_grader("report", str(graded / "old.json"), "--feedback-dir", str(tmp_path / "fb"), "--published")
    assert done.returncode == 0, done.stderr
    published = (tmp_path / "fb" / "partly_wrong.py.md").read_text()
    assert "## 1a-why" in published and "about 5 sentences" in published and "## 2g" not in published
    assert "IndexError" in (tmp_path / "fb" / "broken.py.md").read_text()


def test_commands_refuse_a_file_that_is_not_a_report(tmp_path):
    (tmp_path / "x.json").write_text("{}")
    done = run_grader("manual", str(tmp_path / "x.json"), "--csv", str(tmp_path / "m.csv"))
    assert done.returncode == 1 and "not a grader JSON report" in done.stderr

"""Gradebook files in the LMSs' own import formats, one row per student of the roster.

Canvas (Grades > Import): the columns Student, ID, SIS User ID, SIS Login ID, Section, then one column
per assignment, and a second row "Points Possible" as in Canvas's own gradebook export; Canvas finds
the student by ID, SIS User ID or SIS Login ID, and a column whose name is not an existing assignment
creates one. (Checked against Ohio State's guide to importing a CSV into Canvas grades,
https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades,
and VCU's notes on Canvas's gradebook CSV, https://ts.vcu.edu/askit/teaching-and-learning/canvas/faculty/grading-faculty/gradebook-action-menu-faculty/.)

Moodle (Grades > Import > CSV file): the same shape as Moodle's plain-text grade export, mapped in
the import preview by "Email address" -> useremail or "ID number" -> useridnumber; the feedback column
goes with the grade column, because importing feedback alone clears the grades (MoodleDocs, "Grade
import", notes 1-3, https://docs.moodle.org/311/en/Grade_import).

A student without a submission gets an empty cell, which both LMSs leave unchanged on import.
"""
from __future__ import annotations

import csv
import io

from grader.gradebook.roster import Enrolment
from grader.gradebook.student_view import student_view


def canvas_csv(enrolments: list[Enrolment], assignment: str, max_score: float) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment])
    writer.writerow(["Points Possible", "", "", "", "", f"{max_score:g}"])
    for e in enrolments:
        s = e.student
        writer.writerow([s.name, s.id, s.sis_user_id, s.sis_login_id, s.section, _score(e)])
    return buffer.getvalue()


def moodle_csv(enrolments: list[Enrolment], assignment: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Full name", "ID number", "Email address", "Username", f"{assignment} (Real)",
                     f"{assignment} (Feedback)"])
    for e in enrolments:
        s = e.student
        writer.writerow([s.name, s.sis_user_id or s.id, s.email, s.username, _score(e), _feedback(e)])
    return buffer.getvalue()


def roster_csv(enrolments: list[Enrolment], question_ids: list[str]) -> str:
    """A plain gradebook by student: the roster's columns, the submission, per-question scores, total."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "id", "sis_user_id", "email", "section", "submission", *question_ids, "total",
                     "max_score"])
    for e in enrolments:
        s, result = e.student, e.result
        scores = {q.id: f"{q.score:g}" for q in result.questions} if result else {}
        writer.writerow([s.name, s.id, s.sis_user_id, s.email, s.section, result.submission if result else "",
                         *(scores.get(qid, "") for qid in question_ids), _score(e),
                         f"{result.max_score:g}" if result else ""])
    return buffer.getvalue()


def _score(e: Enrolment) -> str:
    return f"{e.result.score:g}" if e.result else ""


def _feedback(e: Enrolment) -> str:
    """Per question the student may see: id and score, in one cell."""
    if not e.result:
        return ""
    shown = student_view(e.result, published=True).shown
    return "; ".join(f"{q.id} {q.score:g}/{q.max_score:g}" for q in shown.questions)

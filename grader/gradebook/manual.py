"""The manual-grading loop: the free-text answers out to a CSV for TAs, their scores and comments back in.

A merge is all or nothing: every row is checked first (a known submission and question, a question
graded by hand, a score between 0 and the question's points, no (submission, question) twice), and
every problem is reported with its row number before anything is written.
"""
from __future__ import annotations

import csv
import io
from dataclasses import replace

from grader.check.outcome import scored
from grader.gradebook.report_file import Report, ReportError
from grader.results import QuestionResult, SubmissionResult
from grader.summary.classview import MANUAL_METHODS

COLUMNS = ["submission", "question", "points", "score", "comment", "answer", "note"]
GRADED_BY_HAND = "graded by hand"


def is_manual(question: QuestionResult) -> bool:
    """Recorded for the instructor (free text), or already graded by hand in an earlier merge."""
    return question.method in MANUAL_METHODS


def manual_csv(report: Report) -> str:
    """One row per free-text answer: empty score and comment to fill in (or the merged ones, to revise)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for result in report.results:
        for q in result.questions:
            if is_manual(q):
                graded = q.method == GRADED_BY_HAND
                writer.writerow([result.submission, q.id, f"{q.max_score:g}", f"{q.score:g}" if graded else "",
                                 q.feedback if graded else "", inert(q.answer), "" if graded else q.feedback])
    return buffer.getvalue()


def inert(text: str) -> str:
    """A student's text made safe to open in a spreadsheet: a cell starting like a formula (=, +, -, @)
    gets a leading apostrophe, so it shows as text instead of running. (The merge never reads it back.)"""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def merge_manual(report: Report, text: str, source: str) -> tuple[Report, int]:
    """The report with the CSV's scores and comments in it, and how many answers were scored.
    Raises ReportError listing every bad row (`source` names the file in the messages)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    missing = [c for c in ("submission", "question", "score") if rows and c not in rows[0]]
    if missing or not rows:
        raise ReportError(f"{source}: expected the columns {', '.join(COLUMNS)} (as `grader manual` writes them)"
                          + (f"; missing {', '.join(missing)}" if missing else "; the file has no rows"))
    results = report.by_submission()
    problems, scores, first_row = [], {}, {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        submission, qid = (row.get("submission") or "").strip(), (row.get("question") or "").strip()
        where = f"{source} row {number} (submission {submission!r}, question {qid!r})"
        key = (submission, qid)
        if key in first_row:
            problems.append(f"{where}: a duplicate of row {first_row[key]}")
            continue
        first_row[key] = number
        result = results.get(submission)
        if result is None:
            problems.append(f"{where}: no such submission in the report")
            continue
        question = next((q for q in result.questions if q.id == qid), None)
        if question is None:
            problems.append(f"{where}: no such question in the report")
            continue
        if not is_manual(question):
            problems.append(f"{where}: not a manually graded question (its status is {question.status.value})")
            continue
        raw = (row.get("score") or "").strip()
        if not raw:
            continue  # not graded yet
        try:
            score = float(raw)
        except ValueError:
            problems.append(f"{where}: the score {raw!r} is not a number")
            continue
        if not 0 <= score <= question.max_score:
            problems.append(f"{where}: the score {raw} is outside 0..{question.max_score:g}, the question's points")
            continue
        scores[key] = (score, (row.get("comment") or "").strip())
    if problems:
        raise ReportError("\n".join(problems))
    merged = tuple(_merged(result, scores) for result in report.results)
    return replace(report, results=merged), len(scores)


def _merged(result: SubmissionResult, scores: dict) -> SubmissionResult:
    questions = []
    for q in result.questions:
        if (result.submission, q.id) in scores:
            score, comment = scores[(result.submission, q.id)]
            outcome = scored(q.max_score, score, comment or "Graded by hand.", GRADED_BY_HAND)
            q = replace(q, score=outcome.score, status=outcome.status, feedback=outcome.feedback, method=GRADED_BY_HAND)
        questions.append(q)
    return replace(result, questions=tuple(questions))

"""What a regrade changed: per submission and question, the fields that differ, and the totals."""
from __future__ import annotations

from dataclasses import dataclass

from grader.gradebook.report_file import Report
from grader.summary.stats import mean

FIELDS = ("score", "status", "method", "feedback")


@dataclass(frozen=True)
class Change:
    submission: str
    question: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Regrade:
    changes: tuple[Change, ...]
    totals: tuple[tuple[str, float, float], ...]  # (submission, old total, new total) where they differ
    only_old: tuple[str, ...]  # submissions in the old report only
    only_new: tuple[str, ...]
    old_mean: float | None
    new_mean: float | None

    @property
    def graded_differently(self) -> set[tuple[str, str]]:
        """(submission, question) whose score, status or feedback changed: what a student would notice."""
        return {(c.submission, c.question) for c in self.changes if c.field != "method"}

    @property
    def decided_differently(self) -> set[tuple[str, str]]:
        """Same score, status and feedback, reached another way (e.g. sampled where a proof ran out of time)."""
        return {(c.submission, c.question) for c in self.changes} - self.graded_differently


def compare_reports(old: Report, new: Report) -> Regrade:
    """Submissions are matched by name, questions by id; a question in one report only is a change
    of every field (shown as absent on the other side)."""
    before, after = old.by_submission(), new.by_submission()
    changes, totals = [], []
    for name, result in after.items():
        if name not in before:
            continue
        previous = before[name]
        old_questions = {q.id: q for q in previous.questions}
        new_questions = {q.id: q for q in result.questions}
        for qid in list(old_questions) + [q for q in new_questions if q not in old_questions]:
            a, b = _fields(old_questions.get(qid)), _fields(new_questions.get(qid))
            changes += [Change(name, qid, f, a[f], b[f]) for f in FIELDS if a[f] != b[f]]
        if previous.score != result.score:
            totals.append((name, previous.score, result.score))
    return Regrade(tuple(changes), tuple(totals), tuple(n for n in before if n not in after),
                   tuple(n for n in after if n not in before), mean([r.score for r in old.results]),
                   mean([r.score for r in new.results]))


def _fields(question) -> dict[str, str]:
    if question is None:
        return {f: "(absent)" for f in FIELDS}
    return {"score": f"{question.score:g}/{question.max_score:g}", "status": question.status.value,
            "method": question.method, "feedback": question.feedback}

"""One Markdown file per submission with what its student may see, for courses that mail feedback."""
from __future__ import annotations

import re
from pathlib import Path, PurePath

from grader.gradebook.student_view import StudentView, student_view
from grader.results import SubmissionResult


def feedback_markdown(assignment: str, view: StudentView) -> str:
    shown = view.shown
    lines = [f"# {assignment}: feedback for {PurePath(shown.submission).name}", "",
             f"Score on the questions below: **{shown.score:g} / {shown.max_score:g}**", ""]
    if shown.errors:
        lines += ["Problems running your file:", ""] + [f"    {e}" for e in shown.errors] + [""]
    for q in shown.questions:
        lines += [f"## {q.id}: {q.title} ({q.score:g} / {q.max_score:g}, {q.status.value})", ""]
        if q.answer:
            lines += ["Your answer:", "", *(f"    {line}" for line in q.answer.splitlines() or [""]), ""]
        lines += [q.feedback, "", f"*How it was decided:* {q.method}", ""]
    if view.withheld:
        lines += [f"Feedback on {view.withheld} more question(s) appears when grades are published.", ""]
    return "\n".join(lines)


def write_feedback_files(directory: Path, assignment: str, results: list[SubmissionResult],
                         published: bool) -> list[Path]:
    """`DIR/<submission file name>.md` per submission (the parent folder is prefixed when two share a name)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    names = [PurePath(r.submission).name for r in results]
    written = []
    for result, name in zip(results, names):
        if names.count(name) > 1:
            name = "_".join(PurePath(result.submission).parts[-2:])
        path = directory / (re.sub(r"[^A-Za-z0-9._-]", "_", name) + ".md")
        path.write_text(feedback_markdown(assignment, student_view(result, published)), encoding="utf-8")
        written.append(path)
    return written

"""What one student may see of their result: the spec's visibility applied in one place, for the HTML
report's per-submission sections, the Markdown feedback files and the Moodle feedback column alike."""
from __future__ import annotations

from dataclasses import dataclass, replace

from grader.results import SubmissionResult


@dataclass(frozen=True)
class StudentView:
    shown: SubmissionResult  # the submission with only the questions its student may see (run errors kept)
    withheld: int  # `after_published` questions not shown yet (grades not published)
    hidden: int  # `hidden` questions, never shown


def student_view(result: SubmissionResult, published: bool) -> StudentView:
    """`visible` questions always; `after_published` ones once grades are published; `hidden` never."""
    shown = tuple(q for q in result.questions
                  if q.visibility == "visible" or (published and q.visibility == "after_published"))
    withheld = sum(1 for q in result.questions if q.visibility == "after_published" and not published)
    hidden = sum(1 for q in result.questions if q.visibility not in ("visible", "after_published"))
    return StudentView(replace(result, questions=shown), withheld, hidden)

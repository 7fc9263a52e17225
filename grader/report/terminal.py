"""The readable report printed on a terminal (or plain text when redirected)."""
from __future__ import annotations

from typing import Iterable

from rich.console import Console
from rich.markup import escape as _escape
from rich.table import Table

from grader.results import Status, SubmissionResult

_STYLE = {
    Status.CORRECT: "green",
    Status.PARTIAL: "yellow",
    Status.INCORRECT: "red",
    Status.MISSING: "red",
    Status.INVALID: "magenta",
    Status.MANUAL: "cyan",
    Status.ERROR: "bold red",
}


def print_submission(console: Console, result: SubmissionResult) -> None:
    """Per question: score, status, feedback and how the verdict was reached."""
    table = Table(title=f"{result.submission}: {result.score:g} / {result.max_score:g}", title_justify="left",
                  show_lines=False, expand=False)
    table.add_column("question", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("feedback", overflow="fold", ratio=3)
    table.add_column("method", overflow="fold", ratio=2)
    for q in result.questions:
        table.add_row(q.id, f"{q.score:g}/{q.max_score:g}", f"[{_STYLE[q.status]}]{q.status.value}[/]",
                      _escape(q.feedback), _escape(q.method))
    console.print(table)
    for error in result.errors:
        console.print(f"  [bold]run:[/] {_escape(error)}")
    console.print()


def print_summary(console: Console, results: Iterable[SubmissionResult], question_ids: list[str]) -> None:
    """The gradebook: one row per submission, one column per question."""
    table = Table(title="Scores", title_justify="left")
    table.add_column("submission", overflow="fold", min_width=12)
    for qid in question_ids:
        table.add_column(qid, justify="right", no_wrap=True, min_width=len(qid))
    table.add_column("total", justify="right", no_wrap=True)
    for result in results:
        scores = {q.id: q for q in result.questions}
        cells = [f"[{_STYLE[scores[qid].status]}]{scores[qid].score:g}[/]" if qid in scores else "" for qid in question_ids]
        table.add_row(_escape(result.submission), *cells, f"{result.score:g}/{result.max_score:g}")
    console.print(table)


def summary_line(results: list[SubmissionResult], seconds: float) -> str:
    if not results:
        return "No submissions graded."
    mean = sum(r.score for r in results) / len(results)
    with_errors = sum(1 for r in results if r.errors)
    grader_failures = sum(1 for r in results if any(q.status is Status.ERROR for q in r.questions))
    line = (f"Graded {len(results)} submission{'s' if len(results) != 1 else ''} in {seconds:.1f} s: "
            f"mean {mean:.2f} / {results[0].max_score:g}, {with_errors} with run errors")
    if grader_failures:
        line += f", {grader_failures} flagged for the instructor (grader could not decide or failed)"
    return line + "."

"""The readable report printed on a terminal (or plain text when redirected)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rich.console import Console
from rich.markup import escape as _escape
from rich.table import Table
from rich.segment import Segment
from rich.style import Style

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
_COLOUR = {status: Style.parse(style) for status, style in _STYLE.items()}


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


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """What the summary table and the summary line show of one submission: far less than its
    SubmissionResult (no answers, feedback or output), so a whole class's rows stay small."""

    submission: str
    scores: tuple[tuple[float, Status] | None, ...]  # per question of the table; None when not graded
    score: float
    max_score: float
    run_errors: bool
    flagged: bool  # a question the grader failed on or could not decide

    @classmethod
    def of(cls, result: SubmissionResult, question_ids: list[str]) -> SummaryRow:
        graded = {q.id: (q.score, q.status) for q in result.questions}
        return cls(result.submission, tuple(graded.get(qid) for qid in question_ids), result.score,
                   result.max_score, bool(result.errors), any(q.status is Status.ERROR for q in result.questions))


def print_summary(console: Console, rows: Iterable[SummaryRow], question_ids: list[str]) -> None:
    """The gradebook: one row per submission, one column per question, each score in its status's colour.

    Drawn like rich's Table (heavy head, submission names folded when the console is too narrow) from
    widths computed here, at a small fraction of the Table's layout cost for a class of a thousand rows."""
    rows = list(rows)
    headers = ["submission", *question_ids, "total"]
    body = [[row.submission, *("" if cell is None else f"{cell[0]:g}" for cell in row.scores),
             f"{row.score:g}/{row.max_score:g}"] for row in rows]
    widths = [max([len(header)] + [len(cells[column]) for cells in body]) for column, header in enumerate(headers)]
    room = console.width - sum(widths[1:]) - 3 * len(widths) - 1
    widths[0] = max(12, min(widths[0], room))

    def rule(left: str, middle: str, right: str, fill: str) -> list:
        return [(left + middle.join(fill * (width + 2) for width in widths) + right, None)]

    bold = Style(bold=True)
    lines = [[("Scores", Style(italic=True))], rule("┏", "┳", "┓", "━"),
             [("┃", None)] + [piece for column, header in enumerate(headers) for piece in (
                 (" ", None), (header.ljust(widths[0]) if column == 0 else header.rjust(widths[column]), bold),
                 (" ┃", None))],
             rule("┡", "╇", "┩", "━")]
    blank = "".join(" " * (width + 2) + "│" for width in widths[1:])
    for row, cells in zip(rows, body):
        name = cells[0]
        folds = [name[at:at + widths[0]] for at in range(0, len(name), widths[0])] or [""]
        line, plain = [], "│ " + folds[0].ljust(widths[0]) + " │"
        for column, cell in enumerate(row.scores, start=1):
            text = " " + cells[column].rjust(widths[column])
            if cell is None:
                plain += text + " │"
                continue
            line += [(plain + " " * (len(text) - len(text.lstrip())), None), (text.lstrip(), _COLOUR[cell[1]])]
            plain = " │"
        line.append((plain + " " + cells[-1].rjust(widths[-1]) + " │", None))
        lines.append(line)
        lines += [[("│ " + fold.ljust(widths[0]) + " │" + blank, None)] for fold in folds[1:]]
    lines.append(rule("└", "┴", "┘", "─"))
    console.print(_Drawn(lines))


class _Drawn:
    """Lines made of (text, style) pieces, printed as they are: no layout, wrapping or markup."""

    def __init__(self, lines: list[list[tuple[str, Style | None]]]):
        self.lines = lines

    def __rich_console__(self, console: Console, options):
        for pieces in self.lines:
            for text, style in pieces:
                yield Segment(text, style)
            yield Segment.line()


def summary_line(rows: list[SummaryRow], seconds: float) -> str:
    if not rows:
        return "No submissions graded."
    mean = sum(r.score for r in rows) / len(rows)
    with_errors = sum(1 for r in rows if r.run_errors)
    grader_failures = sum(1 for r in rows if r.flagged)
    line = (f"Graded {len(rows)} submission{'s' if len(rows) != 1 else ''} in {seconds:.1f} s: "
            f"mean {mean:.2f} / {rows[0].max_score:g}, {with_errors} with run errors")
    if grader_failures:
        line += f", {grader_failures} flagged for the instructor (grader could not decide or failed)"
    return line + "."

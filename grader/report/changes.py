"""A regrade's changes on the terminal: one row per changed field, then the totals."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from grader.gradebook.diff import Regrade


def print_regrade(console: Console, regrade: Regrade) -> None:
    if regrade.changes:
        table = Table(title="Changes", title_justify="left")
        for column in ("submission", "question", "field", "old", "new"):
            table.add_column(column, overflow="fold")
        for c in regrade.changes:
            table.add_row(escape(c.submission), c.question, c.field, escape(c.old), escape(c.new))
        console.print(table)
    if regrade.totals:
        table = Table(title="Totals", title_justify="left")
        for column in ("submission", "old", "new", "change"):
            table.add_column(column, justify="left" if column == "submission" else "right")
        for name, old, new in regrade.totals:
            table.add_row(escape(name), f"{old:g}", f"{new:g}", f"{new - old:+g}")
        console.print(table)
    for name in regrade.only_old:
        console.print(f"only in the old report: {escape(name)}")
    for name in regrade.only_new:
        console.print(f"only in the new report: {escape(name)}")
    means = " -> ".join("–" if m is None else f"{m:.2f}" for m in (regrade.old_mean, regrade.new_mean))
    graded = regrade.graded_differently
    console.print(f"{len(graded)} questions changed score, status or feedback in {len({s for s, _ in graded})} "
                  f"submissions; {len(regrade.decided_differently)} changed only how they were decided; "
                  f"{len(regrade.totals)} totals changed; class mean {means}.")

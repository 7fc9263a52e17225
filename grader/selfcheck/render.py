"""A self-check report as plain text (terminal) and as an HTML table (notebook). Renders only."""
from __future__ import annotations

import html
from dataclasses import dataclass

from grader.selfcheck.review import Row, Verdict

COLUMNS = ("question", "answer", "found", "well-formed", "right?", "details")


@dataclass(frozen=True)
class Report:
    assignment: str
    rows: tuple[Row, ...]
    errors: tuple[str, ...] = ()  # problems running the submission, for the student

    @property
    def ok(self) -> bool:
        """Every answer present and well-formed (rightness is not required)."""
        return all(row.ok for row in self.rows)

    def __str__(self) -> str:
        return to_text(self)

    def __repr__(self) -> str:
        return to_text(self)

    def _repr_html_(self) -> str:
        return to_html(self)


def cells(row: Row) -> tuple[str, ...]:
    return (
        f"{row.id} ({row.points:g} pt{'s' if row.points != 1 else ''})",
        row.answer,
        "found" if row.found else "MISSING",
        ("yes" if row.well_formed else "NO") if row.found else "-",
        row.verdict.value if row.verdict is not Verdict.UNCHECKED else "-",
        row.detail,
    )


def summary(report: Report) -> str:
    missing = [row.id for row in report.rows if not row.found]
    malformed = [row.id for row in report.rows if row.found and not row.well_formed]
    right = sum(row.verdict is Verdict.RIGHT for row in report.rows)
    checked = sum(row.verdict is not Verdict.UNCHECKED for row in report.rows)
    parts = [f"{len(report.rows) - len(missing) - len(malformed)} of {len(report.rows)} answers present and well-formed"]
    if missing:
        parts.append("missing: " + ", ".join(missing))
    if malformed:
        parts.append("malformed: " + ", ".join(malformed))
    if checked:
        parts.append(f"{right} of {checked} checkable answers right")
    return "; ".join(parts) + "."


def to_text(report: Report) -> str:
    table = [COLUMNS] + [cells(row) for row in report.rows]
    widths = [max(len(line[i].splitlines()[0]) if line[i] else 0 for line in table) for i in range(len(COLUMNS) - 1)]
    lines = [f"Self-check for {report.assignment}"]
    for line in table:
        head = "  ".join(cell.ljust(width) for cell, width in zip(line, widths))
        detail_lines = line[-1].splitlines() or [""]
        lines.append(f"{head}  {detail_lines[0]}")
        lines += [" " * (len(head) + 2) + more for more in detail_lines[1:]]
    lines += [f"Problem running the file: {error}" for error in report.errors]
    lines.append(summary(report))
    return "\n".join(lines)


# Inline styles only (no <style>, no classes, no script), so JupyterLab, classic Notebook and VS Code show
# the same table: left-aligned (classic right-aligns cells), the front end's own error colour in its theme.
CELL = "text-align:left;vertical-align:top"
PROBLEM = "color:var(--jp-error-color1, var(--vscode-errorForeground, #b00))"
DETAIL = "margin:0;background:transparent;color:inherit;white-space:pre;font-family:monospace"


def to_html(report: Report) -> str:
    head = "".join(f"<th style='{CELL}'>{name}</th>" for name in COLUMNS)
    body = "".join(_html_row(row) for row in report.rows)
    errors = "".join(f"<p style='{PROBLEM}'>Problem running the file: {html.escape(error)}</p>"
                     for error in report.errors)
    return (f"<div><p><strong>Self-check for {html.escape(report.assignment)}</strong></p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{errors}"
            f"<p>{html.escape(summary(report))}</p></div>")


def _html_row(row: Row) -> str:
    colour = "" if row.ok else f" style='{PROBLEM}'"
    *plain, detail = (html.escape(cell) for cell in cells(row))
    tds = "".join(f"<td style='{CELL}'>{cell}</td>" for cell in plain)
    return f"<tr{colour}>{tds}<td style='{CELL}'><pre style='{DETAIL}'>{detail}</pre></td></tr>"

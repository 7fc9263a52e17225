"""The after-the-batch commands: report, manual, merge, diff, export (thin adapters over grader.gradebook,
grader.summary and the renderers)."""
from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from grader.gradebook.report_file import Report, ReportError, load_report, save_report

_REPORT = click.Path(exists=True, dir_okay=False, path_type=Path)
_OUT = click.Path(dir_okay=False, path_type=Path)


def html_option(command):
    return click.option("--html", "html_path", type=_OUT, help="Write the class report (one HTML page) here.")(command)


def feedback_options(command):
    command = click.option("--published/--unpublished", default=False,
                           help="Include `after_published` questions in the feedback files (default: not yet).")(command)
    return click.option("--feedback-dir", type=click.Path(file_okay=False, path_type=Path),
                        help="Write one Markdown feedback file per submission here.")(command)


def write_class_outputs(report: Report, spec, html_path: Path | None, feedback_dir: Path | None,
                        published: bool, echo=click.echo) -> None:
    """The HTML class report and the per-student feedback files, whichever were asked for."""
    if html_path:
        from grader.report.html import html_report
        from grader.report.machine import write_atomically
        from grader.summary import summarize

        summary = summarize(report.assignment, report.max_score, report.results, spec)
        write_atomically(html_path, html_report(summary))
        echo(f"HTML report: {html_path}")
    if feedback_dir:
        from grader.report.feedback_files import write_feedback_files

        written = write_feedback_files(feedback_dir, report.assignment, list(report.results), published)
        echo(f"Feedback files: {len(written)} in {feedback_dir}")


def _load(path: Path) -> Report:
    try:
        return load_report(path)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("report")
@click.argument("report_path", metavar="REPORT.json", type=_REPORT)
@click.option("--spec", "spec_path", type=_REPORT,
              help="The assignment spec: clusters wrong expressions by equivalence and names the rules.")
@html_option
@feedback_options
def report_command(report_path: Path, spec_path, html_path, feedback_dir, published) -> None:
    """Render a JSON report: the HTML class report and/or per-student feedback files."""
    if not html_path and not feedback_dir:
        raise click.UsageError("nothing to write: give --html FILE and/or --feedback-dir DIR")
    spec = None
    if spec_path:
        from grader.spec import load_spec

        spec = load_spec(spec_path)
    write_class_outputs(_load(report_path), spec, html_path, feedback_dir, published)


@click.command("manual")
@click.argument("report_path", metavar="REPORT.json", type=_REPORT)
@click.option("--csv", "csv_path", type=_OUT, required=True, help="Write the answers to grade here.")
def manual_command(report_path: Path, csv_path: Path) -> None:
    """Write the free-text answers of REPORT.json to a CSV for TAs to score (score and comment columns)."""
    from grader.gradebook.manual import manual_csv
    from grader.report.machine import write_atomically

    text = manual_csv(_load(report_path))
    write_atomically(csv_path, text)
    click.echo(f"{text.count(chr(10)) - 1} answers to grade: {csv_path}")


@click.command("merge")
@click.argument("report_path", metavar="REPORT.json", type=_REPORT)
@click.argument("manual_path", metavar="MANUAL.csv", type=_REPORT)
@click.option("--output", type=_OUT, help="Write the merged report here (default: REPORT.json in place).")
@click.option("--csv", "csv_path", type=_OUT, help="Also write the CSV gradebook with the merged scores.")
def merge_command(report_path: Path, manual_path: Path, output, csv_path) -> None:
    """Put the TAs' scores and comments from MANUAL.csv into REPORT.json (all rows checked first)."""
    from grader.gradebook.manual import merge_manual
    from grader.report.machine import csv_gradebook, write_atomically

    report = _load(report_path)
    try:
        merged, count = merge_manual(report, manual_path.read_text(encoding="utf-8"), str(manual_path))
    except ReportError as exc:
        raise click.ClickException(f"nothing merged:\n{exc}") from None
    save_report(merged, output or report_path)
    click.echo(f"Merged {count} scores into {output or report_path}.")
    if csv_path:
        write_atomically(csv_path, csv_gradebook(merged.question_ids, merged.results))
        click.echo(f"CSV gradebook: {csv_path}")


@click.command("diff")
@click.argument("old_path", metavar="OLD.json", type=_REPORT)
@click.argument("new_path", metavar="NEW.json", type=_REPORT)
def diff_command(old_path: Path, new_path: Path) -> None:
    """What changed between two reports of the same class (a regrade): per question and in total."""
    from grader.gradebook.diff import compare_reports
    from grader.report.changes import print_regrade

    print_regrade(Console(highlight=False, width=150), compare_reports(_load(old_path), _load(new_path)))


@click.command("export")
@click.argument("report_path", metavar="REPORT.json", type=_REPORT)
@click.option("--format", "form", type=click.Choice(["canvas", "moodle", "csv"]), required=True)
@click.option("--roster", "roster_path", type=_REPORT, required=True,
              help="CSV of students: name and id columns and/or a file-name `pattern`.")
@click.option("--output", type=_OUT, required=True, help="Write the gradebook file here.")
@click.option("--assignment-name", help="The gradebook column (default: the report's assignment).")
def export_command(report_path: Path, form: str, roster_path: Path, output: Path, assignment_name) -> None:
    """Write REPORT.json's totals in an LMS's import format, one row per student of the roster."""
    from grader.gradebook.roster import enrol, load_roster
    from grader.report.lms import canvas_csv, moodle_csv, roster_csv
    from grader.report.machine import write_atomically

    report = _load(report_path)
    try:
        students = load_roster(roster_path.read_text(encoding="utf-8"), str(roster_path))
        enrolments = enrol(students, report.results, str(roster_path))
        if form == "moodle":
            _need(enrolments, ("email", "sis_user_id", "id", "username"), "Moodle", str(roster_path))
        if form == "canvas":
            _need(enrolments, ("id", "sis_user_id", "sis_login_id"), "Canvas", str(roster_path))
    except ReportError as exc:
        raise click.ClickException(f"nothing exported:\n{exc}") from None
    name = assignment_name or report.assignment
    text = {"canvas": lambda: canvas_csv(enrolments, name, report.max_score),
            "moodle": lambda: moodle_csv(enrolments, name),
            "csv": lambda: roster_csv(enrolments, report.question_ids)}[form]()
    write_atomically(output, text)
    absent = [e.student.name for e in enrolments if e.result is None]
    click.echo(f"{form} gradebook for {len(enrolments)} students: {output}")
    if absent:
        click.echo(f"No submission (left blank): {', '.join(absent)}")


def _need(enrolments, fields: tuple[str, ...], lms: str, source: str) -> None:
    lacking = [e.student.name for e in enrolments if not any(getattr(e.student, f) for f in fields)]
    if lacking:
        raise ReportError(f"{source}: {lms} finds students by {', '.join(fields)}; none given for: "
                          + ", ".join(lacking))


COMMANDS = (report_command, manual_command, merge_command, diff_command, export_command)

"""The `grader` command: a thin adapter over the grading pipeline and the reports."""
from __future__ import annotations

import importlib
import json
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from grader.distribution import installed_name
from grader.gradebook.commands import COMMANDS, feedback_options, html_option, write_class_outputs
from grader.gradebook.report_file import load_report
from grader.report.machine import LiveReports
from grader.report.terminal import SummaryRow, print_submission, print_summary, summary_line
from grader.results import SubmissionResult
from grader.sandbox.availability import LOST
from grader.spec import ConfigError

SUBMISSION_SUFFIXES = (".py", ".ipynb")


class _Commands(click.Group):
    """Every command stops the same way on a broken spec or reference: the message, exit status 2.
    The commands below are imported when called (or listed): `grade` does not wait for their imports
    (the student self-check's pulls in sympy)."""

    _LAZY = {"gradescope": "grader.integrations.gradescope:gradescope", "new": "grader.scaffold:new_command",
             "explain": "grader.explain.command:explain_command",
             "publish": "grader.selfcheck.commands:publish_command",
             "check": "grader.selfcheck.commands:check_command"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._LAZY})

    def get_command(self, ctx: click.Context, name: str):
        if name in self._LAZY and name not in self.commands:
            module, attribute = self._LAZY[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Commands)
@click.version_option(package_name=installed_name())
def main() -> None:
    """Grade mathematical homework answers against an instructor's reference."""


@main.command()
@click.argument("assignment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("submissions", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON report here.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the CSV gradebook here.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Submissions run at once (default: cores).")
@click.option("--details/--summary", default=None, help="Per-question tables (default: when 10 submissions or fewer).")
@html_option
@feedback_options
@click.option("--without-isolation", is_flag=True,
              help=f"Where the Linux sandbox is unavailable (Windows, macOS), grade anyway with the portable runner: {LOST}.")
def grade(assignment: Path, submissions: tuple[Path, ...], json_path, csv_path, jobs, details, html_path,
          feedback_dir, published, without_isolation) -> None:
    """Grade SUBMISSIONS (.py or .ipynb files, or folders of them) for the ASSIGNMENT spec."""
    from grader.sandbox.availability import SandboxUnavailable, grading_runner

    out = _console()
    err = Console(stderr=True, highlight=False)
    paths = collect_submissions(submissions)
    if not paths:
        raise click.UsageError("no .py or .ipynb files among the given submissions")
    started = time.monotonic()
    try:
        runner = grading_runner(jobs, [assignment.resolve().parent], portable=without_isolation)  # the spec's folder too
    except SandboxUnavailable as exc:
        click.echo(f"error: {exc}. To grade anyway with the portable runner, pass --without-isolation: {LOST}.",
                   err=True)
        raise SystemExit(2) from None
    if runner.isolation == "portable":
        err.print(f"warning: grading with the portable runner, without isolation: {LOST}.")
    shown = details if details is not None else len(paths) <= 10
    with tempfile.TemporaryDirectory(prefix="grader-") as scratch:
        # The HTML report and the feedback files read the rows back from the JSON report (a scratch one
        # when --json is not given); while grading, only the summary's compact rows are kept.
        class_outputs = bool(html_path or feedback_dir)
        report_path = json_path or (Path(scratch) / "report.json" if class_outputs else None)
        rows: list[SummaryRow] = [None] * len(paths)  # type: ignore[list-item]
        detailed: list[SubmissionResult] = [None] * len(paths) if shown else []  # type: ignore[list-item]
        with runner as sandbox:  # the fork server starts on another core while the engine is imported
            from grader.grading import grade_stream, load_assignment

            loaded = load_assignment(assignment, sandbox=sandbox)
            spec = loaded.spec
            question_ids = [q.id for q in spec.questions]
            reports = LiveReports(report_path, csv_path, spec.assignment, loaded.max_score, question_ids)
            with _progress(err, len(paths)) as advance:
                for index, result in grade_stream(loaded, paths, jobs=jobs, sandbox=sandbox):
                    reports.add(index, result)
                    rows[index] = SummaryRow.of(result, question_ids)
                    if shown:
                        detailed[index] = result
                    advance()
            reports.finish()
        for result in detailed:
            print_submission(out, result)
        print_summary(out, rows, question_ids)
        out.print(summary_line(rows, time.monotonic() - started))
        if json_path:
            out.print(f"JSON report: {json_path}")
        if csv_path:
            out.print(f"CSV gradebook: {csv_path}")
        if class_outputs:
            write_class_outputs(load_report(report_path), spec, html_path, feedback_dir, published, echo=out.print)


@main.command()
@click.argument("assignment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(assignment: Path) -> None:
    """Check the ASSIGNMENT spec and its reference solution without grading anyone."""
    from grader.grading import load_assignment

    loaded = load_assignment(assignment)
    spec = loaded.spec
    click.echo(f"{assignment}: {spec.assignment}, {len(spec.questions)} questions, {loaded.max_score:g} points; "
               f"reference {loaded.solution} passes every question.")


@main.command()
def schema() -> None:
    """Print the JSON Schema of assignment specs (for editors' YAML completion)."""
    from grader.spec import AssignmentSpec

    click.echo(json.dumps(AssignmentSpec.model_json_schema(), indent=2))


def _console() -> Console:
    """A terminal's own width; 150 columns (or $COLUMNS) when redirected, so tables stay readable."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(highlight=False, width=150)
    return console


def collect_submissions(items: tuple[Path, ...]) -> list[Path]:
    """Files as given, folders expanded to their .py/.ipynb files (sorted), duplicates dropped."""
    found: list[Path] = []
    for item in items:
        if item.is_dir():
            found.extend(sorted(p for p in item.rglob("*") if p.suffix in SUBMISSION_SUFFIXES and p.is_file()
                                and ".ipynb_checkpoints" not in p.parts))
        elif item.suffix in SUBMISSION_SUFFIXES:
            found.append(item)
        else:
            click.echo(f"skipping {item}: not a .py or .ipynb file", err=True)
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(str(path), path)
    return list(unique.values())


@contextmanager
def _progress(console: Console, total: int):
    """A progress bar on a terminal, advanced by the function it yields; nothing when output is redirected."""
    if not console.is_terminal:
        yield lambda: None
        return
    columns = (TextColumn("grading submissions"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("grading", total=total)
        yield lambda: bar.advance(task)


for _command in COMMANDS:  # after the batch: report, manual, merge, diff, export (grader/gradebook)
    main.add_command(_command)

"""The `grader publish` and `grader check` commands."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from grader.selfcheck.model import CheckFileError, load_check_file
from grader.selfcheck.runner import CHOICES, check_submission


@click.command("publish")
@click.argument("assignment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the check file for students, e.g. week08.check.json.")
@click.option("--wheel", is_flag=True,
              help="Also write the grader's wheel beside it, for courses whose students do not install from PyPI.")
def publish_command(assignment: Path, output: Path, wheel: bool) -> None:
    """Write the student-side check file for ASSIGNMENT: no reference answer in it."""
    from grader.grading import load_assignment
    from grader.integrations.wheel import build_wheel
    from grader.selfcheck.publish import publish

    published = publish(load_assignment(assignment))  # a broken spec: the group says so, exit 2
    for note in published.notes:
        click.echo(f"note: {note}", err=True)
    output.write_text(json.dumps(published.check_file.model_dump(mode="json"), indent=1) + "\n", encoding="utf-8")
    verified = [q.id for q in published.check_file.questions if q.verify]
    click.echo(f"{output}: {len(published.check_file.questions)} questions; right/not yet right shown for "
               f"{', '.join(verified) if verified else 'none'}.")
    if wheel:
        built = build_wheel(output.resolve().parent)
        click.echo(f"{built.parent / built.name}: students install it with `pip install {built.name}` "
                   "(its dependencies come from PyPI as usual).")


@click.command("check")
@click.argument("check_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("submission", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--runner", type=click.Choice(CHOICES), default="auto", show_default=True,
              help="auto: the Linux sandbox where it can run, else the portable runner (time limit and output "
                   "cap, no isolation), e.g. on Windows and macOS.")
def check_command(check_file: Path, submission: Path, runner: str) -> None:
    """Run SUBMISSION (.py or .ipynb) and say, per question, whether its answer is there and well-formed.

    Exit 0 when every answer is present and well-formed, 1 when not, 2 when the check file is unusable.
    """
    from grader.sandbox.availability import SandboxUnavailable
    from grader.selfcheck.render import to_text

    try:
        published = load_check_file(check_file)
    except CheckFileError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    try:
        report, line = check_submission(published, submission, runner)
    except SandboxUnavailable as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(to_text(report))
    click.echo(line)
    sys.exit(0 if report.ok else 1)

"""The `grader publish` and `grader check` commands."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from grader.selfcheck.model import CheckFileError, load_check_file


@click.command("publish")
@click.argument("assignment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the check file for students, e.g. week08.check.json.")
def publish_command(assignment: Path, output: Path) -> None:
    """Write the student-side check file for ASSIGNMENT: no reference answer in it."""
    from grader.grading import load_assignment
    from grader.selfcheck.publish import publish

    published = publish(load_assignment(assignment))  # a broken spec: the group says so, exit 2
    for note in published.notes:
        click.echo(f"note: {note}", err=True)
    output.write_text(json.dumps(published.check_file.model_dump(mode="json"), indent=1) + "\n", encoding="utf-8")
    verified = [q.id for q in published.check_file.questions if q.verify]
    click.echo(f"{output}: {len(published.check_file.questions)} questions; right/not yet right shown for "
               f"{', '.join(verified) if verified else 'none'}.")


@click.command("check")
@click.argument("check_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("submission", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check_command(check_file: Path, submission: Path) -> None:
    """Run SUBMISSION (.py or .ipynb) and say, per question, whether its answer is there and well-formed.

    Exit 0 when every answer is present and well-formed, 1 when not, 2 when the check file is unusable.
    """
    from grader.sandbox import Limits, run_file
    from grader.selfcheck.render import Report, to_text
    from grader.selfcheck.review import review

    try:
        published = load_check_file(check_file)
    except CheckFileError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    names = [q.answer for q in published.questions]
    limits = Limits(wall_s=published.time_limit_s, cpu_s=published.time_limit_s, memory_mb=published.memory_mb)
    run = run_file(submission, names, limits)
    report = Report(published.assignment, tuple(review(published, run.answers, notes=run.notes)), tuple(run.errors))
    click.echo(to_text(report))
    sys.exit(0 if report.ok else 1)

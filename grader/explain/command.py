"""The `grader explain SPEC SUBMISSION QID` command."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("explain")
@click.argument("assignment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("submission", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("question_id")
def explain_command(assignment: Path, submission: Path, question_id: str) -> None:
    """Show, for QUESTION_ID of SUBMISSION, the reading, the points drawn, both sides' values, the
    proof attempt and the rules tried: what a regrade request needs."""
    from grader.explain.trace import explain
    from grader.grading import MISSING, load_assignment
    from grader.sandbox import Sandbox

    with Sandbox(jobs=1, hide=[assignment.resolve().parent]) as sandbox:
        loaded = load_assignment(assignment, sandbox=sandbox)
        question = next((q for q in loaded.spec.questions if q.id == question_id), None)
        if question is None:
            raise click.UsageError(f"no question {question_id!r}; the questions are "
                                   f"{', '.join(q.id for q in loaded.spec.questions)}")
        run = sandbox.run(submission, loaded.answer_names, loaded.limits)
    click.echo(f"{submission}, question {question.id} ({question.kind}, `{question.answer}`): {question.title}")
    for error in run.errors:
        click.echo(f"  problem running the file: {error}")
    for section in explain(loaded, question, run.answers.get(question.answer, MISSING)):
        click.echo(f"\n{section.title}")
        for line in section.lines:
            click.echo(f"  {line}")

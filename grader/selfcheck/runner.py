"""Which runner `grader check` uses, and the one line that tells the student.

`auto`: the Linux sandbox where it can run (the same runs as `grader grade`), else the portable
runner (grader.sandbox.portable), which needs nothing Linux-only. `sandbox` and `portable` force one.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from grader.sandbox.availability import SandboxUnavailable, sandbox_unavailable
from grader.sandbox.limits import Limits
from grader.selfcheck.model import CheckFile

CHOICES = ("auto", "sandbox", "portable")


@contextmanager
def open_runner(choice: str, limits: Limits) -> Iterator[tuple[object, str]]:
    """(runner, the line saying which it is and why); SandboxUnavailable when `sandbox` cannot run."""
    reason = sandbox_unavailable()
    if choice == "sandbox" and reason:
        raise SandboxUnavailable(f"the Linux sandbox is unavailable here: {reason}")
    if choice != "portable" and not reason:
        from grader.sandbox.sandbox import Sandbox, SandboxError

        try:
            sandbox = Sandbox(jobs=1).__enter__()
        except SandboxError as exc:
            if choice == "sandbox":
                raise SandboxUnavailable(str(exc)) from None
            reason = str(exc)
        else:
            try:
                yield sandbox, f"Runner: the Linux sandbox ({sandbox.isolation} isolation), as `grader grade` runs it."
            finally:
                sandbox.close()
            return
    from grader.sandbox.portable import PortableRunner

    why = f"the Linux sandbox is unavailable here: {reason}" if reason else "as asked with --runner portable"
    yield PortableRunner(jobs=1), (f"Runner: portable (time limit {limits.wall_s:g} s, output capped, every process "
                                   f"it started stopped at the end; no memory limit, no isolation), {why}.")


def check_submission(check_file: CheckFile, submission: Path, choice: str = "auto"):
    """Run `submission` with the chosen runner and review its answers: (render.Report, the runner line)."""
    from grader.selfcheck.render import Report
    from grader.selfcheck.review import review

    limits = Limits(wall_s=check_file.time_limit_s, cpu_s=check_file.time_limit_s, memory_mb=check_file.memory_mb)
    with open_runner(choice, limits) as (runner, line):
        run = runner.run(submission, [q.answer for q in check_file.questions], limits)
    return Report(check_file.assignment, tuple(review(check_file, run.answers, notes=run.notes)), tuple(run.errors)), line

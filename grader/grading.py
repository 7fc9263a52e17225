"""The pipeline: spec and reference in, each submission run, checked and scored out."""
from __future__ import annotations

import os
import time
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from grader.check import KINDS, AnswerTypeError, CheckEnv, needs_reference
from grader.check.validate import validate_options, validate_reference
from grader.checking import Decisions
from grader.results import QuestionResult, Status, SubmissionResult
from grader.sandbox.limits import Limits
from grader.spec import AssignmentSpec, ConfigError, load_spec
from grader.values import show

if TYPE_CHECKING:  # the sandbox is Linux-only; a caller may pass the portable runner instead
    from grader.sandbox import Sandbox

MISSING = object()


@dataclass(frozen=True)
class Assignment:
    spec: AssignmentSpec
    path: Path
    solution: Path
    references: Mapping[str, object]
    env: CheckEnv
    decisions: Decisions = field(compare=False, repr=False)  # each distinct answer's outcome, once

    @property
    def limits(self) -> Limits:
        d = self.spec.defaults
        return Limits(wall_s=d.time_limit_s, cpu_s=d.time_limit_s, memory_mb=d.memory_mb)

    @property
    def answer_names(self) -> list[str]:
        return [q.answer for q in self.spec.questions]

    @property
    def max_score(self) -> float:
        return float(sum(q.points for q in self.spec.questions))


def load_assignment(path: Path, sandbox: Sandbox | None = None) -> Assignment:
    """Validate the spec and its reference solution fully; raise ConfigError on the first problem."""
    path = Path(path)
    spec = load_spec(path)
    if any(q.kind == "expression" for q in spec.questions):
        from grader.expr import warm_up

        warm_up()  # the proof worker starts while the reference runs
    env = CheckEnv(spec)
    validate_options(path, spec, env)
    solution = solution_path(path, spec)
    references = _run_reference(path, spec, solution, sandbox)
    assignment = Assignment(spec, path, solution, references, env, Decisions(spec, path, references, env))
    for question in spec.questions:
        if KINDS[question.kind].auto:
            validate_reference(path if question.answer not in references else solution, question,
                               references.get(question.answer), env)
        if question.answer not in references:  # free text, or a reference the spec gives (parsed when validated)
            continue
        result = grade_question(assignment, question, references[question.answer])
        if result.status is not Status.CORRECT:
            raise ConfigError(
                str(solution), f"the reference answer fails its own question: {result.feedback}",
                question=question.id, field="answer",
            )
    return assignment


def solution_path(spec_path: Path, spec: AssignmentSpec) -> Path:
    if spec.solution:
        return (spec_path.parent / spec.solution).resolve()
    return (spec_path.parent.parent / "solutions" / f"{spec.assignment}.py").resolve()


def _run_reference(path: Path, spec: AssignmentSpec, solution: Path, sandbox: Sandbox | None) -> dict:
    wanted = [q.answer for q in spec.questions if needs_reference(q)]
    if not wanted:
        return {}
    if not solution.is_file():
        raise ConfigError(str(path), f"the reference solution {solution} does not exist", field="solution")
    d = spec.defaults
    limits = Limits(wall_s=max(d.time_limit_s, 30.0), cpu_s=max(d.time_limit_s, 30.0), memory_mb=d.memory_mb)
    with _sandbox(sandbox) as box:
        run = box.run(solution, wanted, limits, trusted=True)
    if run.errors:
        raise ConfigError(str(solution), "the reference solution failed: " + "; ".join(run.errors))
    for question in spec.questions:
        if question.answer in wanted and question.answer not in run.answers:
            raise ConfigError(
                str(solution), f"the reference solution does not set `{question.answer}`",
                question=question.id, field="answer",
            )
    return dict(run.answers)


def _isolation_gaps(mode: str) -> tuple[str, ...]:
    """What the run could reach; the portable runner's words without loading the Linux-only isolation module."""
    if mode == "portable":
        from grader.sandbox.availability import LOST

        return (f"run with the portable runner, without isolation: {LOST}",)
    from grader.sandbox import isolation_gaps

    return isolation_gaps(mode)


def _sandbox(sandbox: Sandbox | None, jobs: int | None = 1):
    """The caller's sandbox, left open, or a new one closed on exit."""
    if sandbox:
        return nullcontext(sandbox)
    from grader.sandbox import Sandbox

    return Sandbox(jobs=jobs)


def grade_question(assignment: Assignment, question, answer: object, run_errors: Iterable[str] = (),
                   note: str = "") -> QuestionResult:
    """Check one answer (or MISSING) and wrap the outcome with the question's metadata; `note` (from
    the run, e.g. a Markdown answer that a code cell overrides) ends the feedback."""
    spec = assignment.spec

    started = time.perf_counter()

    def result(score, status, feedback, method, latex="", shown="") -> QuestionResult:
        return QuestionResult(
            question.id, question.title, float(score), float(question.points), status,
            f"{feedback} {note}" if note else feedback, method, spec.visibility(question), latex, shown,
            time.perf_counter() - started,
        )

    if answer is MISSING:
        feedback = f"`{question.answer}` is not set."
        errors = list(run_errors)
        if errors:
            feedback += f" Running the file reported a problem that may explain it: {errors[0]}"
        return result(0, Status.MISSING, feedback, "no answer to check")
    shown = _shown(answer)
    try:
        outcome = assignment.decisions.outcome(question, answer)
    except AnswerTypeError as exc:
        return result(0, Status.INVALID, f"`{question.answer}`: {exc}", "answer rejected before comparison", shown=shown)
    except Exception as exc:  # the grader failed, not the student: say so, keep grading the rest
        return result(0, Status.ERROR,
                      f"The grader failed on this answer ({exception_line(exc)}); it is flagged for the instructor.",
                      "internal error", shown=shown)
    return result(outcome.score, outcome.status, outcome.feedback, outcome.method, outcome.feedback_latex, shown)


def grade_submission(assignment: Assignment, path: Path, sandbox: Sandbox | None = None) -> SubmissionResult:
    """Run one submission in the sandbox and grade every question; never raises."""
    started = time.monotonic()
    try:
        with _sandbox(sandbox) as box:
            run = box.run(Path(path), assignment.answer_names, assignment.limits)
        questions = tuple(
            grade_question(assignment, q, run.answers.get(q.answer, MISSING), run.errors, run.notes.get(q.answer, ""))
            for q in assignment.spec.questions
        )
        errors = (*run.errors, *_isolation_gaps(run.isolation))  # what the run could reach is never left unsaid
        return SubmissionResult(str(path), questions, errors, run.output, time.monotonic() - started)
    except Exception as exc:  # never lose a row: the whole submission becomes an error row
        return failed_submission(assignment, str(path), f"internal grader error: {exception_line(exc)}",
                                 time.monotonic() - started)


def failed_submission(assignment: Assignment, name: str, message: str, seconds: float = 0.0) -> SubmissionResult:
    questions = tuple(
        QuestionResult(q.id, q.title, 0.0, float(q.points), Status.ERROR, message, "internal error",
                       assignment.spec.visibility(q))
        for q in assignment.spec.questions
    )
    return SubmissionResult(name, questions, (message,), "", seconds)


def grade_stream(
    assignment: Assignment,
    paths: Iterable[Path],
    jobs: int | None = None,
    sandbox: Sandbox | None = None,
) -> Iterator[tuple[int, SubmissionResult]]:
    """Grade many submissions in parallel; yields (input index, result) as each finishes and keeps none."""
    paths = list(paths)
    jobs = max(1, jobs or _cores())
    assignment.decisions.start_workers(min(jobs, len(paths)))
    try:
        with _sandbox(sandbox, jobs) as box:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                pending = {pool.submit(grade_submission, assignment, path, box): index
                           for index, path in enumerate(paths)}
                try:
                    for future in as_completed(pending):
                        yield pending.pop(future), future.result()
                finally:  # the caller stopped early (or a row failed): start no more submissions
                    pool.shutdown(cancel_futures=True)
    finally:
        assignment.decisions.close()


def grade_batch(
    assignment: Assignment,
    paths: Iterable[Path],
    jobs: int | None = None,
    sandbox: Sandbox | None = None,
) -> list[SubmissionResult]:
    """Grade many submissions in parallel; results come back in input order."""
    paths = list(paths)
    results: list[SubmissionResult] = [None] * len(paths)  # type: ignore[list-item]
    for index, result in grade_stream(assignment, paths, jobs, sandbox):
        results[index] = result
    return results


def _shown(answer: object) -> str:
    """The student's answer as short text for the report."""
    text = show(answer)
    return text if len(text) <= 2000 else text[:2000] + "…"


def exception_line(exc: BaseException) -> str:
    """`Type: message` of an exception, for a message that says the grader (not the student) failed."""
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


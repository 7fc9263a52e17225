"""An Otter-Grader plugin that grades with the grader's own pipeline, outside Otter's kernel.

Otter runs a submission and its test files in one Jupyter kernel that the submission controls,
with no time limit. So the submission never runs there: `before_execution` hands Otter a
harmless stand-in notebook, and `after_grading` grades a private copy of the original file with
`grade_submission` (in the sandbox) and replaces everything Otter measured with one test per
question. Otter then writes `results.json` from these results through `GraderResults`.
"""
from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
import traceback
from pathlib import Path

import nbformat
from otter.plugins import AbstractOtterPlugin
from otter.test_files import GradingResults, TestCase, TestCaseResult
from otter.test_files.ottr_test import OttrTestFile

from grader.grading import exception_line
from grader.integrations import OTTER_PLUGIN as PLUGIN_NAME
from grader.results import QuestionResult, Status, SubmissionResult

STAND_IN_SOURCE = "# The grader runs this submission in its own sandbox; Otter only sees this cell.\n"


class GraderPlugin(AbstractOtterPlugin):
    """Configured in otter_config.json with `{"spec": "<path of the YAML, relative to the source dir>"}`."""

    def __init__(self, submission_path, submission_metadata, plugin_config):
        super().__init__(submission_path, submission_metadata, plugin_config)
        self.started = time.monotonic()
        self.source_dir: Path | None = None
        self.private_dir: Path | None = None
        self.original: Path | None = None

    def before_grading(self, config) -> None:
        """Remember where the zip was unpacked and keep the submission where only we can read it."""
        self.source_dir = Path(config.autograder_dir).resolve() / "source"
        if os.geteuid() == 0:  # as on Gradescope: runs drop to a fresh uid, which must not enter the zip's files
            self.source_dir.chmod(0o700)
        self.private_dir = Path(tempfile.mkdtemp(prefix="grader-otter-"))  # mode 0700, owned by Otter's user
        self.original = self.private_dir / Path(self.submission_path).name
        shutil.copyfile(self.submission_path, self.original)

    def before_execution(self, submission):
        """Replace the submission by a stand-in notebook: no student code runs in Otter's kernel."""
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STAND_IN_SOURCE)])

    def after_grading(self, results: GradingResults) -> None:
        """Grade the original submission with the core and make it the only thing Otter reports."""
        try:
            graded = self._grade()
        except Exception as exc:  # the grader failed: an error row for every question, never Otter's stand-in
            print(traceback.format_exc())  # Otter's stdout, which Gradescope shows to instructors only
            graded = _failed(self._spec_path(), f"The autograder failed ({exception_line(exc)}); your instructor is told.")
        finally:
            if self.private_dir is not None:
                shutil.rmtree(self.private_dir, ignore_errors=True)
        replace_results(results, graded, time.monotonic() - self.started)

    def _spec_path(self) -> Path:
        return (self.source_dir or Path.cwd().parent / "source") / self.plugin_config["spec"]

    def _grade(self) -> SubmissionResult:
        from grader.grading import grade_submission, load_assignment
        from grader.sandbox.availability import grading_runner

        # SandboxUnavailable names the reason; only `"without_isolation": true` in the plugin config allows
        # the portable runner where the sandbox cannot run (see availability.LOST for what is lost)
        runner = grading_runner(1, [self.source_dir], portable=self.plugin_config.get("without_isolation") is True)
        with runner as sandbox:  # the unpacked zip (spec and solution) is hidden from the runs
            assignment = load_assignment(self._spec_path(), sandbox=sandbox)
            graded = grade_submission(assignment, self.original, sandbox=sandbox)
        return SubmissionResult(Path(self.submission_path).name, graded.questions, graded.errors,
                                graded.output, graded.seconds)


class GraderResults(GradingResults):
    """Otter's results object whose Gradescope JSON comes from the grader's questions."""

    def to_gradescope_dict(self, ag_config) -> dict:
        return self.get_plugin_data(PLUGIN_NAME)


def replace_results(results: GradingResults, graded: SubmissionResult, seconds: float) -> None:
    """Swap in one Otter test file per question and the Gradescope JSON built from them.

    `after_grading` cannot return a new object, so the one Otter holds is changed in place; its
    class becomes `GraderResults` so that Otter's own call to `to_gradescope_dict` writes ours.
    """
    results.clear_results()
    for question in graded.questions:
        test_file = _test_file(question)
        results.results[test_file.name] = test_file
    results.set_output(_overall_output(graded))
    results.set_plugin_data(PLUGIN_NAME, gradescope_results(graded, seconds))
    results.__class__ = GraderResults


def gradescope_results(graded: SubmissionResult, seconds: float) -> dict:
    """The Gradescope results.json: one test per question, visibility from the spec."""
    return {
        "score": graded.score,
        "execution_time": math.ceil(seconds),
        "output": _overall_output(graded),
        "stdout_visibility": "hidden",
        "tests": [_gradescope_test(question) for question in graded.questions],
    }


def test_name(question: QuestionResult) -> str:
    points = f"{question.max_score:g} pt" + ("" if question.max_score == 1 else "s")
    return f"{question.id} ({points}): {question.title}" if question.title else f"{question.id} ({points})"


def _gradescope_test(question: QuestionResult) -> dict:
    test = {
        "name": test_name(question),
        "score": question.score,
        "max_score": question.max_score,
        "output": feedback_markdown(question),
        "output_format": "md",
        "visibility": question.visibility,
    }
    if question.status is not Status.MANUAL:
        test["status"] = "passed" if question.status is Status.CORRECT else "failed"
    return test


def feedback_markdown(question: QuestionResult) -> str:
    """Status line, the feedback verbatim (a code block keeps carets aligned), the formula, the method."""
    parts = [f"**{question.status.value}: {question.score:g} / {question.max_score:g}**", _code_block(question.feedback)]
    if question.feedback_latex:
        parts.append(f"$$ {question.feedback_latex} $$")
    if question.method:
        parts.append(f"How it was checked: {_code_span(question.method)}")
    return "\n\n".join(parts)


def _overall_output(graded: SubmissionResult) -> str:
    lines = [f"Score: {graded.score:g} / {graded.max_score:g}"]
    lines += [f"Problem running the submission: {error}" for error in graded.errors]
    return "\n".join(lines)


def _test_file(question: QuestionResult) -> OttrTestFile:
    """One question as an Otter test file (as Otter builds them from outside results)."""
    case = TestCase(name=question.id, body="", hidden=question.visibility != "visible",
                    points=question.max_score, success_message=None, failure_message=None)
    test_file = OttrTestFile(name=test_name(question), path=question.id, test_cases=[case], all_or_nothing=False)
    test_file.test_case_results = [
        TestCaseResult(test_case=case, message=question.feedback, passed=question.status is Status.CORRECT)
    ]
    test_file.update_score(question.score)
    return test_file


def _failed(spec_path: Path, message: str) -> SubmissionResult:
    """Every question of the spec (read without its solution) as an error worth 0."""
    from grader.spec import load_spec

    try:
        spec = load_spec(spec_path)
        questions = tuple(
            QuestionResult(q.id, q.title, 0.0, float(q.points), Status.ERROR, message, "internal error", "visible")
            for q in spec.questions
        )
    except Exception:
        questions = (QuestionResult("grader", "Autograder error", 0.0, 0.0, Status.ERROR, message, "internal error"),)
    return SubmissionResult("submission", questions, (message,))


def _code_block(text: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"


def _code_span(text: str) -> str:
    ticks = "`"
    while ticks in text:
        ticks += "`"
    return f"{ticks} {text} {ticks}"


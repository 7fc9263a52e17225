"""`Checker`: the self-check from a notebook cell, in the convention Otter users know.

    from grader import Checker
    checker = Checker("week08.check.json")
    checker.check("1b")      # one question
    checker.check_all()      # every question

Answers are read from the notebook's own variables (the student's kernel is their own) and
passed through the sandbox's encoder and decoder, so they are read exactly as `grade` reads them.
"""
from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Mapping

from grader.selfcheck.model import CheckFile, load_check_file
from grader.selfcheck.render import Report
from grader.selfcheck.review import review


class Checker:
    def __init__(self, check_file: str | Path, namespace: Mapping[str, object] | None = None):
        self.check_file: CheckFile = load_check_file(Path(check_file))
        self._namespace = namespace

    def check(self, question_id: str) -> Report:
        """The row for one question, e.g. `check("1b")`."""
        namespace = self._namespace if self._namespace is not None else _caller_namespace()
        return self._report(namespace, [question_id])

    def check_all(self) -> Report:
        namespace = self._namespace if self._namespace is not None else _caller_namespace()
        return self._report(namespace, None)

    def _report(self, namespace: Mapping[str, object], only: list[str] | None) -> Report:
        answers = plain_answers(namespace, [q.answer for q in self.check_file.questions])
        return Report(self.check_file.assignment, tuple(review(self.check_file, answers, only)))


def plain_answers(namespace: Mapping[str, object], names: list[str]) -> dict[str, object]:
    """The named values as the sandbox would hand them back (same encoder, same JSON, same decoder)."""
    from grader.sandbox.decode import parse_snapshot
    from grader.sandbox.encode import Encoder

    encoder = Encoder()
    encoded = {name: encoder.encode(namespace[name]) for name in names if name in namespace}
    return parse_snapshot(json.dumps({"answers": encoded}).encode(), names).answers


def _caller_namespace() -> Mapping[str, object]:
    """The notebook's variables: IPython's user namespace, else the globals of the calling code."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None:
        return shell.user_ns
    frame = inspect.currentframe()
    try:
        caller = frame.f_back.f_back  # this function <- check or check_all <- the student's code
        return caller.f_globals
    finally:
        del frame

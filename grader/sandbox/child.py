"""Child side: run the student's units in one namespace and report answers as they appear.

Answers are snapshotted after every top-level statement (and cell), again when the run ends
by an exception, sys.exit, a soft time limit or os._exit, so the supervisor always holds the
last state even if the process is killed hard. Frames are b"S"+JSON (snapshot) or b"F"+JSON
(final); the supervisor keeps the last one.
"""
from __future__ import annotations

import __future__
import ast
import builtins
import io
import json
import os
import sys
import time
import traceback
import types

from grader.sandbox import shell
from grader.sandbox.alarm import Alarm, StepTimeout, TimeLimit
from grader.sandbox.encode import Encoder, type_name, unsupported
from grader.sandbox.protocol import write_frame
from grader.sandbox.salvage import Piece, salvage

PRINT_BUDGET_S = 0.5
MESSAGE_CHARS = 500


class Reporter:
    """Encodes the requested names from the namespace and sends changed snapshots."""

    def __init__(self, fd: int, names: list[str], namespace: dict, alarm: Alarm):
        self.fd, self.names, self.namespace, self.alarm = fd, names, namespace, alarm
        self.errors: list[str] = []
        self.position = ""
        self.student_s = 0.0
        self.encoder = Encoder(self._print_symbolic)
        self._texts: dict[int, tuple[object, str | None]] = {}  # None: printing it timed out before
        self._last = b""
        self._pid = os.getpid()

    def _print_symbolic(self, value: object) -> str:
        """str(value) within a time budget, once per object (sympy objects are immutable)."""
        cached = self._texts.get(id(value))
        if cached is not None and cached[0] is value:
            if cached[1] is None:
                raise StepTimeout()
            return cached[1]
        self._texts[id(value)] = (value, None)
        with self.alarm.step(PRINT_BUDGET_S):
            text = str(value)
        self._texts[id(value)] = (value, text)
        return text

    def _encode(self, name: str) -> object:
        try:
            return self.encoder.encode(self.namespace[name])
        except StepTimeout:
            return unsupported("sympy expression (took too long to print)")
        except RecursionError:
            return unsupported("value (nested too deeply)")
        except Exception:
            return unsupported("value (could not be converted)")

    def send(self, final: bool = False) -> None:
        """Send a snapshot if it changed; only from the run's own process, never from a fork of it
        (two writers would interleave frames longer than a pipe's atomic write)."""
        if os.getpid() != self._pid:
            return
        answers = {name: self._encode(name) for name in self.names if name in self.namespace}
        body = json.dumps({"answers": answers, "errors": self.errors, "student_s": self.student_s,
                           "position": self.position}, separators=(",", ":")).encode()
        if final or body != self._last:
            write_frame(self.fd, (b"F" if final else b"S") + body)
            self._last = body


class Runner:
    def __init__(self, units: list[dict], filename: str, reporter: Reporter, wall_s: float, notebook: bool):
        self.units, self.filename, self.reporter, self.wall_s = units, filename, reporter, wall_s
        self.notebook = notebook  # cells, not a .py file

    def run(self) -> None:
        for index, unit in enumerate(self.units):
            try:
                stop = self.run_unit(unit)
            except TimeLimit as exc:  # while reading the code (e.g. salvaging a huge broken file)
                self.reporter.errors.append(self._timeout(exc, unit["label"], None))
                stop = True
            if stop:
                rest = len(self.units) - index - 1
                if rest and self.notebook:
                    self.reporter.errors.append(f"{rest} later cell{'s' * (rest > 1)} did not run")
                break
        self.reporter.send(final=True)

    def run_unit(self, unit: dict) -> bool:
        """Run one unit statement by statement; True when the run must stop here.

        A unit with a syntax error runs the parts that parse (salvage.py): only the broken
        statements are lost, each reported with its line.
        """
        label, filename = unit["label"], f"<{unit['label'] or self.filename}>"
        for piece in _pieces(unit["source"], filename):
            if piece.error:
                self.reporter.errors.append(f"{_where(label, None)}{piece.error}")
            elif self._run_tree(ast.parse(piece.source, filename), label, filename):
                return True
        return False

    def _run_tree(self, tree: ast.Module, label: str, filename: str) -> bool:
        flags = _future_flags(tree)
        for statement in tree.body:
            code = compile(ast.Module([statement], type_ignores=[]), filename, "exec", flags=flags, dont_inherit=True)
            outcome = self._exec(code, label, filename)
            self.reporter.position = f"{_where(label, statement.end_lineno)}".rstrip(": ")
            if outcome is not None:
                return outcome
            try:
                self.reporter.send()
            except TimeLimit as exc:
                self.reporter.errors.append(self._timeout(exc, label, statement.end_lineno))
                return True
        return False

    def _exec(self, code, label: str, filename: str) -> bool | None:
        started = time.perf_counter()
        try:
            exec(code, self.reporter.namespace)
            return None
        except TimeLimit as exc:
            self.reporter.errors.append(self._timeout(exc, label, _line(exc, filename)))
            return True
        except SystemExit as exc:
            if exc.code not in (0, None):
                self.reporter.errors.append(f"{_where(label, _line(exc, filename))}SystemExit: {_text(exc.code)}")
            return True
        except BaseException as exc:
            self._report(exc, label, filename)
            return not self.notebook
        finally:
            self.reporter.student_s += time.perf_counter() - started

    def _timeout(self, exc: TimeLimit, label: str, line: int | None) -> str:
        where = f" at {_where(label, line).rstrip(': ')}" if line else ""
        limit = f"{self.wall_s:g} s" if exc.what == "time limit" else "its CPU time"
        return f"stopped after {limit} ({exc.what}){where}"

    def _report(self, exc: BaseException, label: str, filename: str) -> None:
        kind = type_name(type(exc))
        try:
            with self.reporter.alarm.step(PRINT_BUDGET_S):
                message = _text(exc)
                traceback.print_exception(type(exc), exc, exc.__traceback__.tb_next, limit=-5)
        except (StepTimeout, Exception):
            message = ""
        detail = f"{kind}: {message}" if message else kind
        self.reporter.errors.append(f"{_where(label, _line(exc, filename))}{detail}")


def _pieces(source: str, filename: str) -> list[Piece]:
    """The whole source as one piece when it parses, else the salvaged pieces."""
    try:
        ast.parse(source, filename)
        return [Piece(source)]
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return salvage(source)


def _future_flags(tree: ast.Module) -> int:
    flags = 0
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            for alias in node.names:
                feature = getattr(__future__, alias.name, None)
                flags |= getattr(feature, "compiler_flag", 0)
    return flags


def _line(exc: BaseException, filename: str) -> int | None:
    """The line of the student's code where the exception passed last."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _where(label: str, line: int | None) -> str:
    parts = [part for part in (label, f"line {line}" if line else "") if part]
    return ", ".join(parts) + ": " if parts else ""


def _text(value: object) -> str:
    text = str(value)
    text = text if type(text) is str else ""
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS] + "…"


def fresh_streams() -> None:
    """Python-level streams on the child's own descriptors: output line by line into the pipe."""
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), line_buffering=True,
                                                   errors="backslashreplace")
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), line_buffering=True,
                                                   errors="backslashreplace")


def install_exit_hook(reporter: Reporter) -> None:
    """os._exit skips every handler: report first, then exit (a last snapshot exists anyway)."""
    real_exit = os._exit

    def _exit(code: int) -> None:
        try:
            if code != 0:
                reporter.errors.append(f"os._exit({_text(code)}) called")
            reporter.send(final=True)
        finally:
            real_exit(code)

    os._exit = _exit


def main_module(filename: str, notebook: bool) -> types.ModuleType:
    """A real `__main__` in sys.modules, as `python file.py` or a kernel makes it, so pickling the
    student's own functions (multiprocessing) finds them; a notebook has no `__file__`."""
    module = types.ModuleType("__main__")
    module.__builtins__ = builtins
    if not notebook:
        module.__file__ = os.path.abspath(filename)
    sys.modules["__main__"] = module
    sys.argv = [filename]
    return module


def main(request: dict, result_fd: int) -> None:
    """Entry point once isolation is in place; never returns."""
    limits = request["limits"]
    run(request, result_fd, Alarm(limits["wall_s"], limits["cpu_s"]))


def run(request: dict, result_fd: int, alarm: Alarm) -> None:
    """Run the request's units, frames to `result_fd`, soft limits from `alarm`; never returns.

    OS-neutral: the Linux sandbox (main) and the portable runner (portable_child) both end here.
    """
    limits = request["limits"]
    notebook = any(unit["label"] for unit in request["units"])  # cells are labelled, a .py file is not
    namespace = main_module(request["filename"], notebook).__dict__
    reporter = Reporter(result_fd, request["names"], namespace, alarm)
    if notebook:
        shell.install(namespace, reporter.errors.append)
    real_exit = os._exit
    install_exit_hook(reporter)
    try:
        Runner(request["units"], request["filename"], reporter, limits["wall_s"], notebook).run()
    except BaseException:
        pass  # the last snapshot is already with the supervisor
    finally:
        alarm.stop()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        real_exit(0)

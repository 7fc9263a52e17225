"""Child side: what a notebook's cells find where a Jupyter kernel would be.

`get_ipython()` returns a stand-in shell that runs the magics whose code sets answers (`%time`,
`%%time`, `%timeit`, `%%timeit`, `%%capture`) the way IPython runs them, treats the display-only
ones (`%matplotlib`, `%config`, autoreload) as done, and skips every other magic, shell command
and help request with a note naming the cell and line. `display(...)` prints what a terminal
IPython prints. Cells reach the shell through ipython_syntax.py's rewriting.
"""
from __future__ import annotations

import ast
import contextlib
import io
import os
import sys
import time
from typing import Callable

from grader.sandbox.ipython_syntax import to_python

RUN_LINE = ("time", "timeit")
RUN_CELL = ("time", "timeit", "capture")
DISPLAY_ONLY = {"matplotlib": None, "config": None, "autoreload": None, "load_ext": "autoreload",
                "reload_ext": "autoreload"}  # nothing to do in a batch run: no plots shown, no reloads
_TIMEIT_VALUED = ("-n", "-r", "-p")
MAX_NOTES = 20
HELP = {"pinfo": "?", "pinfo2": "??"}  # what `x?` and `x??` become (ipython_syntax.py)


class Captured:
    """What `%%capture name` stores: the cell's output, as IPython's CapturedIO offers it."""

    def __init__(self, stdout: str, stderr: str):
        self.stdout, self.stderr, self.outputs = stdout, stderr, []

    def show(self) -> None:
        sys.stdout.write(self.stdout)
        sys.stderr.write(self.stderr)

    __call__ = show


class Shell:
    """The object `get_ipython()` returns in a graded notebook; `note` records what was skipped."""

    def __init__(self, namespace: dict, note: Callable[[str], None]):
        self.user_ns, self._note = namespace, note
        self._noted: set[str] = set()  # each skipped line once, even when a loop reaches it again

    def run_line_magic(self, name: str, line: str, _stack_depth: int = 1):
        caller = sys._getframe(_stack_depth)
        if name == "time":
            return self._time(line, caller, cell=False)
        if name == "timeit":
            return self._timeit(_timeit_statement(line), "", caller, cell=False)
        if name in HELP:
            self._skip(caller, f"{line}{HELP[name]}", "help requests do not run when grading")
        elif not self._display_only(name, line):
            self._skip(caller, f"%{name} {line}".strip(), _why_magic())
        return None

    def run_cell_magic(self, name: str, line: str, cell: str):
        caller = sys._getframe(1)
        if name == "time":
            return self._time(cell, caller, cell=True)
        if name == "timeit":
            return self._timeit(cell, _timeit_statement(line), caller, cell=True)
        if name == "capture":
            return self._capture(line, cell, caller)
        self._skip(caller, f"%%{name} {line}".strip(), _why_magic(cell=True))
        return None

    def system(self, command: str) -> None:
        self._skip(sys._getframe(1), f"!{command}", "shell commands do not run when grading")

    def getoutput(self, command: str) -> None:
        self._skip(sys._getframe(1), f"!{command}", "shell commands do not run when grading")

    def _display_only(self, name: str, line: str) -> bool:
        if name not in DISPLAY_ONLY:
            return False
        argument = DISPLAY_ONLY[name]
        return argument is None or line.strip() == argument

    def _skip(self, caller, text: str, why: str) -> None:
        shown = text if len(text) <= 80 else text[:80] + "…"
        message = f"{_where(caller)}skipped `{shown}` ({why})"
        if message in self._noted or len(self._noted) > MAX_NOTES:
            return
        self._noted.add(message)
        self._note(message if len(self._noted) <= MAX_NOTES else "more lines were skipped; they are not listed")

    def _parse(self, source: str, caller, cell: bool) -> list[ast.stmt]:
        """A cell magic's body (on the lines after the caller's; its own IPython syntax rewritten, as
        IPython does) or a line magic's code (on the caller's line), under the cell's name and line
        numbers, so errors point into the cell."""
        padded = "\n" * (caller.f_lineno - 1 + cell) + (to_python(source) if cell else source)
        return ast.parse(padded, caller.f_code.co_filename).body

    def _exec(self, statements: list[ast.stmt], caller, scope: dict | None = None) -> None:
        module = ast.fix_missing_locations(ast.Module(statements, []))
        exec(compile(module, caller.f_code.co_filename, "exec", dont_inherit=True), self.user_ns, scope)

    def _time(self, source: str, caller, cell: bool):
        """Run in the notebook's namespace; an expression's value is returned, as IPython does."""
        body = self._parse(source, caller, cell)
        last = body.pop() if body and isinstance(body[-1], ast.Expr) else None
        wall, cpu = time.perf_counter(), os.times()
        try:
            self._exec(body, caller)
            if last is not None:
                expression = ast.Expression(last.value)
                return eval(compile(expression, caller.f_code.co_filename, "eval", dont_inherit=True), self.user_ns)
            return None
        finally:
            now, wall = os.times(), time.perf_counter() - wall
            user, system = now.user - cpu.user, now.system - cpu.system
            print(f"CPU times: user {_seconds(user)}, sys: {_seconds(system)}, total: {_seconds(user + system)}\n"
                  f"Wall time: {_seconds(wall)}")

    def _timeit(self, statement: str, setup: str, caller, cell: bool) -> None:
        """Setup and statement run inside a function, as IPython's timeit does: names they assign stay
        local. The statement runs once (IPython repeats it until the timing is stable)."""
        function = ast.parse("def timeit_inner():\n    pass\n").body[0]
        function.body = [*self._parse(setup, caller, False), *self._parse(statement, caller, cell)] or function.body
        scope: dict = {}
        self._exec([function], caller, scope)
        started = time.perf_counter()
        scope["timeit_inner"]()
        print(f"{_seconds(time.perf_counter() - started)} per loop (1 run, 1 loop: timed once when grading)")

    def _capture(self, line: str, cell: str, caller) -> None:
        words = [word for word in line.split() if not word.startswith("--")]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.ExitStack() as stack:
            if "--no-stdout" not in line.split():
                stack.enter_context(contextlib.redirect_stdout(out))
            if "--no-stderr" not in line.split():
                stack.enter_context(contextlib.redirect_stderr(err))
            self._exec(self._parse(cell, caller, True), caller)
        if words:
            self.user_ns[words[0]] = Captured(out.getvalue(), err.getvalue())


def display(*objects, **options) -> None:
    """Jupyter's display(): here, what a terminal IPython shows, each object's repr on its own line."""
    for value in objects:
        print(repr(value))


def _timeit_statement(line: str) -> str:
    """The code of a `%timeit` line without its options (-n 10 -r 3 -q ...)."""
    words = line.split(" ")
    while words and words[0].startswith("-"):
        option = words.pop(0)
        if option in _TIMEIT_VALUED and words:
            words.pop(0)
    return " ".join(words)


def _why_magic(cell: bool = False) -> str:
    runs = "%time, %timeit, %%time, %%timeit and %%capture"
    return f"{'cell ' if cell else ''}magics other than {runs} do not run when grading"


def _where(frame) -> str:
    label = frame.f_code.co_filename.strip("<>")
    return f"{label}, line {frame.f_lineno}: "


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def install(namespace: dict, note: Callable[[str], None]) -> None:
    """Make `get_ipython` and `display` builtins of the run, as a Jupyter kernel does."""
    import builtins

    shell = Shell(namespace, note)
    builtins.get_ipython = lambda: shell
    builtins.display = display

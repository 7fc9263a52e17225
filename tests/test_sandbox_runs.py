"""Ordinary runs: errors that name what and where, notebooks, parallel callers, run_file."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from grader.sandbox import Limits, Sandbox, SandboxError, run_file
from grader.sandbox.source import SourceError, notebook_units
from grader.values import Unsupported

LIMITS = Limits(wall_s=5, cpu_s=5)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def notebook(tmp_path: Path, *cells: str) -> Path:
    doc = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
           "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": cell} for cell in cells]}
    return write(tmp_path, "nb.ipynb", json.dumps(doc))


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(jobs=2) as box:
        yield box


def test_an_exception_names_type_message_and_line_and_keeps_earlier_answers(sandbox, tmp_path):
    path = write(tmp_path, "s.py", "a = 1\n\ndef f():\n    return 1 / 0\n\nb = f()\nc = 3\n")
    result = sandbox.run(path, ["a", "b", "c"], LIMITS)
    assert result.answers == {"a": 1}
    assert result.errors == ("line 4: ZeroDivisionError: division by zero",)  # where it was raised
    assert "ZeroDivisionError" in result.output


def test_a_syntax_error_names_its_line_and_costs_only_the_broken_statement(sandbox, tmp_path):
    path = write(tmp_path, "s.py", "a = 1\nb = 25088 00\nc = 1 / 0\n")
    result = sandbox.run(path, ["a", "b", "c"], LIMITS)
    assert result.answers == {"a": 1}
    assert result.errors[0].startswith("SyntaxError at line 2: ")
    assert result.errors[1] == "line 3: ZeroDivisionError: division by zero"  # the file's own line numbers


def test_sys_exit_with_a_failure_code_is_reported(sandbox, tmp_path):
    path = write(tmp_path, "s.py", "import sys\na = 1\nsys.exit('giving up')\n")
    result = sandbox.run(path, ["a"], LIMITS)
    assert result.answers == {"a": 1}
    assert result.errors == ("line 3: SystemExit: giving up",)


def test_an_exception_with_a_hostile_message_is_still_reported(sandbox, tmp_path):
    path = write(tmp_path, "s.py", "a = 1\nclass E(Exception):\n    def __str__(self):\n        while True: pass\n"
                                   "raise E()\n")
    result = sandbox.run(path, ["a"], LIMITS)
    assert result.answers == {"a": 1}
    assert result.errors == ("line 5: E",)


def test_printed_output_is_captured(sandbox, tmp_path):
    path = write(tmp_path, "s.py", "print('hello')\nimport sys\nprint('oops', file=sys.stderr)\n")
    assert sandbox.run(path, [], LIMITS).output == "hello\noops\n"


def test_notebook_cells_share_one_namespace_and_a_failing_cell_does_not_stop_the_rest(sandbox, tmp_path):
    path = notebook(tmp_path, "a = 1", "b = a + undefined", "c = a + 1", "d = (")
    result = sandbox.run(path, ["a", "b", "c"], LIMITS)
    assert result.answers == {"a": 1, "c": 2}
    assert result.errors[0] == "cell 2, line 1: NameError: name 'undefined' is not defined"
    assert result.errors[1].startswith("cell 4: SyntaxError at line 1: ")


def test_a_notebook_that_is_not_json_is_a_message_for_the_student(sandbox, tmp_path):
    with pytest.raises(SourceError):
        notebook_units("{not json")
    result = sandbox.run(write(tmp_path, "nb.ipynb", "{not json"), ["a"], LIMITS)
    assert result.answers == {} and result.errors[0].startswith("could not read the submission: the notebook")


def test_parallel_callers_each_get_their_own_answers(sandbox, tmp_path):
    paths = [write(tmp_path, f"s{i}.py", f"import time\ntime.sleep(0.05)\nanswer = {i}\n") for i in range(12)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda p: sandbox.run(p, ["answer"], LIMITS), paths))
    assert [r.answers for r in results] == [{"answer": i} for i in range(12)]


def test_student_time_is_part_of_wall_time(sandbox, tmp_path):
    result = sandbox.run(write(tmp_path, "s.py", "import time\ntime.sleep(0.2)\n"), [], LIMITS)
    assert 0.2 <= result.student_s <= result.wall_s


def test_run_file_needs_no_sandbox_of_its_own(tmp_path):
    assert run_file(write(tmp_path, "s.py", "a = [1, 2]\n"), ["a"], LIMITS).answers == {"a": [1, 2]}


def test_a_closed_sandbox_refuses_to_run(tmp_path):
    box = Sandbox(jobs=1)
    with pytest.raises(RuntimeError):
        box.run(write(tmp_path, "s.py", "a = 1\n"), ["a"], LIMITS)


def test_a_fork_server_that_died_is_replaced_on_the_next_run(tmp_path):
    path = write(tmp_path, "s.py", "a = 1\n")
    with Sandbox(jobs=1) as sandbox:
        sandbox._server.kill()  # the server process (private: no public handle is needed otherwise)
        sandbox._server.wait()
        assert sandbox.run(path, ["a"], LIMITS).answers == {"a": 1}


def test_a_sympy_answer_that_never_finishes_printing_is_unsupported_without_stalling_the_run(sandbox, tmp_path):
    path = write(tmp_path, "s.py", "import sympy\nclass Slow(sympy.Symbol):\n    def __str__(self):\n"
                                   "        while True: pass\nanswer = Slow('x')\n" + "other = 1\n" * 20)
    result = sandbox.run(path, ["answer", "other"], Limits(wall_s=5, cpu_s=5))
    assert result.answers == {"answer": Unsupported("sympy expression (took too long to print)"), "other": 1}
    assert result.errors == ()  # printed once per object: 21 snapshots x 0.5 s would pass the time limit


def test_forked_worker_processes_do_not_disturb_the_answers(sandbox):
    result = sandbox.run(Path(__file__).parent / "hostile" / "forked_workers.py", ["conv_a_shape", "conv_b_shape"],
                         LIMITS)
    assert result.answers == {"conv_a_shape": [26, 28], "conv_b_shape": [31, 30]}
    assert result.errors == ()


def test_a_fork_of_the_run_cannot_report_answers(sandbox):
    result = sandbox.run(Path(__file__).parent / "hostile" / "stale_fork.py", ["conv_a_shape"],
                         Limits(wall_s=1, cpu_s=1))
    assert result.answers == {"conv_a_shape": [26, 28]}


def test_when_isolation_cannot_be_set_up_the_run_fails_closed_with_the_reason(tmp_path):
    with Sandbox(jobs=1) as sandbox:
        if sandbox.isolation == "plain":
            pytest.skip("no mounts are made without namespaces")
        broken_limits = Limits(wall_s=2, file_size_mb=-1)  # the private /tmp cannot get a negative size
        with pytest.raises(SandboxError, match="could not run the submission"):
            sandbox.run(write(tmp_path, "s.py", "a = 1\n"), ["a"], broken_limits)


GRADER_THAT_DIES = """
import sys, threading
from pathlib import Path
from grader.sandbox import Limits, Sandbox
with Sandbox(jobs=1) as box:
    print(box._server.pid, flush=True)  # the fork server, which exits only once its runs have ended
    box.run(Path(sys.argv[1]), ["a"], Limits(wall_s=600, cpu_s=600))
"""


def test_a_run_does_not_outlive_the_grader_that_started_it(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    path = write(tmp_path, "s.py", "import time\na = 1\ntime.sleep(3600)\n")
    grader = subprocess.Popen([sys.executable, "-c", GRADER_THAT_DIES, str(path)], stdout=subprocess.PIPE, text=True)
    server = int(grader.stdout.readline())
    time.sleep(1.5)  # the run is asleep under a 600 s limit
    grader.send_signal(signal.SIGKILL)
    grader.wait()
    stop = time.monotonic() + 20
    while time.monotonic() < stop and _alive(server):
        time.sleep(0.1)
    assert not _alive(server)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False

"""Parent side of the portable runner: a student's file in a child process of this interpreter,
with bounds but no isolation, for the self-check on Windows, macOS and Linux alike.

    with PortableRunner() as runner:        # the same interface as Sandbox
        result = runner.run(Path("my_week08.py"), ["answer"], Limits(wall_s=10))

What it keeps from the sandbox: the same child code (child.run) and answer protocol, the same
plain-data decoding (result.from_reply), a wall-clock limit (soft inside the code, then a hard
kill), the output cut to a kept tail, and every process of the run killed at the end
(process_tree.py). What it does not do: no memory or CPU limit, no network or file isolation,
no fresh uid; the code runs as the user who started it. That is fine for a student's own code on
the student's own machine and never enough for grading (`grader grade` refuses it unless told).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Sequence

import grader
from grader.sandbox.ending import GRACE_S, Tail, account, ended_early, is_final
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import FrameBuffer, pack
from grader.sandbox import markdown
from grader.sandbox.result import RunResult, from_reply, run_request

STARTUP_S = 120.0  # importing numpy and sympy on a cold laptop (antivirus scanning each file)
DRAIN_S = 2.0
ISOLATION = "portable"
_BOOT = ("import sys\npath = sys.argv[1]\nif path not in sys.path:\n    sys.path.insert(0, path)\n"
         "from grader.sandbox.portable_child import main\nmain()\n")


class PortableRunner:
    """Runs .py and .ipynb files like Sandbox.run, without the Linux sandbox (thread-safe)."""

    isolation = ISOLATION

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or os.cpu_count() or 1
        self._slots = threading.BoundedSemaphore(self.jobs)

    def __enter__(self) -> "PortableRunner":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def run(self, path: Path, names: Sequence[str], limits: Limits = Limits(), trusted: bool = False) -> RunResult:
        """Run one file; `trusted` (the reference solution) runs in its own folder, others in an empty one."""
        started = time.monotonic()
        path = Path(path).resolve()
        request = run_request(path, names, limits)
        if isinstance(request, RunResult):
            return request
        with self._slots, tempfile.TemporaryDirectory(prefix="grader-check-") as empty:
            header, frame = _run_child(request, limits, str(path.parent) if trusted else empty)
        return markdown.with_markdown_answers(from_reply(header, frame, request, time.monotonic() - started),
                                              path, names)


def _run_child(request: dict, limits: Limits, workdir: str) -> tuple[dict, bytes]:
    """Start the child, hand it the request, watch the clock, kill its tree; the header and last frame."""
    tail, frames, ready = Tail(limits.output_kb * 1024), FrameBuffer(), threading.Event()
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"}  # plt.show() must not block
    package_parent = str(Path(grader.__file__).resolve().parents[1])
    tree = _start([sys.executable, "-c", _BOOT, package_parent], workdir, env)
    readers = [_reader(tree.process.stdout, lambda chunk: (frames.feed(chunk), ready.set())),
               _reader(tree.process.stderr, tail.feed)]
    timed_out, began = False, time.monotonic()
    try:
        _send(tree.process, pack(_json(request)))
        if ready.wait(STARTUP_S):
            began = time.monotonic()
            tree.process.wait(timeout=limits.wall_s + GRACE_S)
        elif tree.process.poll() is None:
            raise subprocess.TimeoutExpired(request["filename"], STARTUP_S)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        tree.kill()  # leftovers too: a child process the student's code started and left running
        tree.process.wait()
        for reader in readers:
            reader.join(DRAIN_S)
        tree.close()
    problem = None
    if not is_final(frames.last):
        code = tree.process.returncode
        problem = ended_early(frames.last or b"", timed_out=timed_out, wall_s=limits.wall_s,
                              signal_name=_signal_name(code) if not timed_out else None,
                              exit_code=code if code and code > 0 else 0)
    header = account(frames, tail, problem)
    header.update(run_s=time.monotonic() - began, isolation=ISOLATION)
    return header, frames.last or b""


def _start(command: list[str], workdir: str, env: dict):
    from grader.sandbox.process_tree import ProcessTree

    return ProcessTree(command, cwd=workdir, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)


def _json(value: object) -> bytes:
    import json

    return json.dumps(value, separators=(",", ":")).encode()


def _send(process: subprocess.Popen, data: bytes) -> None:
    try:
        process.stdin.write(data)
        process.stdin.close()
    except OSError:  # the child is already gone; how it ended is reported from its exit code and output
        pass


def _reader(stream, sink: Callable[[bytes], object]) -> threading.Thread:
    """A thread copying `stream` into `sink` until end of file (pipes cannot be polled on Windows)."""
    def copy() -> None:
        with stream:
            while chunk := stream.read1(1 << 16):
                sink(chunk)

    thread = threading.Thread(target=copy, daemon=True)
    thread.start()
    return thread


def _signal_name(returncode: int | None) -> str | None:
    """POSIX reports a death by signal as a negative return code."""
    if returncode is None or returncode >= 0:
        return None
    import signal

    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"

"""Parent side: the Sandbox context manager, a thread-safe client of the warm fork server."""
from __future__ import annotations

import os
import json
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterable, Sequence

import grader
from grader.sandbox import allowlist, direct, markdown
from grader.sandbox.allowlist import SAFE_PATH
from grader.sandbox.isolation import MODES
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import FrameError, read_frame, read_json, write_json
from grader.sandbox.result import RunResult, from_reply, run_request
from grader.sandbox.watch import GRACE_S

REPLY_SLACK_S = 30.0
MAX_HEADER = 4 * 1024 * 1024


class SandboxError(RuntimeError):
    """The sandbox itself failed (not the student's code)."""


class Sandbox:
    """Runs submissions in bounded child processes forked from one warm server.

    `jobs` bounds how many runs proceed at once. An untrusted run sees only the allow-list
    (allowlist.py); `hide` names paths it must not see even where they lie inside it (a course
    folder on sys.path), as are always the grader's working directory, the folder of every file
    this sandbox has run (solutions, other submissions) and /autograder when it exists.
    `isolation` forces a mode of isolation.py ("root", "userns", "plain"); default: the best available.
    After entering, `.isolation` names the mode in use and `.visible` the folders a run sees.
    Entering starts the fork server without waiting for it (it imports numpy and sympy meanwhile, on
    another core); the first run, or the first look at those two, waits until it is ready.
    """

    def __init__(self, jobs: int | None = None, hide: Iterable[Path | str] = (), isolation: str | None = None):
        if isolation not in (None, *MODES):
            raise ValueError(f"isolation must be one of {', '.join(MODES)}, not {isolation!r}")
        self.jobs = jobs or len(os.sched_getaffinity(0))
        self._mode = isolation or ""
        self._slots = threading.BoundedSemaphore(self.jobs)
        self._lock = threading.Lock()
        self._hidden = {str(p) for p in [Path.cwd(), *map(Path, hide), Path("/autograder")]}
        self._covers: list[str] = []
        self._visible: tuple[str, ...] = ()
        self._server: subprocess.Popen | None = None
        self._control: socket.socket | None = None
        self._starting = False  # launched, its hello not read yet

    def __enter__(self) -> "Sandbox":
        with self._lock:
            self._launch()
        return self

    @property
    def isolation(self) -> str:
        with self._lock:
            self._await_server()
        return self._mode

    @property
    def visible(self) -> tuple[str, ...]:
        with self._lock:
            self._await_server()
        return self._visible

    def _launch(self) -> None:
        """Start the fork server; its hello is read by _await_server (the caller holds the lock)."""
        ours, theirs = socket.socketpair()
        env = {"PATH": SAFE_PATH, "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYTHONPATH": str(Path(grader.__file__).resolve().parent.parent)}
        command = [sys.executable, "-m", "grader.sandbox.forkserver", str(theirs.fileno())]
        if self._mode:
            command.append(self._mode)
        with theirs:
            self._server = subprocess.Popen(command, env=env, cwd="/", stdin=subprocess.DEVNULL,
                                            pass_fds=(theirs.fileno(),), start_new_session=True)  # no terminal
        self._control, self._starting = ours, True

    def _await_server(self) -> None:
        """Once the launched server says it is ready, learn its mode and roots (the caller holds the lock)."""
        if not self._starting:
            return
        self._starting = False
        line = self._control.makefile("rb").readline()
        if not line:  # it died before it was ready: start one more, and wait for it
            self._control.close()
            _stop(self._server)
            self._launch()
            self._starting = False
            line = self._control.makefile("rb").readline()
        if not line:
            self._control.close()
            self._control = None
            _stop(self._server)
            raise SandboxError("the sandbox fork server did not start")
        hello = json.loads(line)
        self._mode, self._visible = hello["mode"], tuple(hello["roots"])
        self._covers = allowlist.covers(self._hidden, self._visible)

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the fork server; a run still in progress is killed (its caller gets a SandboxError)."""
        with self._lock:
            control, self._control = self._control, None
            server, self._server = self._server, None
        if control is not None:
            control.close()
        if server is not None:
            _stop(server)

    def run(self, path: Path, names: Sequence[str], limits: Limits = Limits(), trusted: bool = False) -> RunResult:
        """Run one .py or .ipynb file and return its requested answers (thread-safe).

        Raises SandboxError only when the sandbox itself fails; anything the code does is a result.
        """
        started = time.monotonic()
        path = Path(path).resolve()
        request = run_request(path, names, limits)
        if isinstance(request, RunResult):
            return request
        with self._lock:
            self._await_server()
            if str(path.parent) not in self._hidden:
                self._hidden.add(str(path.parent))
                self._covers = allowlist.covers(self._hidden, self._visible)
            covers = self._covers
        request.update(trusted=trusted, cwd=str(path.parent), hidden=covers, submission=str(path))
        with self._slots:
            header, frame = self._exchange(request, limits)
        return markdown.with_markdown_answers(from_reply(header, frame, request, time.monotonic() - started),
                                              path, names)

    def _hand_over(self, conn: socket.socket, kind: bytes) -> None:
        """Pass one run's socket to the fork server, starting a new server if the old one died."""
        with self._lock:
            if self._control is None:
                raise SandboxError("the sandbox is not open (use `with Sandbox() as sb:`)")
            try:
                socket.send_fds(self._control, [kind], [conn.fileno()], socket.MSG_NOSIGNAL)
                return
            except OSError:
                self._control.close()
                self._server.kill()
                _stop(self._server)
                self._launch()
                self._await_server()
            try:
                socket.send_fds(self._control, [kind], [conn.fileno()], socket.MSG_NOSIGNAL)
            except OSError as exc:
                raise SandboxError(f"the sandbox fork server is gone: {exc}") from None

    def _exchange(self, request: dict, limits: Limits) -> tuple[dict, bytes]:
        """Hand the server a fresh socket, send the request on it, and read the supervisor's reply,
        or (a root run, direct.py) watch the run from this thread."""
        runs_directly = direct.applies(self._mode, request["trusted"])
        ours, theirs = socket.socketpair()
        with ours:
            with theirs:
                self._hand_over(theirs, b"d" if runs_directly else b"s")
            wait_s = int(limits.wall_s + GRACE_S + REPLY_SLACK_S)  # kernel timeout, socket stays blocking
            ours.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", wait_s, 0))
            try:
                write_json(ours.fileno(), request)
                if runs_directly:
                    return self._watch_directly(ours, limits)
                header = read_json(ours.fileno(), limit=MAX_HEADER)
                frame = read_frame(ours.fileno())
            except (OSError, FrameError, ValueError) as exc:
                raise SandboxError(f"the sandbox supervisor failed: {exc}") from None
        return _checked(header), frame

    def _watch_directly(self, ours: socket.socket, limits: Limits) -> tuple[dict, bytes]:
        """The fork server's reply to a direct run: its descriptors, then watch it here."""
        message, fds, _, _ = socket.recv_fds(ours, 1, 4)
        if message != direct.STARTED or len(fds) != 4:
            for fd in fds:
                os.close(fd)
            reason = read_json(ours.fileno(), limit=MAX_HEADER) if message == direct.REFUSED else {}
            raise SandboxError(f"the sandbox could not run the submission: "
                               f"{_checked(reason).get('failure', 'the fork server gave no run')}")
        try:
            header, frame = direct.watch_run(ours.fileno(), fds, limits)
        except direct.SetupFailed as exc:
            raise SandboxError(f"the sandbox could not run the submission: {exc}") from None
        header.update(isolation=self._mode)
        return header, frame


def _checked(header: object) -> dict:
    if type(header) is not dict:
        raise SandboxError("the sandbox supervisor sent a malformed reply")
    if "failure" in header:
        raise SandboxError(f"the sandbox could not run the submission: {header['failure']}")
    return header


def _stop(server: subprocess.Popen) -> None:
    """Wait for a fork server whose control socket is closed; kill it if it lingers."""
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def run_file(path: Path, names: Sequence[str], limits: Limits = Limits(), trusted: bool = False) -> RunResult:
    """One run with its own short-lived Sandbox."""
    with Sandbox(jobs=1) as sandbox:
        return sandbox.run(path, names, limits, trusted)

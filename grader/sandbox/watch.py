"""Supervisor side: watch a running child, stop it at its limits, and account for how it ended."""
from __future__ import annotations

import json
import os
import select
import signal
import time

from grader.sandbox import reaper, watchdog
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import FrameBuffer

GRACE_S = 1.0  # after the soft time limit, how long the child has to report before it is killed
DRAIN_S = 0.5


class Tail:
    """Keeps the last `limit` bytes of a stream and counts the rest."""

    def __init__(self, limit: int):
        self.limit, self.data, self.total = limit, bytearray(), 0

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        self.data += chunk
        if len(self.data) > 2 * self.limit:
            del self.data[:-self.limit]

    def text(self) -> str:
        kept = bytes(self.data[-self.limit:]) if self.limit else b""
        cut = self.total - len(kept)
        prefix = f"[... {cut} earlier bytes of output cut ...]\n" if cut else ""
        return prefix + kept.decode("utf-8", errors="replace")


def watch(pid: int, out_r: int, res_r: int, limits: Limits, mode: str,
          watch_memory: bool, run_uid: int | None = None) -> tuple[dict, bytes]:
    """Read output and frames until the child is gone; kill it at the hard deadline or when
    all its processes together use more memory than the limit. `run_uid`: the run's own uid,
    when it has one (root), so that plain mode can kill all its processes at once."""
    tail, frames = Tail(limits.output_kb * 1024), FrameBuffer()
    pidfd = os.pidfd_open(pid)
    readers = {out_r: tail.feed, res_r: frames.feed}
    hard_deadline = time.monotonic() + limits.wall_s + GRACE_S
    started = time.monotonic()
    killed, over_memory, status, usage = False, False, None, None
    while status is None:
        timeout = hard_deadline - time.monotonic()
        if not killed and (timeout <= 0 or over_memory):
            _kill(pid, mode)
            killed = True
        wait = None if killed else max(min(timeout, watchdog.TICK_S) if watch_memory else timeout, 0)
        ready, _, _ = select.select([*readers, pidfd], [], [], wait)
        if watch_memory and not killed and watchdog.run_proc_is_private():
            over_memory = watchdog.run_memory_mb() > limits.memory_mb
        for fd in ready:
            if fd == pidfd:
                _, status, usage = os.wait4(pid, 0)
            elif not _pump(fd, readers[fd]):
                del readers[fd]
    os.close(pidfd)
    if mode == "plain":
        reaper.kill_all(run_uid)
    _drain(readers)
    for fd in (out_r, res_r):
        os.close(fd)
    stopped_for = "memory" if over_memory else "time" if killed else None
    header = _header(frames, tail, status, stopped_for, usage.ru_utime + usage.ru_stime, limits)
    header["run_s"] = time.monotonic() - started
    return header, frames.last or b""


def _pump(fd: int, sink) -> bool:
    chunk = os.read(fd, 1 << 16)
    if chunk:
        sink(chunk)
    return bool(chunk)


def _drain(readers: dict) -> None:
    stop = time.monotonic() + DRAIN_S
    while readers and time.monotonic() < stop:
        ready, _, _ = select.select(list(readers), [], [], max(stop - time.monotonic(), 0))
        for fd in ready:
            if not _pump(fd, readers[fd]):
                del readers[fd]


def _kill(pid: int, mode: str) -> None:
    try:
        if mode == "plain":
            os.killpg(pid, signal.SIGKILL)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _header(frames: FrameBuffer, tail: Tail, status: int, stopped_for: str | None, cpu_s: float,
            limits: Limits) -> dict:
    """The supervisor's own account of the run, for when the child could not give one."""
    last = frames.last or b""
    errors = []
    final = last.startswith(b"F")
    if stopped_for == "memory":
        errors.append(f"stopped{_position(last)}: its processes together used more than {limits.memory_mb} MB "
                      "of memory (memory limit)")
    elif not final:
        where = _position(last)
        if stopped_for == "time":
            errors.append(f"stopped after {limits.wall_s:g} s (time limit){where}: it did not stop when asked")
        elif cpu_s >= limits.cpu_s:
            errors.append(f"stopped after {limits.cpu_s:g} s of CPU time (CPU time limit){where}")
        elif os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            errors.append(f"the process was killed by {name}{where}")
        elif os.waitstatus_to_exitcode(status) == 121:
            errors.append("the sandbox could not start the run (see output)")
        elif os.waitstatus_to_exitcode(status) != 0:
            errors.append(f"the process ended early with exit code {os.waitstatus_to_exitcode(status)}{where}")
    if frames.broken:
        errors.append("the submission wrote garbage into the answer channel")
    return {"errors": errors, "output": tail.text(), "final": final}


def _position(frame: bytes) -> str:
    try:
        position = json.loads(frame[1:]).get("position", "") if frame else ""
    except (ValueError, AttributeError):
        position = ""
    return f" after {position}" if type(position) is str and position else ""

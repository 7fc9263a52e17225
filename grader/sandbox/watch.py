"""Watch a running run, stop it at its limits, and account for how it ended.

Shared by the supervisor (its own child) and the grader's thread (a root run, direct.py): each says
how to stop the run, how to learn its exit status once it is gone, and how to read its memory.
"""
from __future__ import annotations

import os
import select
import signal
import time
from typing import Callable

from grader.sandbox import watchdog
from grader.sandbox.ending import GRACE_S, Tail, account, ended_early, is_final, position
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import FrameBuffer

DRAIN_S = 0.5


def watch(pidfd: int, out_r: int, res_r: int, limits: Limits, stop: Callable[[], None],
          reap: Callable[[], tuple[int, float]], memory_mb: Callable[[], float] | None) -> tuple[dict, bytes]:
    """Read output and frames until the run is gone (`pidfd` readable); `stop` it at the hard
    deadline or when `memory_mb` (all its processes together, read at most every tick) passes the
    limit; `reap` gives its wait status and CPU seconds. Closes both pipes."""
    tail, frames = Tail(limits.output_kb * 1024), FrameBuffer()
    readers = {out_r: tail.feed, res_r: frames.feed}
    started = time.monotonic()
    hard_deadline = started + limits.wall_s + GRACE_S
    next_reading = started + watchdog.TICK_S
    killed, over_memory, status, cpu_s = False, False, None, 0.0
    while status is None:
        now = time.monotonic()
        if not killed and (now >= hard_deadline or over_memory):
            stop()
            killed = True
        wait = None if killed else max(hard_deadline - now, 0)
        if memory_mb and not killed:
            wait = max(min(wait, next_reading - now), 0)
        ready, _, _ = select.select([*readers, pidfd], [], [], wait)
        if memory_mb and not killed and pidfd not in ready and time.monotonic() >= next_reading:
            over_memory = memory_mb() > limits.memory_mb
            next_reading = time.monotonic() + watchdog.TICK_S
        for fd in ready:
            if fd == pidfd:
                status, cpu_s = reap()
            elif not _pump(fd, readers[fd]):
                del readers[fd]
    _drain(readers)
    for fd in (out_r, res_r):
        os.close(fd)
    stopped_for = "memory" if over_memory else "time" if killed else None
    header = _header(frames, tail, status, stopped_for, cpu_s, limits)
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


def _header(frames: FrameBuffer, tail: Tail, status: int, stopped_for: str | None, cpu_s: float,
            limits: Limits) -> dict:
    """The runner's own account of the run, for when the child could not give one."""
    last = frames.last or b""
    problem = None
    if stopped_for == "memory":
        problem = (f"stopped{position(last)}: its processes together used more than {limits.memory_mb} MB "
                   "of memory (memory limit)")
    elif not is_final(last) and stopped_for != "time" and cpu_s >= limits.cpu_s:
        problem = f"stopped after {limits.cpu_s:g} s of CPU time (CPU time limit){position(last)}"
        if os.WIFSIGNALED(status):  # the kernel's hard limit: the child was warned at cpu_s and went on
            problem += ": it did not stop when asked"
    elif not is_final(last):
        signalled = os.WIFSIGNALED(status)
        problem = ended_early(last, timed_out=stopped_for == "time", wall_s=limits.wall_s,
                              signal_name=signal.Signals(os.WTERMSIG(status)).name if signalled else None,
                              exit_code=0 if signalled else os.waitstatus_to_exitcode(status))
    return account(frames, tail, problem)

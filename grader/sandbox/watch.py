"""Supervisor side: watch a running child, stop it at its limits, and account for how it ended."""
from __future__ import annotations

import os
import select
import signal
import time

from grader.sandbox import reaper, watchdog
from grader.sandbox.ending import GRACE_S, Tail, account, ended_early, is_final, position
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import FrameBuffer

DRAIN_S = 0.5


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
    problem = None
    if stopped_for == "memory":
        problem = (f"stopped{position(last)}: its processes together used more than {limits.memory_mb} MB "
                   "of memory (memory limit)")
    elif not is_final(last) and stopped_for != "time" and cpu_s >= limits.cpu_s:
        problem = f"stopped after {limits.cpu_s:g} s of CPU time (CPU time limit){position(last)}"
    elif not is_final(last):
        signalled = os.WIFSIGNALED(status)
        problem = ended_early(last, timed_out=stopped_for == "time", wall_s=limits.wall_s,
                              signal_name=signal.Signals(os.WTERMSIG(status)).name if signalled else None,
                              exit_code=0 if signalled else os.waitstatus_to_exitcode(status))
    return account(frames, tail, problem)

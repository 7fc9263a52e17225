"""Fallback for the "plain" mode (no PID namespace): find and kill every descendant.

As root the run has a uid of its own, so a helper with that uid sends kill(-1, SIGKILL): every
process of the run at once, however fast it forks. Otherwise (the grader's own uid) the
supervisor, a child subreaper that inherits orphans (double fork, setsid daemons), walks parent
links in /proc and kills what it finds, pass after pass; a process that forks faster than
those passes until the deadline, or escapes via a setuid helper, can outlive the run.
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def kill_uid(uid: int) -> None:
    """Kill every process of `uid` (root only; `uid` must be the run's own)."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setresuid(uid, uid, uid)
            os.kill(-1, signal.SIGKILL)  # all processes this uid may signal: exactly the run's
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def kill_all(uid: int | None = None, deadline_s: float = 5.0) -> None:
    """Kill every descendant of this process and reap them; returns when none is left (or at the deadline)."""
    if uid is not None:
        kill_uid(uid)
    me = os.getpid()
    stop = time.monotonic() + deadline_s
    while time.monotonic() < stop:
        for pid in descendants(me):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            return
        time.sleep(0.005)

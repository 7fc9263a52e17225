"""Fallback for the "plain" mode (no PID namespace): find and kill every descendant.

The supervisor is a child subreaper, so orphans (double fork, setsid daemons) are re-parented
to it instead of init and stay findable by walking parent links in /proc. Limits: a process
that forks between the scan and the kill is caught on the next pass only; a process that
outpaces the loop until the deadline, or that escapes via a setuid helper, is not.
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


def kill_all(deadline_s: float = 5.0) -> None:
    """Kill every descendant of this process and reap them; returns when none is left (or at the deadline)."""
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

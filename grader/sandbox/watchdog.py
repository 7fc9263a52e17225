"""Supervisor side: the run's total memory, summed over all of its processes.

RLIMIT_AS bounds each process, but a run may start many (up to the process limit), so the
supervisor also sums their proportional set size (shared copy-on-write pages split fairly)
and stops the run when the total passes the memory limit. This works only where the child
mounted its own /proc (namespaced modes): there every process listed belongs to the run.
"""
from __future__ import annotations

import os

TICK_S = 0.1


def run_proc_is_private() -> bool:
    """True when /proc shows the run's PID namespace (the supervisor itself is not in it)."""
    return not os.path.exists("/proc/self")


def run_memory_mb() -> float:
    """Total proportional memory of every process in the run; 0 when there is only one
    (a single process is bounded by its own address-space limit)."""
    pids = [name for name in os.listdir("/proc") if name.isdigit()]
    if len(pids) < 2:
        return 0.0
    return sum(pss_kb(pid) for pid in pids) / 1024


def pss_kb(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0

"""The runner's account of a run the kernel stopped at its hard CPU limit (real process, real rlimit)."""
import os
import resource
import signal

import pytest

from grader.sandbox.limits import Limits, rlimits
from grader.sandbox.protocol import HEADER
from grader.sandbox.watch import watch

pytestmark = pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs pidfd_open (Linux)")


def _spinning_child(res_w: int, limits: Limits) -> None:
    """Reports a position, ignores the soft warning (SIGXCPU) and spins until the kernel kills it."""
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    cpu = rlimits(limits)[resource.RLIMIT_CPU]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu - 1, cpu))
    frame = b'P{"position": "line 7"}'
    os.write(res_w, HEADER.pack(len(frame)) + frame)
    while True:
        pass


def test_a_run_killed_at_the_hard_cpu_limit_is_told_it_did_not_stop_and_where():
    limits = Limits(wall_s=60, cpu_s=1)
    out_r, out_w = os.pipe()
    res_r, res_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            _spinning_child(res_w, limits)
        finally:
            os._exit(1)
    os.close(out_w)
    os.close(res_w)
    pidfd = os.pidfd_open(pid)

    def reap():
        _, status, usage = os.wait4(pid, 0)
        return status, usage.ru_utime + usage.ru_stime

    try:
        header, last = watch(pidfd, out_r, res_r, limits, stop=lambda: os.kill(pid, signal.SIGKILL),
                             reap=reap, memory_mb=None)
    finally:
        os.close(pidfd)
    assert header["final"] is False
    assert header["errors"] == ["stopped after 1 s of CPU time (CPU time limit) after line 7: "
                                "it did not stop when asked"]
    assert header["run_s"] < 30  # the kernel stopped it, not the wall-clock deadline

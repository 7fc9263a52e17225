"""Which runner can run student code here: the Linux sandbox, or only the portable runner.

The self-check falls back to the portable runner and says so; grading never does on its own:
it refuses with the reason unless the caller explicitly accepts what is lost (`portable=True`).
"""
from __future__ import annotations

import os
import platform
import sys
from pathlib import Path
from typing import Iterable

LOST = ("submissions run as you, with your files and network, with no memory limit, and a process "
        "that starts a session of its own can outlive its run")


class SandboxUnavailable(RuntimeError):
    """The Linux sandbox cannot run on this system; the message says why."""


def sandbox_unavailable() -> str | None:
    """Why the Linux sandbox cannot run here, or None; found without importing any of it."""
    if not sys.platform.startswith("linux"):
        return f"it needs Linux, and this system is {platform.system() or sys.platform}"
    if not hasattr(os, "fork") or not hasattr(os, "pidfd_open"):
        return "this Python has no os.fork or os.pidfd_open"
    try:
        import resource  # noqa: F401
    except ImportError:
        return "this Python has no `resource` module"
    if not os.path.isdir("/proc/self"):
        return "/proc is not mounted"
    return None


def grading_runner(jobs: int | None = None, hide: Iterable[Path] = (), portable: bool = False):
    """A Sandbox for grading; the portable runner only when the sandbox is unavailable and the
    caller passed `portable=True`; otherwise SandboxUnavailable with the reason."""
    reason = sandbox_unavailable()
    if reason is None:
        import grader.sandbox

        return grader.sandbox.Sandbox(jobs=jobs, hide=hide)
    if not portable:
        raise SandboxUnavailable(f"grading needs the Linux sandbox, and it is unavailable here: {reason}")
    from grader.sandbox.portable import PortableRunner

    return PortableRunner(jobs=jobs)

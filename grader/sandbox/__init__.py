"""Bounded, isolated runs of student code that hand back plain answer values only.

    with Sandbox() as sb:
        result = sb.run(Path("submission.py"), ["answer"], Limits(wall_s=5))
"""
from grader.sandbox.limits import Limits
from grader.sandbox.result import RunResult
from grader.sandbox.sandbox import Sandbox, SandboxError, run_file

__all__ = ["Limits", "RunResult", "Sandbox", "SandboxError", "run_file"]

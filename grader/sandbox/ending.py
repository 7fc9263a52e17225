"""A runner's own account of how a run ended: the kept output tail and the errors the child
could not report itself (killed at the time limit, by a signal, an early exit code).

OS-neutral; shared by the Linux sandbox's supervisor (watch.py) and the portable runner.
"""
from __future__ import annotations

import json

from grader.sandbox.protocol import FrameBuffer

GRACE_S = 1.0  # after the soft time limit, how long the child has to report before it is killed
START_FAILED = 121  # the exit code of a child that could not set itself up; its reason is in the output


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


def ended_early(frame: bytes, *, timed_out: bool, wall_s: float, signal_name: str | None,
                exit_code: int) -> str | None:
    """Why a child that sent no final frame stopped, for the student; None when it just exited."""
    where = position(frame)
    if timed_out:
        return f"stopped after {wall_s:g} s (time limit){where}: it did not stop when asked"
    if signal_name:
        return f"the process was killed by {signal_name}{where}"
    if exit_code == START_FAILED:
        return "the run could not start (see output)"
    if exit_code:
        return f"the process ended early with exit code {exit_code}{where}"
    return None


def account(frames: FrameBuffer, tail: Tail, problem: str | None) -> dict:
    """The header a runner sends with the child's last frame (see result.from_reply)."""
    errors = [problem] if problem else []
    if frames.broken:
        errors.append("the submission wrote garbage into the answer channel")
    return {"errors": errors, "output": tail.text(), "final": is_final(frames.last)}


def is_final(frame: bytes | None) -> bool:
    return (frame or b"").startswith(b"F")


def position(frame: bytes | None) -> str:
    """' after line N' from the child's last frame, or ''."""
    try:
        where = json.loads(frame[1:]).get("position", "") if frame else ""
    except (ValueError, AttributeError):
        where = ""
    return f" after {where}" if type(where) is str and where else ""

"""What a run hands back to the grader, and how a runner's reply becomes it (parent side)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from grader.sandbox.decode import Snapshot, parse_snapshot
from grader.sandbox.limits import Limits
from grader.sandbox.source import SourceError, read_units


@dataclass(frozen=True)
class RunResult:
    """Decoded answers (plain values only), student-facing errors, the kept output tail, and timings."""

    answers: Mapping[str, object]
    errors: tuple[str, ...]
    output: str
    wall_s: float
    student_s: float
    isolation: str = field(default="", compare=False)  # how the run was isolated (see isolation.py)
    notes: Mapping[str, str] = field(default_factory=dict)  # answer name -> a note for its feedback


def run_request(path: Path, names: Sequence[str], limits: Limits) -> dict | RunResult:
    """What the child needs to run `path` and what reading it noted for the student; or the result of
    a run when it cannot be read at all."""
    started = time.monotonic()
    try:
        source = read_units(path)
    except (OSError, SourceError) as exc:
        return RunResult({}, (f"could not read the submission: {exc}",), "", time.monotonic() - started, 0.0)
    return {"units": [{"label": u.label, "source": u.source} for u in source.units], "filename": path.name,
            "names": list(names), "limits": limits.to_dict(), "notes": list(source.notes)}


def from_reply(header: dict, frame: bytes, request: dict, wall_s: float) -> RunResult:
    """A runner's header and the child's last frame (after what reading the file noted), decoded."""
    snapshot = parse_snapshot(frame[1:], request["names"]) if frame[:1] in (b"S", b"F") else Snapshot({})
    errors = [*request["notes"], *snapshot.errors, *(e for e in header.get("errors", ()) if type(e) is str)]
    output, run_s = header.get("output"), header.get("run_s")
    student_s = snapshot.student_s
    if header.get("final") is not True and type(run_s) is float:
        student_s = max(student_s, run_s)  # cut short: count the whole life of the child
    return RunResult(snapshot.answers, tuple(errors), output if type(output) is str else "", wall_s, student_s,
                     str(header.get("isolation", "")))

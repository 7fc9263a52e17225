"""Per-run resource limits and how they become rlimits inside the child (Linux sandbox only:
`resource` is imported there, so the portable runner can use `Limits` where it does not exist)."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Limits:
    """What one run may use. Times in seconds, sizes in the unit their name says."""

    wall_s: float = 10
    cpu_s: float = 10
    memory_mb: int = 1024
    output_kb: int = 64
    file_size_mb: int = 16
    processes: int = 64
    open_files: int = 64

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Limits":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def rlimits(limits: Limits) -> dict[int, int]:
    """The hard kernel limits for a run (soft limits for time are timers in the child)."""
    import resource

    mb = 1024 * 1024
    return {
        resource.RLIMIT_AS: limits.memory_mb * mb,
        resource.RLIMIT_CPU: math.ceil(limits.cpu_s) + 1,
        resource.RLIMIT_FSIZE: limits.file_size_mb * mb,
        resource.RLIMIT_NPROC: limits.processes,
        resource.RLIMIT_NOFILE: limits.open_files,
        resource.RLIMIT_CORE: 0,
    }


def apply_rlimits(limits: Limits) -> None:
    """Set every limit as both soft and hard, so the student cannot raise it again."""
    import resource

    for which, value in rlimits(limits).items():
        resource.setrlimit(which, (value, value))

"""Back the fork server's warm heap with transparent huge pages, so each fork of it costs less.

Every run is a fork of the warm image (numpy, sympy: about 50 MB of private anonymous memory), and
the kernel copies one page-table entry per 4 KiB page at the fork and frees them at the exit.
Collapsed into 2 MiB pages (MADV_COLLAPSE, Linux 6.1+) most of that memory is one entry per 2 MiB;
a page the run writes is still copied 4 KiB at a time (the kernel splits the huge entry on the
copy-on-write fault). Measured with benchmarks/batch.py's "sandbox alone" figure, alternating with
and without in the same session on this project's 2-core machine: about 11.5 -> 10 ms of machine
CPU per run. Best effort: on an older kernel, or with huge pages disabled, nothing changes.
"""
from __future__ import annotations

import ctypes

MADV_COLLAPSE = 25
HUGE = 2 << 20


def collapse_heap() -> int:
    """Collapse every 2 MiB-aligned span of this process's private anonymous mappings; bytes collapsed."""
    try:
        madvise = ctypes.CDLL(None, use_errno=True).madvise
    except (OSError, AttributeError):
        return 0
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    collapsed = 0
    for low, high in _anonymous_writable():
        start, end = (low + HUGE - 1) & ~(HUGE - 1), high & ~(HUGE - 1)
        if end > start and madvise(start, end - start, MADV_COLLAPSE) == 0:
            collapsed += end - start
    return collapsed


def _anonymous_writable() -> list[tuple[int, int]]:
    """(start, end) of each private, writable mapping backed by no file (the heap, the arenas)."""
    spans = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split()
                path = fields[5] if len(fields) > 5 else ""
                if fields[1].startswith("rw") and fields[1][3] == "p" and path in ("", "[heap]"):
                    low, high = (int(part, 16) for part in fields[0].split("-"))
                    spans.append((low, high))
    except OSError:
        pass
    return spans

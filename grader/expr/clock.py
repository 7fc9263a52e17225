"""The engine's clock for its time bounds: CPU seconds of the calling thread.

A bound in wall-clock time makes a verdict's wording depend on the machine's load ("proved" in
one run, "checked at 12 points" in another); the CPU a check itself spends does not. Waiting (for
a lock, for the proof worker) costs no CPU, so a wait has its own bound where it happens.
"""
from __future__ import annotations

import time


def now() -> float:
    return time.thread_time()

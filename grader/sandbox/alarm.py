"""Child side: soft limits that raise inside the student's code, and bounded steps of our own.

One SIGALRM timer serves both the run's wall-clock deadline and short budgets for our own
work (printing a sympy answer); SIGPROF enforces the CPU budget.
"""
from __future__ import annotations

import signal
import time
from contextlib import contextmanager


class TimeLimit(BaseException):
    """The run used up its wall or CPU time; BaseException so `except Exception` does not swallow it."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class StepTimeout(Exception):
    """One of the sandbox's own bounded steps (e.g. printing an answer) took too long."""


class Alarm:
    """Raises TimeLimit or StepTimeout in the main thread when due. How it is woken (here SIGALRM
    and SIGPROF timers) is in _start, _arm, _disarm and stop, which thread_alarm.py replaces."""

    def __init__(self, wall_s: float, cpu_s: float):
        self.deadline = time.monotonic() + wall_s
        self.step_deadline: float | None = None
        self.expired = False
        self._start(cpu_s)
        self._arm()

    def _start(self, cpu_s: float) -> None:
        signal.signal(signal.SIGALRM, self._on_alarm)
        signal.signal(signal.SIGPROF, self._on_cpu)
        signal.setitimer(signal.ITIMER_PROF, max(cpu_s, 0.001))

    def _target(self) -> float:
        """When _on_alarm must next run."""
        target = self.deadline if self.step_deadline is None else self.step_deadline
        return min(target, self.deadline) if not self.expired else target

    def _arm(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, max(self._target() - time.monotonic(), 0.001))

    def _disarm(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)

    def _on_alarm(self, signum, frame) -> None:
        now = time.monotonic()
        if self.step_deadline is not None and now >= self.step_deadline:
            self.step_deadline = None
            raise StepTimeout()
        if not self.expired and now >= self.deadline:
            self.expired = True
            raise TimeLimit("time limit")
        self._arm()

    def _on_cpu(self, signum, frame) -> None:
        if not self.expired:
            self.expired = True
            raise TimeLimit("CPU time limit")

    @contextmanager
    def step(self, seconds: float):
        """Bound one of our own steps; after the deadline has passed, only steps are timed."""
        self.step_deadline = time.monotonic() + seconds
        self._arm()
        try:
            yield
        finally:
            self.step_deadline = None
            if self.expired:
                self._disarm()
            else:
                self._arm()

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.setitimer(signal.ITIMER_PROF, 0)

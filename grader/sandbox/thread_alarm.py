"""Child side, portable runner: the Alarm's soft limits without SIGALRM or interval timers.

Windows has neither, so a timer thread wakes at each deadline and interrupts the main thread,
whose SIGINT handler is the Alarm's own `_on_alarm`: the same TimeLimit and StepTimeout are
raised in the same places as in the Linux sandbox. There is no CPU-time limit. Where there is
`signal.pthread_kill` (macOS, Linux) a real SIGINT also wakes a blocking call such as
`time.sleep(1000)`; on Windows (`_thread.interrupt_main`) such a call notices only when it
returns, and the parent's hard kill at the deadline covers it.
"""
from __future__ import annotations

import _thread
import signal
import threading
import time

from grader.sandbox.alarm import Alarm


class ThreadAlarm(Alarm):
    def __init__(self, wall_s: float):
        self._changed = threading.Condition()  # an RLock: the handler may run while _arm holds it
        self._armed = False
        self._stopped = False
        super().__init__(wall_s, cpu_s=0)

    def _start(self, cpu_s: float) -> None:
        signal.signal(signal.SIGINT, self._on_alarm)
        self._main = threading.main_thread().ident
        threading.Thread(target=self._wake_main, name="grader-alarm", daemon=True).start()

    def _arm(self) -> None:
        self._tell(armed=True)

    def _disarm(self) -> None:
        self._tell(armed=False)

    def stop(self) -> None:
        self._tell(armed=False, stopped=True)

    def _tell(self, armed: bool, stopped: bool = False) -> None:
        with self._changed:
            self._armed, self._stopped = armed, stopped or self._stopped
            self._changed.notify()

    def _wake_main(self) -> None:
        with self._changed:
            while not self._stopped:
                wait = self._target() - time.monotonic() if self._armed else None
                if wait is None or wait > 0:
                    self._changed.wait(wait)
                    continue
                self._armed = False  # _on_alarm re-arms when it is not yet due
                if hasattr(signal, "pthread_kill"):
                    signal.pthread_kill(self._main, signal.SIGINT)
                else:
                    _thread.interrupt_main(signal.SIGINT)

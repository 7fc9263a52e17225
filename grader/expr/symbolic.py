"""Bounded symbolic proof: a small pool of worker processes running `symbolic_worker`.

sympy can run for minutes on an innocent-looking difference, and only a process can be stopped
safely from any thread, so each attempt is sent to a worker. Its bound is in the worker's own CPU
seconds, which the worker keeps itself (it replies "timeout" and lives on), so that whether a proof
is found does not depend on the machine's load or on the worker still importing sympy. The worker
is killed only when it outlives a generous wall-clock guard (stuck in a step that cannot be
interrupted). Requests and replies are JSON lines.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from grader.expr.context import ExprContext
from grader.expr.nodes import Node
from grader.expr.wire import context_to_data, node_to_data

MAX_WORKERS = max(1, min(4, os.cpu_count() or 1))


def wall_guard(cpu_s: float) -> float:
    """How long to wait for a reply to a request bounded by `cpu_s` CPU seconds: room for a loaded
    machine and for a fresh worker importing sympy."""
    return 4 * cpu_s + 20.0


@dataclass(frozen=True)
class Proof:
    status: str  # equal | not_equal | unknown | timeout
    step: str = ""
    difference: str = ""


class _Worker:
    def __init__(self):
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader.expr.symbolic_worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        )

    def ask(self, request: dict, timeout: float) -> dict | None:
        """The reply, or None after killing the worker when it takes longer than `timeout`."""
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            ready, _, _ = select.select([self.process.stdout], [], [], max(timeout, 0.0))
            line = self.process.stdout.readline() if ready else ""
        except (OSError, ValueError):
            line = ""
        if not line:
            self.stop()
            return None
        return json.loads(line)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


class _Pool:
    def __init__(self):
        self.idle: list[_Worker] = []
        self.count = 0
        self.lock = threading.Condition()
        atexit.register(self.close)

    def acquire(self, timeout: float) -> _Worker | None:
        deadline = time.monotonic() + timeout
        with self.lock:
            while not self.idle and self.count >= MAX_WORKERS:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self.lock.wait(remaining):
                    return None
            if self.idle:
                return self.idle.pop()
            self.count += 1
        return _Worker()

    def release(self, worker: _Worker, alive: bool) -> None:
        with self.lock:
            if alive:
                self.idle.append(worker)
            else:
                self.count -= 1
            self.lock.notify()
        if not alive:
            self.warm()  # a fresh worker imports sympy while nobody waits for it

    def warm(self) -> None:
        with self.lock:
            if self.idle or self.count >= MAX_WORKERS:
                return
            self.count += 1
            self.idle.append(_Worker())

    def close(self) -> None:
        with self.lock:
            workers, self.idle = self.idle, []
        for worker in workers:
            worker.stop()


_pool = _Pool()


def warm_up() -> None:
    """Start a worker now, so that the first proof does not pay for importing sympy."""
    _pool.warm()


def prove(answer: Node, reference: Node, ctx: ExprContext, cpu_s: float) -> Proof:
    """Try to prove two trees equal (or unequal) within `cpu_s` CPU seconds of the worker."""
    start, guard = time.monotonic(), wall_guard(cpu_s)
    worker = _pool.acquire(guard)
    if worker is None:
        return Proof("timeout")
    request = {"context": context_to_data(ctx), "answer": node_to_data(answer), "reference": node_to_data(reference),
               "cpu_s": cpu_s}
    reply = worker.ask(request, guard - (time.monotonic() - start))
    _pool.release(worker, reply is not None)
    if reply is None:
        return Proof("timeout")
    return Proof(reply["status"], reply.get("step", ""), reply.get("difference", ""))

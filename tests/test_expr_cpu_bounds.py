"""Time bounds are CPU seconds, so a verdict's wording does not depend on the machine's load."""
from __future__ import annotations

import threading

from test_expr_support import REF_1B, scalars, week08
from grader.expr import equivalent, parse
from grader.expr.symbolic import _pool, prove


def test_a_proof_out_of_its_cpu_bound_times_out_and_its_worker_lives_on():
    """The worker keeps the bound itself and replies; it is not killed (a new one would import sympy)."""
    ctx = scalars(x="real")
    assert prove(parse("x", ctx).node, parse("x", ctx).node, ctx, 60).status == "equal"
    workers = {id(worker) for worker in _pool.idle}
    slow = prove(parse("(x + 1)**3000*(x - 1)**3000", ctx).node, parse("(x**2 - 1)**3000", ctx).node, ctx, 0.3)
    assert slow.status == "timeout"
    assert {id(worker) for worker in _pool.idle} == workers
    assert all(worker.process.poll() is None for worker in _pool.idle)


def _busy(stop: threading.Event) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def test_the_same_comparison_says_the_same_while_other_threads_compete_for_the_processor():
    answer = "o*(1 - tanh(c)*tanh(c))*(Di*u + i*Du + c_prev*Df) + tanh(c)*Do"
    alone = equivalent(answer, REF_1B, week08(), seed=3, time_limit_s=0.5)
    stop = threading.Event()
    rivals = [threading.Thread(target=_busy, args=(stop,)) for _ in range(4)]
    for rival in rivals:
        rival.start()
    try:
        crowded = equivalent(answer, REF_1B, week08(), seed=3, time_limit_s=0.5)
    finally:
        stop.set()
        for rival in rivals:
            rival.join()
    assert (crowded.status, crowded.method) == (alone.status, alone.method)

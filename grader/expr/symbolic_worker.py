"""The symbolic prover, run in its own process: one JSON request per line in, one JSON reply out.

Each request holds two scalar trees and a bound in CPU seconds; the reply says whether a sympy
transformation reduced their difference to zero (equal), to a nonzero constant (not equal), or
neither, or that the bound ran out (timeout). The bound is this process's own CPU time, kept by a
profiling timer, so a loaded machine does not change the reply. The parent kills this process only
when it outlives a generous wall-clock guard.
"""
from __future__ import annotations

import json
import resource
import signal
import sys

import sympy

from grader.expr.sympy_build import sigma, sigma_prime, to_sympy
from grader.expr.wire import context_from_data, node_from_data

MEMORY_BYTES = 2 * 1024**3


def _exp_form(expression):
    expression = expression.replace(sigma, lambda x: 1 / (1 + sympy.exp(-x)))
    return expression.replace(sigma_prime, lambda x: sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2)


STEPS = (
    ("canonical form", lambda d: d),
    ("expanding", sympy.expand),
    ("cancelling", lambda d: sympy.cancel(sympy.together(d))),
    ("gamma functions", sympy.gammasimp),
    ("simplify", sympy.simplify),
    ("trigsimp", lambda d: sympy.trigsimp(sympy.expand_trig(d))),
    ("rewriting in exp", lambda d: sympy.simplify(d.rewrite(sympy.exp))),
    ("real and imaginary parts", lambda d: sympy.simplify(sympy.expand_complex(d))),
    ("rewriting in log", lambda d: sympy.simplify(d.rewrite(sympy.log))),
)


MATRIX_STEPS = (
    ("canonical form", lambda d: d),
    ("evaluating the matrix expression", lambda d: d.doit()),
    ("expanding matrix products", lambda d: d.doit().expand()),
)


def prove(answer, reference) -> dict:
    """Try each transformation in turn; one that fails inside sympy is skipped, not fatal."""
    if getattr(answer, "is_Matrix", False):
        return prove_matrix(answer - reference)
    difference = _exp_form(_evaluated(answer - reference))
    for name, step in STEPS:
        try:
            reduced = step(difference)
            verdict = _judge(reduced)
        except Exception:  # noqa: BLE001 - sympy raises many kinds; a failed step proves nothing
            continue
        if verdict is not None:
            return {**verdict, "step": name}
    return {"status": "unknown"}


def _evaluated(expression):
    """Sums, products and derivatives a student wrote, carried out where sympy can (only then: doit
    walks the whole expression, time the proof of an ordinary answer should not spend)."""
    if not expression.has(sympy.Sum, sympy.Product, sympy.Derivative):
        return expression
    try:
        return expression.doit()
    except Exception:  # noqa: BLE001 - an unevaluated form can still be proved or sampled
        return expression


def _judge(reduced) -> dict | None:
    if reduced == 0:
        return {"status": "equal"}
    if not reduced.free_symbols and reduced.is_number:
        value = reduced.evalf(50)
        if value.is_number and value != 0 and abs(value) > sympy.Float(10) ** -40 and reduced.is_zero is False:
            return {"status": "not_equal", "difference": sympy.sstr(reduced)[:200]}
    return None


def prove_matrix(difference) -> dict:
    """Matrix expressions: only sympy's own canonical forms, which rarely meet unless the trees agree."""
    for name, step in MATRIX_STEPS:
        try:
            reduced = step(difference)
        except Exception:  # noqa: BLE001 - as for scalars, a failed step proves nothing
            continue
        if reduced == 0 or isinstance(reduced, sympy.ZeroMatrix):
            return {"status": "equal", "step": name}
    return {"status": "unknown"}


class OutOfCpu(BaseException):
    """The request's CPU bound ran out (a BaseException: sympy's steps catch Exception)."""


def _out_of_cpu(signum, frame):
    raise OutOfCpu


def serve(stdin=sys.stdin, stdout=sys.stdout) -> None:
    signal.signal(signal.SIGPROF, _out_of_cpu)
    for line in stdin:
        try:
            request = json.loads(line)
            signal.setitimer(signal.ITIMER_PROF, max(float(request.get("cpu_s", 60.0)), 0.001))
            ctx = context_from_data(request["context"])
            reply = prove(*(to_sympy(node_from_data(request[side]), ctx) for side in ("answer", "reference")))
        except OutOfCpu:
            reply = {"status": "timeout"}
        except Exception as exc:  # a sympy failure is "no proof", never a verdict
            reply = {"status": "unknown", "error": type(exc).__name__}
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()


if __name__ == "__main__":
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    except (ValueError, OSError):
        pass
    serve()

"""The warm fork server: a fresh interpreter that has imported numpy and sympy and nothing else.

It never sees reference data or results: the parent sends it only the file descriptor of a new
socket per run (SCM_RIGHTS over the control socket on fd 3); the server forks a supervisor that
talks to the parent over that socket directly. Run as `python -m grader.sandbox.forkserver FD [MODE]`
(MODE forces an isolation mode, e.g. "plain"; by default the best available one is probed).
"""
from __future__ import annotations

import gc
import json
import os
import signal
import socket
import sys

from grader.sandbox import allowlist
from grader.sandbox.allowlist import Layout
from grader.sandbox.protocol import write_frame, write_json


def serve(control: socket.socket, mode: str, layout: Layout) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # supervisors are reaped automatically
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 16, 1)
        except InterruptedError:
            continue
        if not message:
            return  # the parent closed the control socket: shut down
        for fd in fds:
            _fork_supervisor(control, fd, mode, layout)


def _fork_supervisor(control: socket.socket, conn: int, mode: str, layout: Layout) -> None:
    pid = os.fork()
    if pid:
        os.close(conn)
        return
    code = 0
    try:
        control.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        from grader.sandbox.supervisor import supervise
        supervise(conn, mode, layout)
    except BaseException as exc:  # e.g. a hidden path that cannot be covered: fail closed, say why
        code = 1
        try:
            write_json(conn, {"failure": f"{type(exc).__name__}: {exc}"[:1000]})
            write_frame(conn, b"")
        except OSError:
            pass
    os._exit(code)


def warm_up() -> None:
    """Fill the lazy imports and caches every run would otherwise pay for (no course data involved)."""
    import json

    import numpy
    import sympy

    from grader.sandbox.encode import Encoder

    z = sympy.Symbol("z")
    values = [sympy.exp(-z) / (1 + sympy.exp(-z)) ** 2, sympy.Matrix([[z, 1]]), sympy.sqrt(2) * sympy.tanh(z),
              numpy.array([[1.5, 2]]), numpy.int64(3), (1, [2.0, "x"]), {"k": True}]
    json.dumps([Encoder().encode(value) for value in values])
    compile("x = 1", "<warm-up>", "exec")


def main() -> None:
    os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    import numpy  # noqa: F401  (warm imports shared by every run)
    import sympy  # noqa: F401
    from grader.sandbox import child, isolation, rootfs, supervisor  # noqa: F401
    warm_up()
    layout = allowlist.layout([*allowlist.interpreter_paths(), *allowlist.system_paths()])
    gc.freeze()  # keep the collector off the shared pages, so forked runs copy less
    control = socket.socket(fileno=int(sys.argv[1]))
    mode = sys.argv[2] if len(sys.argv) > 2 else isolation.probe(lambda: rootfs.trial(layout))
    control.sendall(json.dumps({"mode": mode, "roots": layout.roots}).encode() + b"\n")
    serve(control, mode, layout)


if __name__ == "__main__":
    sys.exit(main())

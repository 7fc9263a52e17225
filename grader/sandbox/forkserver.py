"""The warm fork server: a fresh interpreter that has imported numpy and sympy and nothing else.

It never sees reference data or results: the parent sends it only the file descriptor of a new
socket per run (SCM_RIGHTS over the control socket on fd 3); the server forks a supervisor that
talks to the parent over that socket directly, or, for a root run, reads the run's request itself
and forks the run straight into its own PID namespace (direct.py). It reaps everything it forks.
Run as `python -m grader.sandbox.forkserver FD [MODE]` (MODE forces an isolation mode, e.g.
"plain"; by default the best available one is probed).
"""
from __future__ import annotations

import gc
import json
import os
import select
import socket
import struct
import sys

from grader.sandbox import allowlist, direct, hugepages
from grader.sandbox.allowlist import Layout
from grader.sandbox.protocol import FrameError, read_json, write_frame, write_json

REQUEST_S = 10  # the parent writes a direct run's request right after handing over its socket


def serve(control: socket.socket, mode: str, layout: Layout) -> None:
    """Start a run for each socket the parent sends (b"s": on a supervisor, b"d": directly) and reap
    every process it forks. A direct run's watcher is the parent's thread: when its socket closes
    (the parent gave up on the run, or is gone) the run is killed. When the parent closes the control
    socket (it is done, or gone) every run still going is killed, and the server exits once
    everything it forked has ended."""
    own_pid_ns = os.open("/proc/self/ns/pid", os.O_RDONLY)
    live: dict[int, tuple[int, socket.socket | None]] = {}  # pidfd -> (pid, where its end is reported)
    watchers: dict[socket.socket, int] = {}  # a direct run's socket -> its pidfd, while the run lives
    accepting = True
    while accepting or live:
        waiting = [*live, *watchers, *([control] if accepting else [])]
        for ready in select.select(waiting, [], [])[0]:
            if ready is control:
                message, fds, _, _ = socket.recv_fds(control, 16, 1)
                if not message:
                    accepting = False  # the parent closed the control socket: shut down
                    for pidfd in live:  # a supervisor's child dies with it (PR_SET_PDEATHSIG)
                        direct.kill(pidfd)
                for fd in fds:
                    pidfd, pid, report = _start(control, fd, message[:1], mode, layout, own_pid_ns)
                    if pidfd is not None:
                        live[pidfd] = (pid, report)
                        if report is not None:
                            watchers[report] = pidfd
            elif isinstance(ready, socket.socket):  # the parent writes nothing after the request: gone
                if ready in watchers:  # (not reaped earlier in this round)
                    direct.kill(watchers.pop(ready))
            else:
                pid, report = live.pop(ready)
                watchers.pop(report, None)
                _reap(ready, pid, report)


def _start(control: socket.socket, fd: int, kind: bytes, mode: str, layout: Layout,
           own_pid_ns: int) -> tuple[int | None, int, socket.socket | None]:
    """One run on the socket `fd`: (pidfd, pid, the socket to report its end on, for a direct run)."""
    conn = socket.socket(fileno=fd)
    if kind != b"d":
        pid = _fork_supervisor(control, conn.fileno(), mode, layout)
        conn.close()
        return os.pidfd_open(pid), pid, None
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", REQUEST_S, 0))
        request = read_json(conn.fileno())
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", 0, 0))
        pid, pidfd = direct.start(conn, request, layout, own_pid_ns)
    except (OSError, ValueError, FrameError) as exc:
        try:
            conn.sendall(direct.REFUSED)
        except OSError:
            pass
        _fail(conn.fileno(), exc)
        conn.close()
        return None, 0, None
    return pidfd, pid, conn


def _reap(pidfd: int, pid: int, report: socket.socket | None) -> None:
    """Wait for an ended process; a direct run's status and CPU time go to the grader watching it."""
    _, status, usage = os.wait4(pid, 0)
    os.close(pidfd)
    if report is not None:
        try:
            write_json(report.fileno(), {"status": status, "cpu_s": usage.ru_utime + usage.ru_stime})
        except OSError:
            pass
        report.close()


def _fork_supervisor(control: socket.socket, conn: int, mode: str, layout: Layout) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        control.close()
        from grader.sandbox.supervisor import supervise
        supervise(conn, mode, layout)
    except BaseException as exc:  # e.g. a hidden path that cannot be covered: fail closed, say why
        code = 1
        _fail(conn, exc)
    os._exit(code)


def _fail(conn: int, exc: BaseException) -> None:
    """Tell the grader why a run could not start."""
    try:
        write_json(conn, {"failure": f"{type(exc).__name__}: {exc}"[:1000]})
        write_frame(conn, b"")
    except OSError:
        pass


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
    from grader.sandbox import child, isolation, launch, rootfs, supervisor  # noqa: F401
    warm_up()
    layout = allowlist.layout([*allowlist.interpreter_paths(), *allowlist.system_paths()])
    gc.freeze()  # keep the collector off the shared pages, so forked runs copy less
    control = socket.socket(fileno=int(sys.argv[1]))
    mode = sys.argv[2] if len(sys.argv) > 2 else isolation.probe(lambda: rootfs.trial(layout))
    hugepages.collapse_heap()  # after the probe's allocations: the heap every run forks stays put
    try:
        control.sendall(json.dumps({"mode": mode, "roots": layout.roots}).encode() + b"\n")
    except OSError:
        return  # the parent closed the sandbox before it was ever used
    serve(control, mode, layout)


if __name__ == "__main__":
    sys.exit(main())

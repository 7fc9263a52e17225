"""A root run with no supervisor: the fork server forks it straight into a PID namespace of its own.

Forking the warm image (numpy, sympy) costs the kernel a copy of its page tables and, at exit, their
teardown: the supervisor's fork was half of a run's machine CPU. As root the fork server can give a
child a new PID namespace directly (unshare(CLONE_NEWPID) before the fork, setns back after), so the
run is PID 1 of its namespace from the start, isolates itself (the other namespaces, its root) in
trusted code before any student code, and nothing else is forked per run. The supervisor's other
duties move: the fork server reaps the run and sends its exit status and CPU time; the grader's own
thread watches it (watch.py) through a pidfd, the output and answer pipes, and the run's processes
in /proc. Used for untrusted runs in the "root" mode; the others keep their supervisor.

Sides: `start` runs in the fork server, `_become_run` in the forked run, `watch_run` in the grader.
"""
from __future__ import annotations

import os
import select
import signal
import socket

from grader.sandbox import isolation, rootfs, watchdog
from grader.sandbox.allowlist import Layout
from grader.sandbox.ending import START_FAILED
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import read_json
from grader.sandbox.watch import watch

STARTED = b"D"  # the fork server's reply to a direct request, carrying the run's descriptors
REFUSED = b"F"  # ... or: a frame with the reason follows
SETUP_S = 30.0  # how long the run may take to isolate itself before the grader gives up on it
SETUP_LIMIT = 1000


class SetupFailed(RuntimeError):
    """The run could not isolate itself (the sandbox failed, not the student)."""


def applies(mode: str, trusted: bool) -> bool:
    """Whether a run goes without a supervisor: untrusted runs when the grader is root."""
    return mode == "root" and not trusted


def start(conn: socket.socket, request: dict, layout: Layout, own_pid_ns: int) -> tuple[int, int]:
    """Fork server side: fork the run into a new PID namespace and hand the grader on `conn` its
    output, answer and setup pipes and a pidfd; returns (pid, pidfd) for the server to reap it."""
    out_r, out_w = os.pipe()
    res_r, res_w = os.pipe()
    setup_r, setup_w = os.pipe()
    isolation.unshare(isolation.CLONE_NEWPID)  # for the next child only
    pid = -1
    try:
        pid = os.fork()
    finally:
        if pid != 0:  # in the server (forked or not): its next children are in its own namespace again
            isolation.setns(own_pid_ns, isolation.CLONE_NEWPID)
    if pid == 0:
        _become_run(request, layout, out_w, res_w, setup_w)
    for fd in (out_w, res_w, setup_w):
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    theirs = os.dup(pidfd)
    try:
        socket.send_fds(conn, [STARTED], [out_r, res_r, setup_r, theirs])
    except OSError:
        pass  # the grader is gone: the run still ends at its limits and is reaped
    finally:
        for fd in (out_r, res_r, setup_r, theirs):
            os.close(fd)
    return pid, pidfd


def _become_run(request: dict, layout: Layout, out_w: int, res_w: int, setup_w: int) -> None:
    """In the forked run, PID 1 of its namespace: the other namespaces and its own root, then
    launch.become_student. A failure is written to the setup pipe. Never returns."""
    from grader.sandbox.launch import become_student, place_copy  # warm in the server; the grader never needs it

    try:
        uid = isolation.run_uid(int(os.readlink("/proc/self")))  # the host's pid: /proc is still the host's
        submission = os.open(request["submission"], os.O_RDONLY)  # before the host's root goes
        isolation.unshare(isolation.NAMESPACES & ~isolation.CLONE_NEWPID)
        limits = Limits.from_dict(request["limits"])
        workdir = rootfs.build(layout, request["hidden"], 4 * limits.file_size_mb, uid)
        place_copy(submission, os.path.join(workdir, request["filename"]), uid)
    except BaseException as exc:
        try:
            os.write(setup_w, f"{type(exc).__name__}: {exc}"[:SETUP_LIMIT].encode())
        finally:
            os._exit(START_FAILED)
    os.close(setup_w)
    become_student(request, "root", uid, workdir, True, out_w, res_w)


def watch_run(conn: int, fds: list[int], limits: Limits) -> tuple[dict, bytes]:
    """Grader side: watch the run whose descriptors `start` sent; its exit status comes on `conn`.
    Raises SetupFailed when it could not isolate itself."""
    out_r, res_r, setup_r, pidfd = fds
    try:
        failure = _setup_failure(setup_r, pidfd)
        if failure is not None:
            raise SetupFailed(failure)
        pid = _pid_of(pidfd)
        return watch(pidfd, out_r, res_r, limits, lambda: kill(pidfd), lambda: _reaped(conn),
                     lambda: _tree_memory_mb(pid, pidfd))
    finally:
        for fd in (setup_r, pidfd):
            os.close(fd)


def _setup_failure(setup_r: int, pidfd: int) -> str | None:
    """None once the run has closed its setup pipe unwritten; else what it wrote (or that it hung)."""
    said = b""
    while True:
        ready, _, _ = select.select([setup_r], [], [], SETUP_S)
        if not ready:
            kill(pidfd)
            return f"the run did not isolate itself within {SETUP_S:g} s"
        chunk = os.read(setup_r, SETUP_LIMIT)
        if not chunk:
            return said.decode(errors="replace") or None
        said += chunk


def _reaped(conn: int) -> tuple[int, float]:
    """The fork server's account once it has reaped the run: wait status and CPU seconds."""
    reply = read_json(conn)
    return int(reply["status"]), float(reply["cpu_s"])


def kill(pidfd: int) -> None:
    """SIGKILL to PID 1 of the run's namespace ends every process in it."""
    try:
        signal.pidfd_send_signal(pidfd, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _pid_of(pidfd: int) -> int:
    with open(f"/proc/self/fdinfo/{pidfd}") as info:
        for line in info:
            if line.startswith("Pid:"):
                return int(line.split()[1])
    raise SetupFailed("the run's pidfd names no process")


def _tree_memory_mb(pid: int, pidfd: int) -> float:
    """Total proportional memory of the run's processes (PID 1 of its namespace and everything below
    it, orphans included), from the host's /proc; 0 while it is one process (bounded by its own
    address-space limit), or when it ended while being read (its pid may be another's by then)."""
    pids, frontier = [pid], [pid]
    while frontier:
        frontier = [child for parent in frontier for child in _children(parent)]
        pids += frontier
    if len(pids) < 2:
        return 0.0
    total = sum(watchdog.pss_kb(str(p)) for p in pids) / 1024
    still_running = not select.select([pidfd], [], [], 0)[0]
    return total if still_running else 0.0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for thread in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{thread}/children") as children:
                found += [int(part) for part in children.read().split()]
    except (OSError, ValueError):
        pass
    return found

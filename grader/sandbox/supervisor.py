"""One run, from the fork server's fork: isolate, fork the child, watch it (watch.py), report.

Used for the reference run, and in the "userns" and "plain" modes (a root run needs no supervisor:
direct.py). The supervisor is trusted code; it sends the parent a header frame (its own findings,
the kept output tail) followed by the child's last frame verbatim, which only the parent decodes.
"""
from __future__ import annotations

import os
import shutil
import signal
import tempfile

from grader.sandbox import isolation, reaper, rootfs, watchdog
from grader.sandbox.allowlist import Layout
from grader.sandbox.launch import become_student, place_copy
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import read_json, write_frame, write_json
from grader.sandbox.watch import watch


def supervise(conn: int, mode: str, layout: Layout) -> None:
    """Serve one request on `conn`: isolate, run the child, send back the header and last frame.

    In the namespaced modes an untrusted run gets a root of its own made from `layout`."""
    request = read_json(conn)
    limits = Limits.from_dict(request["limits"])
    trusted = bool(request.get("trusted"))
    private = mode != "plain" and not trusted  # a mount namespace and a root of its own
    uid = isolation.run_uid(os.getpid()) if os.geteuid() == 0 and not trusted else os.geteuid()
    submission = None if trusted else os.open(request["submission"], os.O_RDONLY)  # before the host's root goes
    if mode != "plain":
        isolation.enter(mode, private_mounts=private)
    else:
        isolation.prctl(isolation.PR_SET_CHILD_SUBREAPER, 1)
    if trusted:
        workdir = request["cwd"]
    elif private:
        workdir = rootfs.build(layout, request["hidden"], 4 * limits.file_size_mb, uid)
    else:
        workdir = tempfile.mkdtemp(prefix="grader-run-")
        os.chown(workdir, uid, uid)
    if submission is not None:
        place_copy(submission, os.path.join(workdir, request["filename"]), uid)
    out_r, out_w = os.pipe()
    res_r, res_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(conn)
        become_student(request, mode, uid, workdir, private, out_w, res_w)
    os.close(out_w)
    os.close(res_w)
    header, frame = _watch_child(pid, out_r, res_r, limits, mode, private, uid if uid != os.geteuid() else None)
    if not private and not trusted:
        shutil.rmtree(workdir, ignore_errors=True)
    header.update(isolation=mode)
    write_json(conn, header)
    write_frame(conn, frame)


def _watch_child(pid: int, out_r: int, res_r: int, limits: Limits, mode: str, private: bool,
                 run_uid: int | None) -> tuple[dict, bytes]:
    """watch() on our own child: killed by pid (its process group in plain mode), reaped by wait4, and
    in a root of its own its processes' memory read from the /proc it mounted. In plain mode nothing
    kills what it left behind but us (reaper.py); `run_uid` is its own uid, when it has one."""
    def stop() -> None:
        try:
            if mode == "plain":
                os.killpg(pid, signal.SIGKILL)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def reap() -> tuple[int, float]:
        _, status, usage = os.wait4(pid, 0)
        if mode == "plain":
            reaper.kill_all(run_uid)
        return status, usage.ru_utime + usage.ru_stime

    def memory_mb() -> float:
        return watchdog.run_memory_mb() if watchdog.run_proc_is_private() else 0.0

    pidfd = os.pidfd_open(pid)
    try:
        return watch(pidfd, out_r, res_r, limits, stop, reap, memory_mb if private else None)
    finally:
        os.close(pidfd)

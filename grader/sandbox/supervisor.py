"""One run, from the fork server's fork: isolate, fork the child, watch it (watch.py), report.

The supervisor is trusted code; it sends the parent a header frame (its own findings, the kept
output tail) followed by the child's last frame verbatim, which only the parent decodes.
"""
from __future__ import annotations

import os
import resource
import shutil
import signal
import tempfile
import time

from grader.sandbox import child, isolation, rootfs
from grader.sandbox.allowlist import Layout
from grader.sandbox.ending import START_FAILED
from grader.sandbox.limits import Limits, apply_rlimits
from grader.sandbox.protocol import read_json, write_frame, write_json
from grader.sandbox.watch import watch

SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"


def supervise(conn: int, mode: str, layout: Layout) -> None:
    """Serve one request on `conn`: isolate, run the child, send back the header and last frame.

    In the namespaced modes an untrusted run gets a root of its own made from `layout`."""
    request = read_json(conn)
    limits = Limits.from_dict(request["limits"])
    trusted = bool(request.get("trusted"))
    private = mode != "plain" and not trusted  # a mount namespace and a root of its own
    uid = isolation.run_uid() if os.geteuid() == 0 and not trusted else os.geteuid()
    started = time.monotonic()
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
        _place_copy(submission, os.path.join(workdir, request["filename"]), uid)
    out_r, out_w = os.pipe()
    res_r, res_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(request, mode, uid, workdir, private, out_w, res_w, conn)
    os.close(out_w)
    os.close(res_w)
    header, frame = watch(pid, out_r, res_r, limits, mode, watch_memory=private,
                          run_uid=uid if uid != os.geteuid() else None)
    if not private and not trusted:
        shutil.rmtree(workdir, ignore_errors=True)
    header.update(wall_s=time.monotonic() - started, isolation=mode)
    write_json(conn, header)
    write_frame(conn, frame)


def _child(request: dict, mode: str, uid: int, workdir: str, private: bool, out_w: int, res_w: int,
           conn: int) -> None:
    """In the forked child: lock everything down, then hand over to child.main. Never returns."""
    try:
        os.close(conn)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out_w, 1)
        os.dup2(out_w, 2)
        os.dup2(res_w, 3)
        os.closerange(4, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        if private:
            rootfs.finish()
        os.setsid()  # its own session and process group, no controlling terminal
        isolation.prctl(isolation.PR_SET_PDEATHSIG, signal.SIGKILL)
        os.chdir(workdir)
        os.environ.clear()
        os.environ.update(PATH=SAFE_PATH, HOME=workdir, TMPDIR="/tmp", LANG="C.UTF-8",
                          OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MPLBACKEND="Agg")
        limits = Limits.from_dict(request["limits"])
        if uid == os.getuid() != 0:
            limits = _plain_process_limit(limits)
        apply_rlimits(limits)
        isolation.drop_privileges(mode, uid, trusted=bool(request.get("trusted")))
        for signum in (signal.SIGXFSZ, signal.SIGPIPE):
            signal.signal(signum, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        child.fresh_streams()
    except BaseException as exc:
        os.write(2, f"the sandbox could not start the run: {exc!r}\n".encode())
        os._exit(START_FAILED)
    child.main(request, 3)


def _place_copy(source: int, path: str, owner: int) -> None:
    """The run's own copy of its file in its working folder, as `python file.py` would find it."""
    target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        while os.sendfile(target, source, None, 1 << 20):
            pass
        os.fchown(target, owner, owner)
    finally:
        os.close(target)
        os.close(source)


def _plain_process_limit(limits: Limits) -> Limits:
    """RLIMIT_NPROC counts every process of the uid, so allow the ones already running plus the limit."""
    mine = sum(1 for e in os.scandir("/proc") if e.name.isdigit() and _owner(e.path) == os.getuid())
    return Limits(**{**limits.to_dict(), "processes": mine + limits.processes})


def _owner(path: str) -> int:
    try:
        return os.stat(path).st_uid
    except OSError:
        return -1

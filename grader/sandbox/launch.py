"""The run's own last steps before student code, shared by both ways of starting a run.

Whether a supervisor forked the run (supervisor.py) or the fork server forked it straight into its
PID namespace (direct.py), the run process places its copy of the file, then locks itself down:
standard streams on the output pipe, the answer channel on fd 3, every other descriptor closed, its
own /proc and a read-only root, a session of its own, limits, the run uid and no privileges.
"""
from __future__ import annotations

import os
import resource
import signal

from grader.sandbox import child, isolation, rootfs
from grader.sandbox.allowlist import SAFE_PATH
from grader.sandbox.ending import START_FAILED
from grader.sandbox.limits import Limits, apply_rlimits


def place_copy(source: int, path: str, owner: int) -> None:
    """The run's own copy of its file in its working folder, as `python file.py` would find it."""
    target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        while os.sendfile(target, source, None, 1 << 20):
            pass
        os.fchown(target, owner, owner)
    finally:
        os.close(target)
        os.close(source)


def become_student(request: dict, mode: str, uid: int, workdir: str, private: bool, out_w: int,
                   res_w: int) -> None:
    """Lock everything down, then hand over to child.main. Never returns."""
    try:
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


def _plain_process_limit(limits: Limits) -> Limits:
    """RLIMIT_NPROC counts every process of the uid, so allow the ones already running plus the limit."""
    mine = sum(1 for e in os.scandir("/proc") if e.name.isdigit() and _owner(e.path) == os.getuid())
    return Limits(**{**limits.to_dict(), "processes": mine + limits.processes})


def _owner(path: str) -> int:
    try:
        return os.stat(path).st_uid
    except OSError:
        return -1

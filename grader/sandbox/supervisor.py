"""One run, from the fork server's fork: isolate, fork the child, watch it, kill everything, report.

The supervisor is trusted code; it sends the parent a header frame (its own findings, the kept
output tail) followed by the child's last frame verbatim, which only the parent decodes.
"""
from __future__ import annotations

import json
import os
import resource
import select
import signal
import tempfile
import time

from grader.sandbox import child, isolation, reaper, watchdog
from grader.sandbox.limits import Limits, apply_rlimits
from grader.sandbox.protocol import FrameBuffer, read_json, write_frame, write_json

GRACE_S = 1.0
DRAIN_S = 0.5
SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"


class Tail:
    """Keeps the last `limit` bytes of a stream and counts the rest."""

    def __init__(self, limit: int):
        self.limit, self.data, self.total = limit, bytearray(), 0

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        self.data += chunk
        if len(self.data) > 2 * self.limit:
            del self.data[:-self.limit]

    def text(self) -> str:
        kept = bytes(self.data[-self.limit:]) if self.limit else b""
        cut = self.total - len(kept)
        prefix = f"[... {cut} earlier bytes of output cut ...]\n" if cut else ""
        return prefix + kept.decode("utf-8", errors="replace")


def supervise(conn: int, mode: str) -> None:
    request = read_json(conn)
    limits = Limits.from_dict(request["limits"])
    trusted = bool(request.get("trusted"))
    private = mode != "plain" and not trusted  # a mount namespace of its own: private /tmp, hidden paths
    uid = isolation.run_uid() if os.geteuid() == 0 and not trusted else os.geteuid()
    started = time.monotonic()
    if mode != "plain":
        isolation.enter(mode, private_mounts=private)
    else:
        isolation.prctl(isolation.PR_SET_CHILD_SUBREAPER, 1)
    if trusted:
        workdir = request["cwd"]
    elif private:
        workdir = isolation.prepare_mounts(request["hidden"], request["exposed"], 4 * limits.file_size_mb, uid)
    else:
        workdir = tempfile.mkdtemp(prefix="grader-run-")
        os.chown(workdir, uid, uid)
    out_r, out_w = os.pipe()
    res_r, res_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(request, mode, uid, workdir, private, out_w, res_w, conn)
    os.close(out_w)
    os.close(res_w)
    header, frame = _watch(pid, out_r, res_r, limits, mode, watch_memory=private)
    if not private and not trusted:
        _remove_tree(workdir)
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
            isolation.mount_proc()
        if mode == "plain":
            os.setsid()
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
        _fresh_streams()
    except BaseException as exc:
        os.write(2, f"the sandbox could not start the run: {exc!r}\n".encode())
        os._exit(121)
    child.main(request, 3)


def _fresh_streams() -> None:
    import io
    import sys
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), line_buffering=True,
                                                   errors="backslashreplace")
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), line_buffering=True,
                                                   errors="backslashreplace")


def _plain_process_limit(limits: Limits) -> Limits:
    """RLIMIT_NPROC counts every process of the uid, so allow the ones already running plus the limit."""
    mine = sum(1 for e in os.scandir("/proc") if e.name.isdigit() and _owner(e.path) == os.getuid())
    return Limits(**{**limits.to_dict(), "processes": mine + limits.processes})


def _owner(path: str) -> int:
    try:
        return os.stat(path).st_uid
    except OSError:
        return -1


def _watch(pid: int, out_r: int, res_r: int, limits: Limits, mode: str,
           watch_memory: bool) -> tuple[dict, bytes]:
    """Read output and frames until the child is gone; kill it at the hard deadline or when
    all its processes together use more memory than the limit."""
    tail, frames = Tail(limits.output_kb * 1024), FrameBuffer()
    pidfd = os.pidfd_open(pid)
    readers = {out_r: tail.feed, res_r: frames.feed}
    hard_deadline = time.monotonic() + limits.wall_s + GRACE_S
    started = time.monotonic()
    killed, over_memory, status, usage = False, False, None, None
    while status is None:
        timeout = hard_deadline - time.monotonic()
        if not killed and (timeout <= 0 or over_memory):
            _kill(pid, mode)
            killed = True
        wait = None if killed else max(min(timeout, watchdog.TICK_S) if watch_memory else timeout, 0)
        ready, _, _ = select.select([*readers, pidfd], [], [], wait)
        if watch_memory and not killed and watchdog.run_proc_is_private():
            over_memory = watchdog.run_memory_mb() > limits.memory_mb
        for fd in ready:
            if fd == pidfd:
                _, status, usage = os.wait4(pid, 0)
            elif not _pump(fd, readers[fd]):
                del readers[fd]
    os.close(pidfd)
    if mode == "plain":
        reaper.kill_all()
    _drain(readers)
    for fd in (out_r, res_r):
        os.close(fd)
    stopped_for = "memory" if over_memory else "time" if killed else None
    header = _header(frames, tail, status, stopped_for, usage.ru_utime + usage.ru_stime, limits)
    header["run_s"] = time.monotonic() - started
    return header, frames.last or b""


def _pump(fd: int, sink) -> bool:
    chunk = os.read(fd, 1 << 16)
    if chunk:
        sink(chunk)
    return bool(chunk)


def _drain(readers: dict) -> None:
    stop = time.monotonic() + DRAIN_S
    while readers and time.monotonic() < stop:
        ready, _, _ = select.select(list(readers), [], [], max(stop - time.monotonic(), 0))
        for fd in ready:
            if not _pump(fd, readers[fd]):
                del readers[fd]


def _kill(pid: int, mode: str) -> None:
    try:
        if mode == "plain":
            os.killpg(pid, signal.SIGKILL)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _header(frames: FrameBuffer, tail: Tail, status: int, stopped_for: str | None, cpu_s: float,
            limits: Limits) -> dict:
    """The supervisor's own account of the run, for when the child could not give one."""
    last = frames.last or b""
    errors = []
    final = last.startswith(b"F")
    if stopped_for == "memory":
        errors.append(f"stopped{_position(last)}: its processes together used more than {limits.memory_mb} MB "
                      "of memory (memory limit)")
    elif not final:
        where = _position(last)
        if stopped_for == "time":
            errors.append(f"stopped after {limits.wall_s:g} s (time limit){where}: it did not stop when asked")
        elif cpu_s >= limits.cpu_s:
            errors.append(f"stopped after {limits.cpu_s:g} s of CPU time (CPU time limit){where}")
        elif os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            errors.append(f"the process was killed by {name}{where}")
        elif os.waitstatus_to_exitcode(status) == 121:
            errors.append("the sandbox could not start the run (see output)")
        elif os.waitstatus_to_exitcode(status) != 0:
            errors.append(f"the process ended early with exit code {os.waitstatus_to_exitcode(status)}{where}")
    if frames.broken:
        errors.append("the submission wrote garbage into the answer channel")
    return {"errors": errors, "output": tail.text(), "final": final}


def _position(frame: bytes) -> str:
    try:
        position = json.loads(frame[1:]).get("position", "") if frame else ""
    except (ValueError, AttributeError):
        position = ""
    return f" after {position}" if type(position) is str and position else ""


def _remove_tree(path: str) -> None:
    import shutil
    shutil.rmtree(path, ignore_errors=True)

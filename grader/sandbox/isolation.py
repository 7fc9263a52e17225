"""Kernel isolation for a run: namespaces, private mounts, a per-run uid, no privileges.

Modes, chosen once when the fork server starts (best first):
- "root":   the grader is root. New PID, network, mount, IPC and UTS namespaces; the student
            runs as a fresh uid/gid (UID_BASE + the supervisor's pid, unique while the run lives),
            so it can read only world-readable files and count only its own processes.
- "userns": unprivileged, user namespaces allowed. The same namespaces inside a new user
            namespace; the student keeps the grader's uid but loses every capability.
- "plain":  neither. Process group, session and a child subreaper only (see reaper.py);
            no network isolation and no hidden paths: say so to the instructor. As root
            (forced plain mode), the student still runs as a fresh uid.
In the namespaced modes the run gets private, size-bounded tmpfs on /tmp, /var/tmp and
/dev/shm, a fresh /proc showing only its own processes, and empty read-only tmpfs over
every hidden path (solutions, specs, other submissions, the grader's working directory).
"""
from __future__ import annotations

import ctypes
import os
import stat
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 1, 4, 36, 38
NAMESPACES = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
MODES = ("root", "userns", "plain")
UID_BASE = 0x40000000
PRIVATE_TMP = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")  # the world-writable folders of a usual system
WORKDIR = "/tmp/work"

_libc = ctypes.CDLL(None, use_errno=True)


class IsolationError(OSError):
    pass


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise IsolationError(errno, f"{what}: {os.strerror(errno)}")


def unshare(flags: int) -> None:
    _check(_libc.unshare(flags), "unshare")


def mount(source: str, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _check(_libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None,
                       ctypes.c_ulong(flags), data.encode() if data else None), f"mount {target}")


def prctl(option: int, value: int) -> None:
    _check(_libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0), "prctl")


def run_uid() -> int:
    """A uid no other live run can hold: the supervisor's pid is unique while its run lives."""
    return UID_BASE + os.getpid()


def enter(mode: str, private_mounts: bool = True) -> None:
    """In the supervisor, before forking the child: new namespaces (the child becomes PID 1).

    Without private_mounts (the trusted reference run) the file system view stays the grader's.
    """
    flags = NAMESPACES if private_mounts else NAMESPACES & ~CLONE_NEWNS
    if mode == "root":
        unshare(flags)
    elif mode == "userns":
        uid, gid = os.geteuid(), os.getegid()
        unshare(CLONE_NEWUSER | flags)
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")


def prepare_mounts(hidden: list[str], exposed: list[str], tmp_mb: int, owner: int) -> str:
    """Private /tmp (holding the fresh working dir), hidden paths, reachable interpreter paths."""
    mount("none", "/", None, MS_REC | MS_PRIVATE)
    for path in exposed:
        _expose(path)
    for path in PRIVATE_TMP:
        if os.path.isdir(path) and not os.path.islink(path):
            mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={tmp_mb}m,mode=1777")
    for path in hidden:
        if os.path.isdir(path):
            mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=000")
        elif os.path.exists(path):
            mount("/dev/null", path, None, MS_BIND)
    os.mkdir(WORKDIR, 0o700)
    os.chown(WORKDIR, owner, owner)
    return WORKDIR


def _expose(path: str) -> None:
    """Make `path` reachable by any uid when an ancestor is not (e.g. Python under /root, mode 0700).

    The closed ancestor is covered by a tmpfs holding only the chain down to `path`, onto which
    the real directory is bind-mounted; everything else in that ancestor stays out of sight.
    """
    closed = next((a for a in reversed(Path(path).parents) if not _traversable(a)), None)
    if closed is None:
        return
    keep = os.open(path, os.O_PATH | os.O_DIRECTORY)
    try:
        mount("tmpfs", str(closed), "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=755")
        target = Path(path)
        target.mkdir(mode=0o755, parents=True, exist_ok=True)
        for parent in target.relative_to(closed).parents:
            os.chmod(closed / parent, 0o755)
        mount(f"/proc/self/fd/{keep}", path, None, MS_BIND | MS_REC)
    finally:
        os.close(keep)


def _traversable(path: Path) -> bool:
    try:
        return bool(os.stat(path).st_mode & stat.S_IXOTH)
    except OSError:
        return True


def mount_proc() -> None:
    """In the child (PID 1 of the new namespace): a /proc that shows only this run's processes."""
    try:
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except IsolationError:
        pass  # e.g. a container that masks parts of /proc forbids new proc mounts: keep the old one


def drop_privileges(mode: str, uid: int, trusted: bool = False) -> None:
    """In the child, last step before student code: the run uid, or no capabilities at all."""
    if os.getuid() == 0 and not trusted:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
        prctl(PR_SET_DUMPABLE, 1)
    elif mode == "userns":
        _drop_capabilities()
    prctl(PR_SET_NO_NEW_PRIVS, 1)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_capabilities() -> None:
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (_CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")


def probe() -> str:
    """The best mode this process can use, tried in a throwaway child."""
    candidates = ["root"] if os.geteuid() == 0 else ["userns"]  # root in a user namespace would still own root's files
    for mode in candidates:
        pid = os.fork()
        if pid == 0:
            try:
                enter(mode)
                mount("none", "/", None, MS_REC | MS_PRIVATE)
                mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=1m")
                os._exit(0)
            except BaseException:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            return mode
    return "plain"

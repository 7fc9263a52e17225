"""Kernel isolation for a run: namespaces, a per-run uid, no privileges.

Modes, chosen once when the fork server starts (best first):
- "root":   the grader is root. New PID, network, mount, IPC and UTS namespaces; the student
            runs as a fresh uid/gid (UID_BASE + a host pid unique while the run lives),
            so it can count only its own processes and write nowhere but its private /tmp.
- "userns": unprivileged, user namespaces allowed. The same namespaces inside a new user
            namespace; the student keeps the grader's uid but loses every capability.
- "plain":  neither. Process group, session and a child subreaper only (see reaper.py);
            no network isolation and no file system of its own (gaps() says so in every
            report). As root (forced plain mode), the student still runs as a fresh uid.
In the namespaced modes the run's root is a fresh one (rootfs.py) holding only the allow-list
(allowlist.py), a private size-bounded /tmp and a /proc showing only its own processes.
"""
from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import Callable

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

libc = ctypes.CDLL(None, use_errno=True)


class IsolationError(OSError):
    pass


def check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise IsolationError(errno, f"{what}: {os.strerror(errno)}")


def unshare(flags: int) -> None:
    check(libc.unshare(flags), "unshare")


def mount(source: str, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    check(libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None,
                       ctypes.c_ulong(flags), data.encode() if data else None), f"mount {target}")


def prctl(option: int, value: int) -> None:
    check(libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0), "prctl")


def setns(fd: int, nstype: int) -> None:
    check(libc.setns(fd, nstype), "setns")


def run_uid(pid: int) -> int:
    """A uid no other live run can hold: `pid` (the host's pid of the run's supervisor, or of the run
    itself where it has none) is unique while the run lives."""
    return UID_BASE + pid


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
    check(libc.capset(ctypes.byref(header), data), "capset")


def probe(trial: Callable[[], None]) -> str:
    """The best mode this process can use: namespaces entered in a throwaway child, where
    `trial` (building a run's root) must succeed too."""
    candidates = ["root"] if os.geteuid() == 0 else ["userns"]  # root in a user namespace would still own root's files
    for mode in candidates:
        pid = os.fork()
        if pid == 0:
            try:
                enter(mode)
                trial()
                os._exit(0)
            except BaseException:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            return mode
    return "plain"


def gaps(mode: str) -> tuple[str, ...]:
    """What a mode cannot isolate, in the words of a report's run errors (empty when nothing)."""
    if mode != "plain":
        return ()
    who = "every world-readable file" if os.geteuid() == 0 else "every file the grader's user can read"
    return (f"isolation 'plain' (no namespaces on this machine): this run could read {who} and use the network; "
            "its files were not limited to an allow-list",)

"""Supervisor and child side: the fresh root of one run, built from an allowlist.Layout.

In the run's own mount namespace (isolation.enter) the supervisor assembles a small tmpfs over
/tmp, every source opened beforehand so that nothing it covers is lost: skeleton folders, the
symlinks, read-only binds of the visible folders and files, the device files, a private
writable /tmp holding the (empty) working folder, and covers over the hidden paths inside
visible folders. It then becomes "/" (pivot_root), the grader's root kept
under OLD_ROOT until the child has mounted its own /proc (in a user namespace a new proc may be
mounted only while one is visible); the child then detaches the grader's root for good and
makes "/" read-only. Nothing else of the machine is reachable from the run.
"""
from __future__ import annotations

import ctypes
import os
import platform

from grader.sandbox.allowlist import PRIVATE_TMP, Layout
from grader.sandbox.isolation import (MS_BIND, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_RDONLY, MS_REC,
                                      IsolationError, check, libc, mount)

MS_REMOUNT = 32
MNT_DETACH = 2
ASSEMBLY = "/tmp"  # where the root is put together, inside the run's mount namespace only
OLD_ROOT = "/.grader-root"
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203, "s390x": 217}


def build(layout: Layout, covers: list[str], tmp_mb: int, owner: int) -> str:
    """Make the run's root and enter it; return its working folder (empty, owned by `owner`)."""
    sources = {b.path: os.open(b.path, os.O_PATH) for b in layout.binds if os.path.lexists(b.path)}
    umask = os.umask(0o022)
    try:
        mount("none", "/", None, MS_REC | MS_PRIVATE)
        mount("tmpfs", ASSEMBLY, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755")
        root = ASSEMBLY
        os.mkdir(root + PRIVATE_TMP)
        mount("tmpfs", root + PRIVATE_TMP, "tmpfs", MS_NOSUID | MS_NODEV, f"size={tmp_mb}m,mode=1777")
        for folder in layout.dirs:
            if folder != PRIVATE_TMP:
                os.mkdir(root + folder)
        for path, text in layout.links:
            os.symlink(text, root + path)
        for bind in layout.binds:
            if bind.path in sources:
                _bind(sources[bind.path], root + bind.path, bind)
        os.mkdir(root + layout.workdir, 0o700)
        os.chown(root + layout.workdir, owner, owner)
        for path in covers:
            _cover(root, path)
        os.mkdir(root + OLD_ROOT)
        _pivot_root(root, root + OLD_ROOT)
        os.chdir("/")
    finally:
        os.umask(umask)
        for fd in sources.values():
            os.close(fd)
    return layout.workdir


def finish() -> None:
    """In the child, PID 1 of the run: its own /proc, then the grader's root detached, "/" read-only.

    Where no new proc may be mounted (a container that masks parts of its /proc) /proc stays
    empty: the grader's own would show other processes' roots, a way out of the allow-list.
    """
    try:
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except IsolationError:
        pass
    check(libc.umount2(OLD_ROOT.encode(), MNT_DETACH), "umount the grader's root")
    os.rmdir(OLD_ROOT)
    mount("none", "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _bind(source: int, target: str, bind) -> None:
    if not bind.is_dir:
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o644))
    mount(f"/proc/self/fd/{source}", target, None, MS_BIND)
    if bind.read_only:  # a bind keeps its source's flags; a remount must keep the locked ones (noexec)
        mount("none", target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV
              | (MS_NOEXEC if bind.noexec else 0))


def _cover(root: str, path: str) -> None:
    """An empty, unreadable folder (or /dev/null) over a hidden path inside a visible folder."""
    target = root + path
    if os.path.isdir(target):
        mount("tmpfs", target, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=000")
    elif os.path.exists(target):
        mount(root + "/dev/null", target, None, MS_BIND)


def _pivot_root(new_root: str, put_old: str) -> None:
    number = SYS_PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise IsolationError(0, f"pivot_root: unknown system call number on {platform.machine()}")
    check(libc.syscall(ctypes.c_long(number), new_root.encode(), put_old.encode()), "pivot_root")


def trial(layout: Layout) -> None:
    """Build a root as a run would (namespaces already entered) and check that a child can
    finish it and see the interpreter's folders there; raise if anything fails."""
    build(layout, [], 1, os.geteuid())
    pid = os.fork()
    if pid == 0:
        try:
            finish()
            os._exit(0 if all(os.path.isdir(root) for root in layout.roots) else 1)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise IsolationError(0, "a run's root could not be finished")

"""Parent side: which paths a student run must not see, without hiding what Python needs."""
from __future__ import annotations

import os
import site
import sys
import sysconfig
from pathlib import Path

SYSTEM = tuple(Path(p) for p in ("/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin",
                                  "/etc", "/dev", "/proc", "/sys", "/run"))
PRIVATE = tuple(Path(p) for p in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock"))  # replaced by an empty tmpfs in each run
MAX_MOUNTS = 200


def interpreter_paths() -> list[Path]:
    """Directories the child's Python may still read from (stdlib, site-packages, prefixes)."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, *sysconfig.get_paths().values(), *site.getsitepackages()}
    return sorted({Path(os.path.realpath(p)) for p in paths if p and os.path.isdir(p)})


def plan(hidden: list[Path], needed: list[Path], private: tuple[Path, ...] = PRIVATE) -> list[str]:
    """The paths to cover: each hidden one, or, if Python lives inside it, everything else in it.

    Never covered: system directories, the interpreter's own directories, and what lies in the
    `private` directories (each run gets fresh, empty ones anyway).
    """
    keep = [*needed, *SYSTEM]
    out: list[str] = []
    todo = sorted({Path(os.path.realpath(p)) for p in hidden})
    while todo and len(out) < MAX_MOUNTS:
        path = todo.pop()
        if any(path == k or k in path.parents for k in [*keep, *private]):
            continue
        if path == Path("/") or any(path in k.parents for k in keep):
            todo.extend(_children(path))
        elif os.path.exists(path):
            out.append(str(path))
    return _outermost(out)


def _outermost(paths: list[str]) -> list[str]:
    """Drop paths that lie inside another path of the list (covering the outer one hides them)."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(outer.rstrip("/") + "/") for outer in kept):
            kept.append(path)
    return kept


def _children(path: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(path) if not entry.is_symlink()]
    except OSError:
        return []

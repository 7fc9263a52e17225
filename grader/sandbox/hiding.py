"""Parent side: which paths a student run must not see, without hiding what Python needs."""
from __future__ import annotations

import os
import site
import sys
import sysconfig
from pathlib import Path

SYSTEM = tuple(Path(p) for p in ("/", "/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin",
                                  "/etc", "/dev", "/proc", "/sys", "/run", "/tmp", "/var/tmp"))
MAX_MOUNTS = 200


def interpreter_paths() -> list[Path]:
    """Directories the child's Python may still read from (stdlib, site-packages, prefixes)."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, *sysconfig.get_paths().values(), *site.getsitepackages()}
    return sorted({Path(os.path.realpath(p)) for p in paths if p and os.path.isdir(p)})


def plan(hidden: list[Path], needed: list[Path]) -> list[str]:
    """The directories to cover: each hidden one, or, if Python lives inside it, its other children."""
    needed = [*needed, *SYSTEM]
    out: list[str] = []
    todo = sorted({Path(os.path.realpath(p)) for p in hidden})
    while todo and len(out) < MAX_MOUNTS:
        path = todo.pop()
        if any(path == s or s in path.parents for s in SYSTEM[1:]):
            continue  # never cover system directories; private /tmp already hides what lies there
        if any(path == n or path in n.parents for n in needed):
            todo.extend(_children(path))
        elif os.path.exists(path):
            out.append(str(path))
    return sorted(set(out))


def _children(path: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(path) if not entry.is_symlink()]
    except OSError:
        return []

"""Which files a student run sees: what the interpreter needs, and nothing else.

Computed once, in the fork server, from its own interpreter (the one every run forks from):
- the installation: sys.prefix, the base and exec prefixes (a venv, a conda env, pyenv, /usr);
- every folder of installed packages: site-packages (system, venv, conda, user), the targets of
  their .pth files (eggs, old-style editable installs), the package folders of setuptools'
  editable finders;
- the grader package itself, but never a source checkout around it (solutions, specs);
- programs and shared libraries (/usr, /bin, /lib...), the few /etc files that the C library,
  Python and numpy read, and the harmless device files.
Symlinks on the way (/lib -> usr/lib, /etc/localtime, a venv's bin/python) become the same
symlinks in the run's root, so every path the interpreter knows resolves as it does outside.
rootfs.py builds the root from the Layout; the parent covers hidden paths inside it (covers()).
"""
from __future__ import annotations

import os
import re
import site
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"  # the PATH of a run, and of the fork server

SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "localtime", "timezone", "passwd",
       "group", "nsswitch.conf", "os-release", "mime.types")
DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")
LINKS = {"/dev/fd": "/proc/self/fd", "/dev/stdin": "/proc/self/fd/0", "/dev/stdout": "/proc/self/fd/1",
         "/dev/stderr": "/proc/self/fd/2", "/dev/shm": "/tmp", "/var/tmp": "/tmp"}  # one private /tmp, one bound
PRIVATE_TMP = "/tmp"
WORKDIR = "/tmp/work"
ST_NOEXEC = 8
MAX_LINKS = 40
MAX_COVERS = 200


@dataclass(frozen=True)
class Bind:
    path: str          # physical (no symlink in it), bound at the same path in the run's root
    is_dir: bool
    read_only: bool    # False only for device files
    noexec: bool       # the source mount's own flag, which a read-only remount must keep


@dataclass(frozen=True)
class Layout:
    """The run's root as operations, in order: folders, symlinks, binds (outer first)."""

    dirs: tuple[str, ...]
    links: tuple[tuple[str, str], ...]  # (path, text)
    binds: tuple[Bind, ...]
    workdir: str

    @property
    def roots(self) -> tuple[str, ...]:
        """The visible folders: a hidden path needs a cover only inside one of them."""
        return tuple(b.path for b in self.binds if b.is_dir)


def interpreter_paths() -> list[str]:
    """What this interpreter imports from or loads: the installation, installed packages, the grader."""
    import grader

    package = Path(grader.__file__).resolve().parent
    sites = [*site.getsitepackages(), *([site.getusersitepackages()] if site.ENABLE_USER_SITE else [])]
    found = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *sysconfig.get_paths().values(),
             *sites, *_pth_targets(sites), *_editable_folders()}
    checkout = str(package.parent)
    if checkout not in map(os.path.realpath, sites):  # a source checkout: its package only, never around it
        found = {p for p in found if not _inside(os.path.realpath(p), checkout)}
    return sorted(p for p in {*found, str(package)} if p and os.path.exists(p))


def system_paths() -> list[str]:
    return [*SYSTEM, *(f"/etc/{name}" for name in ETC)]


def _pth_targets(sites: list[str]) -> list[str]:
    """The folders that .pth files add to sys.path (the lines site.py reads as paths)."""
    targets = []
    for folder in sites:
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".pth"))
        except OSError:
            continue
        for name in names:
            try:
                lines = Path(folder, name).read_text(errors="replace").splitlines()
            except OSError:
                continue
            targets += [os.path.join(folder, line.rstrip()) for line in lines
                        if line.strip() and not line.startswith(("#", "import ", "import\t"))]
    return targets


def _editable_folders() -> list[str]:
    """Package folders of setuptools editable installs (each finder maps names to folders)."""
    folders = []
    for name, module in list(sys.modules.items()):
        mapping = getattr(module, "MAPPING", None) if name.startswith("__editable__") else None
        if isinstance(mapping, dict):
            folders += [os.fspath(p) for p in mapping.values() if isinstance(p, (str, os.PathLike))]
    return folders


def layout(paths: Iterable[str], mount_points: Iterable[str] | None = None) -> Layout:
    """The operations that make every path of `paths`, and the device files, resolve in an empty root.

    Binds are not recursive: a file system mounted inside a visible folder (`mount_points`,
    default: this machine's) is bound on its own, so that every mount of the root is read-only.
    """
    links: dict[str, str] = {}
    wanted: dict[str, bool] = {}
    for path in paths:
        real = _walk(os.path.abspath(path), links)
        if real is not None and not _inside(real, PRIVATE_TMP):  # never "/", never the host's /tmp itself
            wanted[real] = os.path.isdir(real)
    mounts = set(_mount_points() if mount_points is None else mount_points)
    wanted.update({m: os.path.isdir(m) for m in mounts if any(_inside(f, m) and f != m for f, d in wanted.items() if d)})
    folders = [p for p, is_dir in wanted.items() if is_dir]
    kept = sorted((p for p in wanted if p in mounts or not any(_inside(f, p) and f != p for f in folders)), key=_depth)
    binds = [Bind(p, wanted[p], True, _noexec(p)) for p in kept]
    binds += [Bind(d, False, False, False) for d in DEVICES if os.path.exists(d)]
    folders = [b.path for b in binds if b.is_dir]
    links = {p: t for p, t in {**links, **LINKS}.items()
             if not any(_inside(f, p) for f in folders) and not any(_inside(p, b.path) for b in binds)}
    needed = {"/proc", PRIVATE_TMP, *(b.path if b.is_dir else os.path.dirname(b.path) for b in binds),
              *map(os.path.dirname, links)}
    dirs = {a for p in needed for a in _lineage(p)} - {"/"}
    dirs = sorted((d for d in dirs if not any(_inside(f, d) and f != d for f in folders)), key=lambda d: (_depth(d), d))
    workdir = next(w for w in (f"{WORKDIR}{n or ''}" for n in range(len(dirs) + 1))
                   if not any(_inside(w, d) for d in [*dirs, *links]))
    return Layout(tuple(dirs), tuple(sorted(links.items())), tuple(binds), workdir)


def covers(hidden: Iterable[str], roots: Sequence[str]) -> list[str]:
    """The hidden paths to cover in a run's root: those inside a visible folder.

    A hidden path outside every visible folder is not there anyway; a visible folder itself (the
    interpreter's) stays; a hidden folder that holds a visible one is covered around it.
    """
    out: list[str] = []
    todo = sorted({os.path.realpath(p) for p in hidden})
    while todo:
        path = todo.pop()
        if path in roots or not any(_inside(r, path) for r in roots):
            continue
        if any(_inside(path, r) for r in roots):
            todo.extend(_children(path))
        elif os.path.lexists(path):
            out.append(path)
        if len(out) > MAX_COVERS:
            raise ValueError(f"more than {MAX_COVERS} hidden paths inside the interpreter's folders")
    return [p for p in sorted(set(out)) if not any(_inside(q, p) and q != p for q in out)]


def _walk(path: str, links: dict[str, str]) -> str | None:
    """The physical path of `path`, recording each symlink met on the way as (path, text)."""
    current, todo, hops = "/", [part for part in path.split("/") if part not in ("", ".")], 0
    while todo:
        part = todo.pop(0)
        if part == "..":
            current = os.path.dirname(current)
            continue
        candidate = os.path.join(current, part)
        try:
            text = os.readlink(candidate)
        except OSError:  # not a symlink
            current = candidate
            continue
        hops += 1
        if hops > MAX_LINKS:
            return None
        links[candidate] = text
        current = "/" if text.startswith("/") else current
        todo[:0] = [p for p in text.split("/") if p not in ("", ".")]
    return current if os.path.lexists(current) else None


def _mount_points() -> list[str]:
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return []
    unescape = lambda text: re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)  # noqa: E731
    return [unescape(line.split()[4]) for line in lines if len(line.split()) > 4]


def _noexec(path: str) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & ST_NOEXEC)
    except OSError:
        return False


def _children(path: str) -> list[str]:
    try:
        return [entry.path for entry in os.scandir(path) if not entry.is_symlink()]
    except OSError:
        return []


def _inside(folder: str, path: str) -> bool:
    """True when `path` is `folder` or lies inside it."""
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _lineage(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _depth(path: str) -> int:
    return path.rstrip("/").count("/")

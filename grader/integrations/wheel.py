"""A wheel of the installed grader package, and its dependencies pinned as installed.

The Gradescope image installs the grader from this wheel (and students may, from `grader publish --wheel`), so the zip carries exactly the code
(and the dependency versions) the instructor tested with, whether the grader was installed
from a wheel or editable from a clone. Built from the installed files without network or a
build backend; the zip entries carry a fixed date so the same code gives the same bytes.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.metadata as metadata
import re
import zipfile
from pathlib import Path

import grader
from grader.distribution import installed_name
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)
WHEEL_TEXT = "Wheel-Version: 1.0\nGenerator: grader\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def wheel_name() -> str:
    name = installed_name()
    return f"{name}-{metadata.version(name)}-py3-none-any.whl"


def build_wheel(folder: Path) -> Path:
    """Write the wheel of the installed grader package into `folder`; return its path."""
    package = Path(grader.__file__).resolve().parent
    name = installed_name()
    dist = metadata.distribution(name)
    info = f"{name}-{dist.version}.dist-info"
    files = {
        path.relative_to(package.parent).as_posix(): path.read_bytes()
        for path in sorted(package.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    files[f"{info}/METADATA"] = dist.read_text("METADATA").encode()
    files[f"{info}/WHEEL"] = WHEEL_TEXT.encode()
    entry_points = dist.read_text("entry_points.txt")
    if entry_points:
        files[f"{info}/entry_points.txt"] = entry_points.encode()
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    target = Path(folder) / wheel_name()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            wheel.writestr(zipfile.ZipInfo(name, _FIXED_DATE), data, zipfile.ZIP_DEFLATED)
    return target


def pinned_dependencies(root: str | None = None) -> list[str]:
    """`name==version` for every installed runtime dependency of `root` (default: the grader),
    transitively (extras left out)."""
    root = root or installed_name()
    pins: dict[str, str] = {}
    pending = [root]
    while pending:
        for requirement in metadata.requires(pending.pop()) or []:
            name, _, marker = requirement.partition(";")
            if "extra" in marker:
                continue
            match = _NAME.match(name.strip())
            key = _normalise(match.group(0))
            if key in pins or key == root:
                continue
            try:
                pins[key] = metadata.version(key)
            except metadata.PackageNotFoundError:  # not installed here: its marker excluded it
                continue
            pending.append(key)
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()

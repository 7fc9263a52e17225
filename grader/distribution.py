"""The grader as published: its distribution name (`pip install mathgrader`; the import package and
the command stay `grader`) and the version installed here."""
from __future__ import annotations

import importlib.metadata as metadata

NAME = "mathgrader"  # free on PyPI; `grader` there is an unrelated 2012 homework checker


def installed_name() -> str:
    """The distribution that installed the `grader` package: NAME, or the old name `grader` in a
    checkout installed before the rename and not reinstalled since."""
    names = metadata.packages_distributions().get("grader", [])
    return NAME if NAME in names or not names else names[0]


def installed_version() -> str:
    try:
        return metadata.version(installed_name())
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"

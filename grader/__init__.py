"""Grades mathematical homework answers against an instructor's reference.

`grader.equivalent` is the expression engine's entry point and `grader.Checker` the student
self-check for notebooks; both are imported on first use, so `import grader` stays light.
"""

_LAZY = {"equivalent": "grader.expr", "Checker": "grader.selfcheck"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'grader' has no attribute {name!r}")


__all__ = list(_LAZY)

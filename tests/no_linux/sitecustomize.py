"""Makes this interpreter look like Windows or macOS to the grader: on PYTHONPATH, every Python
started from it (the self-check's child processes too) loses `resource`, os.fork, SIGALRM and
interval timers, and /proc; each attempt to use them is written to $GRADER_SIM_LOG, as is every
grader module imported, so a test can prove what the self-check path touched."""
import builtins
import importlib.abc
import io
import os
import signal
import sys

_LOG = os.open(os.environ["GRADER_SIM_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
os.set_inheritable(_LOG, False)


def _note(what: str) -> None:
    os.write(_LOG, f"{os.getpid()} {what}\n".encode())


class _Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "resource":
            _note("import resource")
            raise ImportError("No module named 'resource' (simulated)")
        if name == "grader" or name.startswith("grader."):
            _note(f"import {name}")
        return None


sys.modules.pop("resource", None)
sys.meta_path.insert(0, _Watch())
for _name in ("fork", "forkpty", "pidfd_open"):
    if hasattr(os, _name):
        delattr(os, _name)
for _name in ("SIGALRM", "SIGPROF", "SIGVTALRM", "setitimer", "getitimer", "ITIMER_REAL", "ITIMER_PROF",
              "ITIMER_VIRTUAL", "pthread_kill"):
    if hasattr(signal, _name):
        delattr(signal, _name)


def _guard(function):
    def guarded(path, *args, **kwargs):
        text = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
        if text == "/proc" or text.startswith("/proc/"):
            _note(f"touched {text}")
            raise FileNotFoundError(2, "No such file or directory (simulated)", text)
        return function(path, *args, **kwargs)

    return guarded


builtins.open = io.open = _guard(io.open)
for _name in ("open", "listdir", "scandir", "stat", "lstat", "access", "readlink"):
    setattr(os, _name, _guard(getattr(os, _name)))

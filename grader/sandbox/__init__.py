"""Bounded, isolated runs of student code that hand back plain answer values only.

    with Sandbox() as sb:                      # thread-safe; one warm fork server
        result = sb.run(Path("submission.py"), ["answer"], Limits(wall_s=5))
    result.answers, result.errors, result.output, result.wall_s, result.student_s

How a run goes (module in brackets):
- The parent reads the file [source]: a .py decoded as Python decodes it, or a notebook's code
  cells read by nbformat [notebook] with their IPython syntax rewritten as IPython rewrites it
  [ipython_syntax], and hands the code to the fork server over a fresh socket [sandbox]. The
  server is a separate interpreter that imported numpy and sympy and warmed their caches,
  nothing else; it never sees reference answers or results [forkserver].
- As root, per run the server forks the run straight into a new PID namespace [direct]: PID 1
  of it from the start, the run enters new network, mount, IPC and UTS namespaces [isolation]
  and builds itself a fresh root [rootfs] holding only the allow-list computed once by the fork
  server [allowlist]: the interpreter's installation and package folders, the grader package
  (never its checkout), /usr and the /lib links, a few /etc and /dev files, a private /tmp with
  the working folder, and covers over hidden paths inside those folders. Then, still before any
  student code [launch], its own /proc, a read-only root, rlimits [limits], a scrubbed
  environment, a working folder holding a copy of its file, a fresh uid/gid and no
  capabilities. In the other modes, and for the trusted reference run, the server forks a
  supervisor [supervisor] that does the same and forks the child from there.
- The child runs the code as `__main__` (a real module in sys.modules), statement by statement
  (cells in order, with a Jupyter kernel's `display` and a `get_ipython()` stand-in [shell]),
  and sends a JSON snapshot of the requested answers after each one, and a final one when it
  ends by an exception, sys.exit, os._exit or the soft time limit (SIGALRM/SIGPROF raise
  inside the student's code) [child, alarm, encode]. Values are converted by exact type; anything else is Unsupported(type name).
- The watcher (the grader's own thread for a direct run, reaped by the server, which sends its
  exit status; else the supervisor) keeps the output tail and the last frame, kills the run at
  the hard deadline or when its processes together pass the memory limit [watch, watchdog];
  PID 1's death kills every process the run started. Only then is the reply decoded, with
  bounds, never evaluating anything [decode].

Modes and their limits (Sandbox.isolation):
- "root": all of the above.
- "userns" (not root, unprivileged user namespaces allowed): the same, but the code runs under
  the grader's own uid without capabilities (it reads what that user may read in its root).
- "plain" (no namespaces, e.g. a default Docker container): no network isolation, no allow-list
  (isolation_gaps() words this for every report), no private /tmp, no total-memory watch. As
  root the code still runs as a fresh uid; descendants are found through a child subreaper and
  /proc [reaper], so a process that forks faster than the kill loop until the deadline could
  outlive the run.
Per-process RLIMIT_AS bounds memory; files written into /tmp are private and bounded only in
the namespaced modes.

The portable runner [portable, portable_child, process_tree] runs the same child code without any
of this, for the student self-check on Windows and macOS. So this package imports its modules
on first use: importing the child side (child, encode, decode) never loads the Linux-only ones.
"""
_LAZY = {"Limits": ("limits", "Limits"), "RunResult": ("result", "RunResult"), "Sandbox": ("sandbox", "Sandbox"),
         "SandboxError": ("sandbox", "SandboxError"), "isolation_gaps": ("isolation", "gaps"),
         "run_file": ("sandbox", "run_file")}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(f"grader.sandbox.{module}"), attribute)
    raise AttributeError(f"module 'grader.sandbox' has no attribute {name!r}")


__all__ = list(_LAZY)

"""Child side of the portable runner: `python -m grader.sandbox.portable_child`.

Reads one request frame on stdin, then runs it with the same code as the Linux sandbox's child
(child.run: units, snapshots, encoding). Frames go to the original stdout; the student's stdout
and stderr both go to stderr, so nothing the student prints can be taken for a frame. Uses
nothing Linux-only: no fork, no `resource`, no /proc, no SIGALRM (thread_alarm.py).
"""
from __future__ import annotations

import os

from grader.sandbox.ending import START_FAILED
from grader.sandbox.protocol import read_json, write_frame


def main() -> None:
    try:
        request = read_json(0)
        result_fd = os.dup(1)  # not inherited by the student's own subprocesses
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(2, 1)
        from grader.sandbox import child  # numpy and sympy: the slow part of starting
        from grader.sandbox.thread_alarm import ThreadAlarm

        child.fresh_streams()
        write_frame(result_fd, b"")  # ready: the parent starts the run's clock now
        alarm = ThreadAlarm(request["limits"]["wall_s"])
    except BaseException as exc:
        os.write(2, f"the self-check could not start the run: {exc!r}\n".encode())
        os._exit(START_FAILED)
    child.run(request, result_fd, alarm)


if __name__ == "__main__":
    main()

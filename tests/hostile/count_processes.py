# Forks as many sleeping children as it may and reports how many it got.
import os
import time

forked = 0
try:
    for _ in range(500):
        if os.fork() == 0:
            time.sleep(5)
            os._exit(0)
        forked += 1
except OSError as exc:
    fork_error = type(exc).__name__

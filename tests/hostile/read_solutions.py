# Hostile: hunts for the reference solution, runs it, and hands in its answers as its own.
# SEARCH may be set before this line (a test does); otherwise the usual places are tried.
import os
import time

SEARCH = globals().get("SEARCH") or ["..", "../solutions", "/autograder/source", "/work", "/home", "/srv", "/opt"]
leaked = []
stop = time.monotonic() + 1.0
for root in SEARCH:
    for folder, _, files in os.walk(root):
        if time.monotonic() > stop:
            break
        for name in files:
            path = os.path.join(folder, name)
            try:
                with open(path, errors="replace") as f:
                    text = f.read(100_000)
            except OSError:
                continue
            if name.endswith(".py") and "conv_d_params =" in text and "SEARCH" not in text:
                stolen = {}
                try:
                    exec(text, stolen)
                except BaseException:
                    continue
                leaked.append(path)
                globals().update({k: v for k, v in stolen.items() if not k.startswith("_")})

# Hostile: hunts for the reference solutions and copies the answers it finds.
# SEARCH may be set before this line by a test; otherwise the usual places are tried.
import os
import time

SEARCH = globals().get("SEARCH") or ["..", "../solutions", "/autograder/source", "/work", "/home", "/srv", "/opt"]
found = []
stop = time.monotonic() + 1.0
for root in SEARCH:
    for folder, _, files in os.walk(root):
        if time.monotonic() > stop:
            break
        for name in files:
            try:
                with open(os.path.join(folder, name), errors="replace") as f:
                    text = f.read(100_000)
            except OSError:
                continue
            if "SECRET-REFERENCE" in text:
                found.append(os.path.join(folder, name))
leaked = found

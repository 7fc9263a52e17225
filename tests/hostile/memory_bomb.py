# Hostile: sets an answer, then starts several processes that each stay under the
# per-process memory limit while together they use far more.
import os
import time

conv_a_shape = (26, 28)
for _ in range(8):
    if os.fork() == 0:
        hog = bytearray(150 * 1024 * 1024)  # zero-filled, so every page is really used
        for i in range(0, len(hog), 4096):
            hog[i] = 1
        time.sleep(60)
        os._exit(0)
time.sleep(60)

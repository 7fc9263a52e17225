# Sets an answer, then interrupts itself as Ctrl-C would, then would set another.
import os
import signal

conv_a_shape = (26, 28)
os.kill(os.getpid(), signal.SIGINT)
conv_b_shape = (31, 30)

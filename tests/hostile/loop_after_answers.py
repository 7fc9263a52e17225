# Hostile: sets its answers, then never finishes (sleeping, then spinning).
import time

conv_a_shape = (26, 28)
conv_d_params = 100352
time.sleep(10**6)

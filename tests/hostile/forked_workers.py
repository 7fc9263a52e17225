# An honest use of processes: forked workers that run on through the file and exit with
# os._exit, with answers set by the parent before and after them.
import os

conv_a_shape = (26, 28)
workers = []
for n in range(4):
    pid = os.fork()
    if pid == 0:
        conv_a_shape = "a forked worker's stale value " * 500
        break
    workers.append(pid)
if workers:
    for pid in workers:
        os.waitpid(pid, 0)
    conv_b_shape = (31, 30)
else:
    os._exit(0)

# A forked copy changes an answer in its own memory; only the run's own process may report.
import os

conv_a_shape = (26, 28)
if os.fork() == 0:
    conv_a_shape = "the fork's own value"
while True:  # both processes spin, swallowing the soft time limit, until the hard kill
    try:
        while True:
            pass
    except BaseException:
        pass

# Hostile: sets an answer, then swallows every exception (including the soft time limit) forever.
conv_a_shape = (26, 28)
while True:
    try:
        while True:
            pass
    except BaseException:
        pass

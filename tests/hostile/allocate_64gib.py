# Hostile: sets an answer, then asks for 64 GiB at once, then sets another answer.
conv_a_shape = (26, 28)
hog = bytearray(64 * 1024**3)
conv_b_shape = (31, 30)

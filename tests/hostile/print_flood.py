# Hostile: sets an answer, then prints without end.
conv_a_shape = (26, 28)
line = "flood " * 100
while True:
    print(line)

# Hostile: loops forever before setting any answer.
while True:
    pass

conv_a_shape = (26, 28)

import numpy as np

conv_a_shape = (26, 28)
weights = np.ones((3, 4))
conv_b_shape = weights.shape
product = weights @ np.ones((5, 2))  # shapes do not match: Python stops here
conv_c_input_size = 53

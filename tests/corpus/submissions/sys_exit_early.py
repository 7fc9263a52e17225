import sys

conv_a_shape = (26, 28)
conv_b_shape = (31, 30)
sys.exit(0)
conv_c_input_size = 999  # never reached

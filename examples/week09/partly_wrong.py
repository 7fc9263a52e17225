"""Typical mistakes, one per question where a mistake is typical."""
import numpy as np

tanh_prime = "1 - 2*tanh(x)**2"                   # twice the square (diagnose: terms does not say 2)
softplus_prime = "exp(x)/(1 + exp(x))"            # right (the same as sigma(x))
bce_grad = "y - sigma(x)"                         # the sign flipped: a rule gives half
exp_base_prime = "2.3*b**x"                       # diagnose: false, so nothing about log(b) is said
zero_centred = "ReLU"

dh_dx = "W"                                       # only the pre-activation's Jacobian: rule 1, no points
dh_dhprev = "(1 - tanh(W@x + U@h_prev))*U"                 # tanh' written without the square

linear_params = 784 * 256                         # forgot the bias
linear_out_shape = (256, 32)
lr_epoch_35 = 0.1 * 0.5 ** 3.5                    # decayed continuously, not in steps
softmax_123 = np.array([1, 2, 3]) / 6             # divided by the sum: an accepted mistake, 0 points
w_after_step = np.array([[1.05, 1.9], [3.0, 4.2]])  # stepped up the gradient: half

"""Reference answers for week09, written the way a student writes a submission."""
import numpy as np

# Task 1: activations. Expressions are strings in the assignment's notation.
tanh_prime = "1 - tanh(x)**2"
softplus_prime = "sigma(x)"  # not read: the spec gives this reference (`derivative_of`), which wins
bce_grad = "sigma(x) - y"
exp_base_prime = "log(b)*b**x"
zero_centred = "tanh"

# Task 2: vanilla RNN, h_t = tanh(W x_t + U h_{t-1}); x is the d-vector input here.
dh_dx = "(1 - tanh(W@x + U@h_prev)**2)*W"
dh_dhprev = "(1 - tanh(W@x + U@h_prev)**2)*U"

# Task 3: layer arithmetic and numbers.
linear_params = 784 * 256 + 256
linear_out_shape = (32, 256)
lr_epoch_35 = 0.1 * 0.5 ** (35 // 10)
logits = np.array([1.0, 2.0, 3.0])
softmax_123 = np.exp(logits) / np.exp(logits).sum()
w_after_step = np.array([[1, 2], [3, 4]]) - 0.1 * np.array([[0.5, -1], [0, 2]])

"""Answers of the wrong shape or form: each is told what is wrong, and the rest is still graded."""
import numpy as np

tanh_prime = "1 - tanh(x)**2"
bce_grad = "sigma(x) - y"
exp_base_prime = "log(b)*b**x"
zero_centred = "swish"                            # not one of the choices
dh_dx = "(1 - tanh(W@x + U@h_prev)**2)"           # a k-vector, not the k x d Jacobian
dh_dhprev = "(1 - tanh(W@x + U@h_prev)**2)*U"
linear_params = 200960
linear_out_shape = (32, 256)
lr_epoch_35 = 0.0125
softmax_123 = np.array([[0.09003057, 0.24472847, 0.66524096]])  # a row: vectors may be rows or columns
w_after_step = [[0.95, 2.1, 0.0], [3.0, 3.8, 0.0]]  # a 2 x 3 matrix: the shape is checked first
raise RuntimeError("the file stops here; everything set above is still graded")

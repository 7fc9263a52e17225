"""Every answer right, in forms other than the reference's: sympy objects, lists, tuples, a numpy matrix."""
import numpy as np
import sympy

x, y, b = sympy.symbols("x y b")
tanh_prime = "(1 - tanh(x))*(1 + tanh(x))"                 # the same as 1 - tanh(x)**2
softplus_prime = "1/(1 + exp(-x))"
bce_grad = -(y - sympy.Function("sigma")(x))                    # a sympy expression, sent as its text
exp_base_prime = "exp(x*log(b))*ln(b)"
zero_centred = "  Hyperbolic Tangent "                          # an alias, any case, spaces trimmed

dh_dx = "W*(1 - tanh(U@h_prev + W@x)^2)"                        # * broadcasts: the k x 1 factor scales rows
dh_dhprev = "diag(1 - tanh(W@x + U@h_prev)**2)@U"

linear_params = np.int64(200960)
linear_out_shape = [32, 256]
lr_epoch_35 = "0.0125"                                          # a numeric string counts as the number
softmax_123 = [0.0900306, 0.2447285, 0.6652409]                 # a plain list, rounded
w_after_step = sympy.Matrix([[sympy.Rational(19, 20), 2.1], [3, sympy.Rational(38, 10)]])

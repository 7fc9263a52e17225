"""A fully correct week08 submission, written with equivalent but different forms on purpose."""
import numpy as np
import sympy as sp

c_prev_depends_on_h_prev = False
c_prev_depends_on_h_prev_why = "No. c_{t-1} comes from step t-1, which runs before h_{t-1} is computed."

# The product rule, expanded and reordered.
dh_dhprev = "Do*tanh(c) + o*c_prev*(1 - tanh(c)^2)*Df + o*u*(1 - tanh(c)^2)*Di + (1 - tanh(c)^2)*o*i*Du"

# A sympy expression is fine too; it is sent as text.
z = sp.Symbol("z")
sigmoid_prime = sp.exp(-z) / (1 + sp.exp(-z)) ** 2

df_dhprev = "diag(sigma_prime(Wf@x + Uf@h_prev))@Uf"
forget_gate_argmax = "(Uf_d/norm(Uf_d)).T"  # the row form is accepted too
argmax_depends_on_Wx = False
max_depends_on_Wx = True
depends_why = "The argmax stays Uf(d)/||Uf(d)|| since sigma is increasing. The max shifts with Wf(d)·x_t."

conv_a_shape = np.array([26, 28])
conv_b_shape = (31, 30)
conv_c_input_size = 54
conv_d_params = np.int64(100352)
conv_d_mults = 2508800.0
conv_d_adds = 2507200
conv_e_params = 512 * 128

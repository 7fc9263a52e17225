"""Reference answers for week08, written the way a student writes a submission."""

# Task 1: LSTM gradients. Expressions are strings in the notation of the assignment:
# vectors are columns, `*` is elementwise (broadcasting), `@` is the matrix product.
c_prev_depends_on_h_prev = False
c_prev_depends_on_h_prev_why = (
    "c_{t-1} is computed at step t-1 from h_{t-2} and x_{t-1}, before h_{t-1} exists. "
    "h_{t-1} = o_{t-1} * tanh(c_{t-1}) is itself a function of c_{t-1}, not the other way round."
)
dh_dhprev = "tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)"
sigmoid_prime = "sigma(z)*(1 - sigma(z))"
df_dhprev = "sigma_prime(Wf@x + Uf@h_prev)*Uf"
forget_gate_argmax = "Uf_d/norm(Uf_d)"
argmax_depends_on_Wx = False
max_depends_on_Wx = True
depends_why = (
    "Wf(d)·x_t only shifts the argument of the increasing function sigma by a constant, so the maximising "
    "h_{t-1} stays Uf(d)/||Uf(d)||. The maximum value sigma(Wf(d)·x_t + ||Uf(d)||) does change with it."
)

# Task 2: convolution arithmetic, out = floor((n + 2p - k)/s) + 1 per dimension.
conv_a_shape = ((78 + 2 * 2 - 5) // 3 + 1, (84 + 2 * 2 - 5) // 3 + 1)
conv_b_shape = ((64 - 3) // 2 + 1, (64 - 5) // 2 + 1)
conv_c_input_size = 52  # 52, 53 and 54 all give 16
conv_d_params = 32 * 7 * 7 * 64
conv_d_out = (19 - 7) // 3 + 1
conv_d_mults = conv_d_out * conv_d_out * 64 * (32 * 7 * 7)
conv_d_adds = conv_d_out * conv_d_out * 64 * (32 * 7 * 7 - 1)
conv_e_params = 512 * 1 * 1 * 128

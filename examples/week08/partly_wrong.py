"""A week08 submission with typical mistakes: each earns partial or no credit with a reason."""
c_prev_depends_on_h_prev = True  # wrong
c_prev_depends_on_h_prev_why = (
    "Yes. The cell state is updated from the hidden state. So c_{t-1} depends on h_{t-1}. "
    "This is how the LSTM remembers. It is all connected."
)  # five sentences: a warning for the instructor

# Forgets the c_prev * Df term: 2 of 4, and the feedback names the missing term.
dh_dhprev = "tanh(c)*Do + o*(1 - tanh(c)**2)*(u*Di + i*Du)"
sigmoid_prime = "sigma(z)*(1 - sigma(z)) + 1e-3"  # close, but not equal
df_dhprev = "Uf@diag(sigma_prime(Wf@x + Uf@h_prev))"  # columns scaled: 1 of 2
forget_gate_argmax = "Uf_d"  # right direction, not unit length: 1 of 2
argmax_depends_on_Wx = False
max_depends_on_Wx = False  # wrong
depends_why = "Neither depends on it."

conv_a_shape = (26, 28)
conv_b_shape = (32, 30)  # wrong
conv_c_input_size = 55  # gives 17, not 16
conv_d_params = 100352
conv_d_mults = 2508800
conv_d_adds = 2508800  # accepted, with a note
conv_e_params = 65536 + 128  # counted a bias that the layer does not have

"""A week08 submission that crashes part way: the answers set before the crash are still graded."""
c_prev_depends_on_h_prev = False
sigmoid_prime = "sigma(z)*(1 - sigma(z)"  # unbalanced parenthesis: invalid, with a message
df_dhprev = "sigma_prime(W@x + Uf@h_prev)*Uf"  # unknown name W: invalid, lists the allowed names
forget_gate_argmax = 3  # not an expression
conv_a_shape = (26, 28)
conv_b_shape = (31, 30)

weights = [1, 2, 3]
conv_c_input_size = weights[10]  # IndexError: everything below is never set

conv_d_params = 100352
conv_d_mults = 2508800

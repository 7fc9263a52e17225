"""The seed student's week08 answers (shared/seeds/004_6fa2cc6072ee3e1e.txt), transcribed.

The student answered the LSTM part only; the convolution answers are absent, so they are missing here too.
Where the written notation is ambiguous, the comment says which reading this file takes.
"""
c_prev_depends_on_h_prev = False
c_prev_depends_on_h_prev_why = (
    "The previous cell state c_{t-1} is carried over from the previous LSTM cell. "
    "h_{t-1}, the hidden state carried over from the previous LSTM cell, is used to compute c_t, the cell "
    "state for the current cell; therefore only c_t is a function of h_{t-1}, and c_{t-1} never is."
)

# The student's final line: tanh(c_t) ∘ ∂o/∂h + o_t ∘ [(1 - tanh²(c_t)) (c_{t-1} ∘ ∂f/∂h + u_t ∘ ∂i/∂h
# + i_t ∘ ∂u/∂h)]. The juxtaposition of (1 - tanh²(c_t)) with the bracket is read as elementwise, as the
# student's own ∘ elsewhere in the line.
dh_dhprev = "tanh(c)*Do + o*((1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du))"

# σ'(z) = (1 - σ(z)) · σ(z)
sigmoid_prime = "(1 - sigma(z))*sigma(z)"

# ∂f_t/∂h_{t-1} = U_f · σ'(W_f x_t + U_f h_{t-1}). The student writes U_f first and "·" between a k x k
# matrix and a vector-valued σ'; read as the matrix product with σ' on the diagonal, in the student's
# order: U_f diag(σ'(·)), i.e. the columns scaled. (Read elementwise, U_f ∘ σ'(·) would broadcast σ' over
# the columns as well, which is not what the written order of a Jacobian product says.)
df_dhprev = "Uf@diag(sigma_prime(Wf@x + Uf@h_prev))"

# ĥ_{t-1} = U_f^{(d)} / ||U_f^{(d)}||
forget_gate_argmax = "Uf_d/norm(Uf_d)"

# "W_f^{(d)} · x_t does not affect the argmax nor the max"
argmax_depends_on_Wx = False
max_depends_on_Wx = False
depends_why = (
    "Given x_t = 0, W_f^{(d)} · x_t does not affect the argmax nor the max, as the expression "
    "argmax σ(W_f^{(d)} · x_t + U_f^{(d)} · h_{t-1}) reduces to argmax σ(U_f^{(d)} · h_{t-1}) when "
    "W_f^{(d)} · x_t = 0."
)

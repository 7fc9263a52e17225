# answers as strings in the grader's notation
sigmoid_prime = "exp(-z)/(1 + exp(-z))^2"
dh_dhprev = 'tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)'
forget_gate_argmax = "Uf_d/norm(Uf_d)"
why = """Because the forget gate multiplies the previous cell state,
its Jacobian scales the rows."""
c_prev_depends_on_h_prev = False

# Hostile strings as answers: the grader must refuse them without evaluating anything.
dh_dhprev = "__import__('os').system('touch /tmp/grader-hostile-pwned')"
sigmoid_prime = "z.__class__.__mro__[1].__subclasses__()"
df_dhprev = "Uf ** 9 ** 9 ** 9 ** 9"
forget_gate_argmax = "(lambda: 1)()"

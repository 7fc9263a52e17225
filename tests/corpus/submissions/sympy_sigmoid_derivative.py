import sympy as sp

z = sp.symbols('z')
sigmoid = 1/(1 + sp.exp(-z))
sigmoid_prime = sp.simplify(sp.diff(sigmoid, z))
# check it against sigma(1 - sigma)
matches_identity = sp.simplify(sigmoid_prime - sigmoid*(1 - sigmoid)) == 0
print("sigma'(z) =", sigmoid_prime)

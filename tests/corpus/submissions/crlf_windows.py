import sympy as sp

z = sp.Symbol("z")
sigmoid_prime = sp.exp(-z) / (1 + sp.exp(-z))**2
explanation = """The derivative
of the sigmoid
"""
lines = explanation.count("\n")
if True:
    inside_block = 1 + \
        2

import sympy as sp

x = sp.symbols("x")


def taylor(expr, order):
    """Taylor polynomial around 0 without the O() term."""
    return sp.series(expr, x, 0, order).removeO()


tanh_poly = taylor(sp.tanh(x), 6)
exp_poly = taylor(sp.exp(x), 4)
coefficient_x3 = tanh_poly.coeff(x, 3)
print(tanh_poly)

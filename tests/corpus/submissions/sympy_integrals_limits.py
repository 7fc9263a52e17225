from sympy import *

x = symbols("x")
area = integrate(x*exp(-x), (x, 0, oo))
antiderivative = integrate(1/(1 + x**2), x)
lim_sinc = limit(sin(x)/x, x, 0)
lim_growth = limit((1 + 1/x)**x, x, oo)
improper_converges = area.is_finite

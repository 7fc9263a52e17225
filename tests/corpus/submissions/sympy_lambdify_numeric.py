import numpy as np
import sympy as sp

t = sp.symbols("t")
expr = sp.sin(t)**2 + sp.cos(t)**2
f = sp.lambdify(t, expr, "numpy")
grid = np.linspace(0, 1, 5)
values = f(grid)
max_deviation = float(np.max(np.abs(values - 1)))
identity_holds = bool(np.allclose(values, 1))

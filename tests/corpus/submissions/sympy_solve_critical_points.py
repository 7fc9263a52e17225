import sympy as sp

x = sp.Symbol('x', real=True)
f = x**3 - 6*x**2 + 9*x + 1
critical_points = sp.solve(sp.diff(f, x), x)
second = sp.diff(f, x, 2)
kinds = ["max" if second.subs(x, c) < 0 else "min" for c in critical_points]
local_max_value = f.subs(x, critical_points[kinds.index("max")])
number_of_critical_points = len(critical_points)

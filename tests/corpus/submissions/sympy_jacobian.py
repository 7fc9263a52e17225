import sympy as sp

x, y = sp.symbols("x y")
F = sp.Matrix([x**2*y, 5*x + sp.sin(y)])
J = F.jacobian([x, y])
det_J = sp.factor(J.det())
J_at_origin = J.subs({x: 0, y: 0})
shape_of_J = J.shape

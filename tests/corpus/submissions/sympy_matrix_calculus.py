import sympy as sp

w1, w2, x1, x2 = sp.symbols("w1 w2 x1 x2")
w = sp.Matrix([w1, w2])
x = sp.Matrix([x1, x2])
loss = (1 - (w.T * x)[0])**2
gradient = sp.Matrix([sp.diff(loss, v) for v in (w1, w2)])
hessian = sp.hessian(loss, (w1, w2))
hessian_rank = hessian.rank()

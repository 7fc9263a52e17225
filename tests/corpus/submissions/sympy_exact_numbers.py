import sympy as sp

learning_rate = sp.Rational(1, 80)
batch_count = sp.Integer(100352) // 32
dropout = sp.Float(0.25)
is_convex = sp.true
is_bounded = sp.false
ratio = sp.nsimplify(0.375)
half = sp.S.Half

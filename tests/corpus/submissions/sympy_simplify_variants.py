import sympy as sp

z = sp.symbols("z", real=True)
s = 1 / (1 + sp.exp(-z))
forms = {
    "simplify": sp.simplify(sp.diff(s, z)),
    "factor": sp.factor(sp.diff(s, z)),
    "together": sp.together(sp.diff(s, z)),
}
all_equal = all(sp.simplify(f - forms["simplify"]) == 0 for f in forms.values())
at_zero = forms["simplify"].subs(z, 0)

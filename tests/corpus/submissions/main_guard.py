import sympy as sp


def derivative_of_tanh():
    z = sp.Symbol("z")
    return sp.diff(sp.tanh(z), z)


if __name__ == "__main__":
    tanh_prime = derivative_of_tanh()
    tanh_prime_text = str(tanh_prime)
    ran_as_script = True
else:
    ran_as_script = False

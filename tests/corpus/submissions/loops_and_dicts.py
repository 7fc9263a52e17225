sizes = {}
for name, (n, k, s) in {"a": (28, 3, 1), "b": (64, 5, 2), "c": (53, 9, 3)}.items():
    sizes[name] = (n - k) // s + 1

squares = {i: i * i for i in range(5)}
evens = [i for i in range(20) if i % 2 == 0]
nested = [[r * c for c in range(3)] for r in range(3)]
flags = {True: "yes", False: "no"}[len(evens) > 5]

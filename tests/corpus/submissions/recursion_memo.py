from functools import lru_cache, reduce
import operator


@lru_cache(maxsize=None)
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)


grid_paths = paths(10, 10)
product_of_dims = reduce(operator.mul, [26, 28, 3])
fib = [0, 1]
while len(fib) < 30:
    fib.append(fib[-1] + fib[-2])
fib_30 = fib[-1]

from itertools import combinations, permutations, product
from math import comb, factorial, perm

pairs = len(list(combinations(range(8), 2)))
orderings = sum(1 for _ in permutations("abcd"))
binary_strings = len(list(product([0, 1], repeat=6)))
checks = [comb(8, 2) == pairs, factorial(4) == orderings, perm(5, 2)]

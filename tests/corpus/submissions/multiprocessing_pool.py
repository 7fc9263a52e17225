import multiprocessing as mp


def square(v):
    return v * v


def count_primes(limit):
    return sum(all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit))


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        squares = pool.map(square, range(10))
        prime_counts = pool.map(count_primes, [10, 100, 1000])
    total = sum(squares)

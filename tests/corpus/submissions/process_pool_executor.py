from concurrent.futures import ProcessPoolExecutor


def mults(shape):
    h, w, k, c_in, c_out = shape
    return h * w * k * k * c_in * c_out


SHAPES = [(28, 28, 5, 1, 20), (24, 24, 3, 20, 50)]

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        conv_mults = list(pool.map(mults, SHAPES))

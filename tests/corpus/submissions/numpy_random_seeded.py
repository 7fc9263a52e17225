import numpy as np

rng = np.random.default_rng(2024)
samples = rng.normal(size=1000)
sample_mean = samples.mean()
sample_std = float(samples.std(ddof=1))
legacy = np.random.RandomState(0).randint(0, 10, size=5)
np.random.seed(1)
coin_flips = int(np.random.binomial(10, 0.5))

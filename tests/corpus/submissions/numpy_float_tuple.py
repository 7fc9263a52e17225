import numpy as np

weights = np.array([0.5, 0.25, 0.125])
mean_and_std = (weights.mean(), weights.std())
normalized = tuple(weights / weights.sum())
as_list = list(np.float64(x) for x in [1.5, 2.5])
is_positive = np.all(weights > 0)
count_above = np.sum(weights > 0.2)

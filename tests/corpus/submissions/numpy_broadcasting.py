import numpy as np

k = 4
v = np.arange(1, k + 1).reshape(k, 1)
M = np.eye(k)
rows_scaled = v * M
same_as_diag = bool(np.array_equal(rows_scaled, np.diag(v.ravel()) @ M))
outer_shape = (v @ v.T).shape
trace = np.trace(v @ v.T)
dtype_name = str(rows_scaled.dtype)

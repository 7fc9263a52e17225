import numpy as np

A = np.array([[4.0, 1.0], [2.0, 3.0]])
b = np.array([1.0, 2.0])
x = np.linalg.solve(A, b)
eigenvalues = np.sort(np.linalg.eigvals(A).real)
determinant = np.linalg.det(A)
rank = np.linalg.matrix_rank(A)
residual_small = bool(np.linalg.norm(A @ x - b) < 1e-12)

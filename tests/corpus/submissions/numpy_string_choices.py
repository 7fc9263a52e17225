import numpy as np

options = np.array(["sigmoid", "tanh", "relu"])
scores = np.array([0.2, 0.9, 0.5])
best_activation = options[np.argmax(scores)]
ranking = options[np.argsort(-scores)]
first_letter = best_activation[0]

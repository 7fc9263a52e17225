# Saved by Notepad on Windows, with a byte-order mark
sigmoid_prime = "exp(-z)/(1 + exp(-z))**2"
note = "σ′(z) = σ(z)(1 − σ(z))"
conv_a_shape = (26, 28)

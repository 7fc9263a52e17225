import math

σ = lambda z: 1 / (1 + math.exp(-z))
σʹ = lambda z: σ(z) * (1 - σ(z))
Δ = 1e-6
numerical_derivative = (σ(0.3 + Δ) - σ(0.3 - Δ)) / (2 * Δ)
exact_derivative = σʹ(0.3)
close = abs(numerical_derivative - exact_derivative) < 1e-8
名前 = "学生"

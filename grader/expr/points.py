"""Seeded random points that respect each symbol's domain, drawn at several scales."""
from __future__ import annotations

import hashlib
from typing import Iterable

import numpy as np

from grader.expr.context import ExprContext, SymbolSpec

# Published self-check files hold values at points drawn here and record this number: bump it when the
# same seed and context give other points (tests/test_selfcheck_versions.py pins the drawing).
POINTS_VERSION = 1
SCALES = (1.0, 2.0, 0.5, 5.0, 0.2, 1.0, 20.0, 0.05)  # point i is drawn at SCALES[i % len(SCALES)]


def rng_for(seed: int | str, salt: str = "") -> np.random.Generator:
    digest = hashlib.sha256(f"{seed}\0{salt}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


def draw_point(ctx: ExprContext, names: Iterable[str], rng: np.random.Generator, index: int) -> dict:
    """One point: dimension sizes (ints) and a value per name (float, complex, int or ndarray)."""
    scale = SCALES[index % len(SCALES)]
    names = sorted(names)
    dims = {name: int(rng.integers(dim.low, dim.high + 1)) for name, dim in sorted(ctx.dims.items())}
    point: dict = dict(dims)
    for name in names:
        spec = ctx.symbols[name]
        size = tuple(dims[s] if isinstance(s, str) else s for s in spec.shape)
        values = [_draw_scalar(spec, rng, scale) for _ in range(int(np.prod(size)) if size else 1)]
        point[name] = np.array(values).reshape(size) if size else values[0]
    return point


def draw_points(ctx: ExprContext, seed: int | str, n: int) -> list[dict]:
    """`n` seeded points over every declared symbol (used to store reference values)."""
    rng = rng_for(seed, "points")
    return [draw_point(ctx, ctx.symbols, rng, index) for index in range(n)]


def _draw_scalar(spec: SymbolSpec, rng: np.random.Generator, scale: float):
    if spec.domain == "interval":
        low, high = (float(bound) for bound in spec.interval)
        return float(low + (high - low) * rng.uniform(0.02, 0.98))
    if spec.domain == "integer":
        bound = max(3, int(round(5 * scale)))
        value = int(rng.integers(1, bound + 1))
        return value if rng.random() < 0.6 else -value
    magnitude = scale * float(rng.uniform(0.1, 1.0))
    if spec.domain in ("positive", "nonnegative"):
        return magnitude
    if spec.domain == "negative":
        return -magnitude
    real = magnitude if rng.random() < 0.5 else -magnitude
    if spec.domain == "complex":
        imaginary = scale * float(rng.uniform(0.1, 1.0)) * (1 if rng.random() < 0.5 else -1)
        return complex(real, imaginary)
    return real

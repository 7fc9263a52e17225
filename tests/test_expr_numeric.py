"""Seeded points that respect the declarations, and values that follow the notation's semantics."""
from __future__ import annotations

import numpy as np
import pytest

from test_expr_support import REF_1D, scalars, week08
from grader.expr import ExprContext, draw_points, evaluate, parse
from grader.expr.symbolic import prove


def test_points_are_seeded_and_respect_domains_and_dims():
    ctx = ExprContext.from_declarations({"t": "positive", "n": "integer", "a": {"interval": [2, 3]},
                                         "w": "complex", "k": {"dim": "3..6"}, "M": {"shape": ["k", 2]}})
    points = draw_points(ctx, "week08", 40)
    assert [str(p) for p in points] == [str(p) for p in draw_points(ctx, "week08", 40)]
    assert str(points) != str(draw_points(ctx, "other seed", 40))
    for point in points:
        assert point["t"] > 0 and isinstance(point["n"], int) and 2 < point["a"] < 3
        assert isinstance(point["w"], complex) and point["w"].imag != 0
        assert 3 <= point["k"] <= 6 and point["M"].shape == (point["k"], 2)
    assert len({round(abs(p["t"]), 1) for p in points}) > 10  # several scales, not one cluster


def test_column_times_matrix_scales_rows_like_diag():
    ctx = week08()
    point = draw_points(ctx, 5, 1)[0]
    broadcast = evaluate(parse(REF_1D, ctx), ctx, point)
    with_diag = evaluate(parse("diag(sigma_prime(Wf@x + Uf@h_prev))@Uf", ctx), ctx, point)
    columns = evaluate(parse("Uf@diag(sigma_prime(Wf@x + Uf@h_prev))", ctx), ctx, point)
    assert broadcast.shape == (point["k"], point["k"]) and broadcast.dtype == np.float64
    np.testing.assert_allclose(broadcast, with_diag, rtol=1e-14)
    assert not np.allclose(broadcast, columns)


def test_evaluate_matches_numpy():
    ctx = week08()
    point = draw_points(ctx, 9, 1)[0]
    value = evaluate(parse("Uf_d/norm(Uf_d) + tanh(c).T@c", ctx), ctx, point)
    expected = point["Uf_d"] / np.linalg.norm(point["Uf_d"]) + np.tanh(point["c"]).T @ point["c"]
    np.testing.assert_allclose(value, expected, rtol=1e-12)


def test_principal_branch_gives_complex_values():
    ctx = scalars(x="real")
    assert evaluate(parse("sqrt(x)", ctx), ctx, {"x": -4.0}) == pytest.approx(2j)
    assert evaluate(parse("log(x)", ctx), ctx, {"x": -1.0}) == pytest.approx(np.pi * 1j)


def test_no_underflow_at_high_powers():
    ctx = scalars(x="real")
    value = evaluate(parse("(x/x)*0.5**2000*2**2000", ctx), ctx, {"x": 3.0})
    assert value == 1.0


def test_a_proof_that_runs_too_long_is_stopped_and_the_pool_recovers():
    ctx = scalars(x="real")
    slow = prove(parse("(x + 1)**3000*(x - 1)**3000", ctx).node, parse("(x**2 - 1)**3000", ctx).node, ctx, 0.3)
    assert slow.status == "timeout"
    quick = prove(parse("x + x", ctx).node, parse("2*x", ctx).node, ctx, 30)
    assert quick.status == "equal"


def test_evaluate_is_bounded_in_time():
    from grader.expr.numeric import Undefined

    ctx = ExprContext.from_declarations({"k": {"dim": 64}, "A": {"shape": ["k", "k"]}})
    point = draw_points(ctx, 0, 1)[0]
    with pytest.raises(Undefined, match="no value within 0.01 s"):
        evaluate(parse("tanh(A@A@A@A@A@A@A@A)", ctx), ctx, point, time_limit_s=0.01)

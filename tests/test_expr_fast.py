"""Double precision decides only what it can vouch for: equal pairs never DIFFER, clear differences are
found, and cancellation or saturation is left to mpmath (UNSURE)."""
from __future__ import annotations

import pytest

from grader.expr import fast, parse
from grader.expr.points import draw_point, rng_for
from test_expr_support import REF_1B, REF_1C, REF_1D, week08

EQUAL = [
    (REF_1B, "Do*tanh(c) + o*c_prev*(1 - tanh(c)^2)*Df + o*u*(1 - tanh(c)^2)*Di + (1 - tanh(c)^2)*o*i*Du"),
    (REF_1C, "exp(-z)/(1 + exp(-z))**2"),
    (REF_1C, "1/(4*cosh(z/2)**2)"),
    (REF_1D, "sigma(Wf@x + Uf@h_prev)*(1 - sigma(Wf@x + Uf@h_prev))*Uf"),
    (REF_1D, "diag(sigma_prime(Uf@h_prev + Wf@x))@Uf"),
]
UNEQUAL = [
    (REF_1B, "tanh(c)*Do + o*(1 - tanh(c)**2)*(u*Di + i*Du)"),
    (REF_1C, "sigma(z)*(1 + sigma(z))"),
    (REF_1D, "Uf@diag(sigma_prime(Wf@x + Uf@h_prev))"),
]


def _findings(a: str, b: str, count: int = 24):
    ctx = week08()
    left, right = parse(a, ctx).node, parse(b, ctx).node
    names = {n.value for tree in (left, right) for n in tree.walk() if n.op == "sym"}
    rng = rng_for(4, "fast")
    return [fast.judge(left, right, draw_point(ctx, names, rng, i), rtol=0, atol=0).finding for i in range(count)]


@pytest.mark.parametrize("a, b", EQUAL)
def test_equal_pairs_never_differ_in_double_precision(a, b):
    findings = _findings(a, b)
    assert fast.Finding.DIFFER not in findings
    assert findings.count(fast.Finding.AGREE) >= len(findings) // 2


@pytest.mark.parametrize("a, b", UNEQUAL)
def test_clear_differences_are_found(a, b):
    assert fast.Finding.DIFFER in _findings(a, b, 6)


def test_saturated_sigma_is_left_to_mpmath():
    ctx = week08()
    answer, reference = parse(EQUAL[3][1], ctx).node, parse(REF_1D, ctx).node
    point = draw_point(ctx, {"Wf", "x", "Uf", "h_prev"}, rng_for(2, "saturated"), 0)
    point["h_prev"] = point["h_prev"] * 0 + 200.0 / point["Uf"].shape[0]
    point["Uf"] = abs(point["Uf"]) + 1
    assert fast.judge(answer, reference, point, rtol=0, atol=0).finding is not fast.Finding.DIFFER


def test_a_tiny_constant_offset_is_not_vouched_for():
    findings = _findings(REF_1C, REF_1C + " + 1e-13")
    assert fast.Finding.AGREE not in findings

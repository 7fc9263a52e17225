"""The normal form: spellings that differ in spacing, order of terms and factors, or grouping meet;
different expressions do not; and the normal form has the same value and domain as the tree."""
from __future__ import annotations

import pytest

from test_expr_support import REF_1B, week08
from grader.expr import parse
from grader.expr.normal import key, normal_form
from grader.expr.numeric import Undefined, value_at
from grader.expr.points import draw_points

SAME = [
    (REF_1B, "o*(1-tanh(c)**2)*(i*Du + u*Di + c_prev*Df) + Do*tanh(c)"),
    ("sigma_prime(Wf@x + Uf@h_prev)*Uf", "Uf * sigma_prime( Uf@h_prev + Wf@x )"),
    ("z*(z*2)", "(2*z)*z"),
    ("-z*sigma(z)/(2*z)", "-(sigma(z)*z)/(z*2)"),
    ("Uf@(Uf@Uf_d)", "(Uf@Uf)@Uf_d"),
    ("z - (1 - z)", "z + z - 1"),
]
DIFFERENT = [("Uf@Df", "Df@Uf"), ("z - 1", "1 - z"), ("z/(z + 1)", "(z + 1)/z"), ("Uf.T", "Uf")]


@pytest.mark.parametrize("first, second", SAME)
def test_spellings_meet(first, second):
    ctx = week08()
    assert key(parse(first, ctx).node) == key(parse(second, ctx).node)


@pytest.mark.parametrize("first, second", DIFFERENT)
def test_different_expressions_stay_apart(first, second):
    ctx = week08()
    assert key(parse(first, ctx).node) != key(parse(second, ctx).node)


@pytest.mark.parametrize("text", [first for first, _ in SAME] + ["(z + 1)/(z*(z - 2))", "1/(2*Uf_d)"])
def test_the_normal_form_has_the_same_values(text):
    ctx = week08()
    tree = parse(text, ctx).node
    for point in draw_points(ctx, 3, 3):
        before, after = value_at(tree, point, 40), value_at(normal_form(tree), point, 40)
        assert abs(complex(sum((before - after).flat) if hasattr(before, "flat") else before - after)) < 1e-30


def test_the_normal_form_keeps_the_domain():
    ctx = week08()
    tree = normal_form(parse("z/(z/(z - z))", ctx).node)  # undefined everywhere, not z*(z - z)/z
    with pytest.raises(Undefined):
        value_at(tree, {"z": 0.5}, 30)

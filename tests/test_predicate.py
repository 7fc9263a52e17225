"""Conditions on integer answers are computed exactly and never run as Python."""
from __future__ import annotations

import pytest

from grader.check.predicate import compile_predicate


def test_conv_input_size_condition_accepts_exactly_52_to_54():
    predicate = compile_predicate("floor((n + 2*1 - 9)/3) + 1 == 16")
    assert [n for n in range(40, 70) if predicate.holds(n)] == [52, 53, 54]


@pytest.mark.parametrize("text, words", [
    ("__import__('os').system('true') == 0", "only floor, ceil, abs"),
    ("n.real == 1", "Attribute"),
    ("m == 1", "unknown name `m`"),
    ("n + 1", "must compare"),
    ("[n][0] == 1", "not allowed"),
    ("'a' == n", "only numbers"),
    ("floor(n == 1", "does not parse"),
])
def test_conditions_outside_the_whitelist_are_refused(text, words):
    with pytest.raises(ValueError, match=words):
        compile_predicate(text)


def test_huge_powers_are_refused_not_computed():
    predicate = compile_predicate("n ** (9 ** 9) == 1")
    with pytest.raises(ValueError, match="at most 64"):
        predicate.holds(3)


def test_division_by_zero_is_a_message():
    with pytest.raises(ValueError, match="divides by zero"):
        compile_predicate("1 / (n - 3) == 1").holds(3)

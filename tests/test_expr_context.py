"""Symbol declarations as the YAML writes them; each mistake names the symbol and the problem."""
from __future__ import annotations

from fractions import Fraction

import pytest

from grader.expr import ExprContext


def test_week08_declarations_read():
    ctx = ExprContext.from_declarations({"z": "real", "k": {"dim": "3..6"}, "t": {"domain": "positive"},
                                         "a": {"interval": [0, 1]}, "n": "integer", "Uf": {"shape": ["k", "k"]},
                                         "v": {"shape": ["k"]}, "two": {"dim": 2}})
    assert ctx.names == ("Uf", "a", "n", "t", "v", "z")
    assert ctx.dims["k"].low == 3 and ctx.dims["k"].high == 6
    assert ctx.symbols["a"].interval == (Fraction(0), Fraction(1))
    assert ctx.symbols["v"].shape == ("k", 1)
    assert "sigma_prime" in ctx.functions and "diag" in ctx.functions


BAD = [
    ({"z": "reel"}, "symbol `z`: unknown domain 'reel'"),
    ({"k": {"dim": "three"}}, "symbol `k`: dim must look like 3..6"),
    ({"k": {"dim": "6..3"}}, "symbol `k`: dim range 6..3"),
    ({"x": {"shape": ["d", 1]}}, "symbol `x`: shape uses `d`, which is not declared"),
    ({"x": {"shape": [0, 1]}}, "symbol `x`: shape entries must be positive"),
    ({"x": {"shape": "k"}}, "symbol `x`: shape must be [rows, cols]"),
    ({"a": {"interval": [1, 0]}}, "symbol `a`: interval [1, 0] is empty"),
    ({"a": {"interval": "wide"}}, "symbol `a`: interval must be [low, high]"),
    ({"a": {"domain": "interval"}}, "symbol `a`: domain interval needs"),
    ({"a": {"range": [0, 1]}}, "symbol `a`: unknown keys ['range']"),
    ({"exp": "real"}, "symbol `exp`: clashes with the function"),
    ({"2x": "real"}, "symbol '2x': not a valid name"),
    ({"_x": "real"}, "symbol `_x`: names may not start with _"),
    ({"z": 3}, "symbol `z`: expected a domain name or a mapping"),
]


@pytest.mark.parametrize("declarations, message", BAD, ids=[m.split(":")[1].strip()[:30] for _, m in BAD])
def test_bad_declarations_name_the_symbol(declarations, message):
    with pytest.raises(ValueError) as caught:
        ExprContext.from_declarations(declarations)
    assert message in str(caught.value)


def test_unknown_function_in_the_allowed_list():
    with pytest.raises(ValueError, match="unknown function 'sigmoid'"):
        ExprContext.from_declarations({"z": "real"}, functions=["sigmoid"])

"""Shared contexts for the expression-engine tests (no tests here): week08's symbols and scalar domains."""
from __future__ import annotations

from grader.expr import ExprContext

WEEK08_SYMBOLS: dict = {"z": "real", "k": {"dim": "3..6"}, "d": {"dim": "2..5"}, "x": {"shape": ["d", 1]},
                        "Uf": {"shape": ["k", "k"]}, "Wf": {"shape": ["k", "d"]}}
WEEK08_SYMBOLS.update({name: {"shape": ["k", 1]} for name in "i f o u c c_prev h_prev Uf_d".split()})
WEEK08_SYMBOLS.update({name: {"shape": ["k", "k"]} for name in "Di Df Do Du".split()})

REF_1B = "tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)"
REF_1C = "sigma(z)*(1 - sigma(z))"
REF_1D = "sigma_prime(Wf@x + Uf@h_prev)*Uf"
REF_1E = "Uf_d/norm(Uf_d)"


def week08() -> ExprContext:
    return ExprContext.from_declarations(WEEK08_SYMBOLS)


def scalars(**domains: str | dict) -> ExprContext:
    return ExprContext.from_declarations(domains)

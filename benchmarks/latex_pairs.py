"""The peer pairs as LaTeX: each side printed by sympy's LaTeX printer (trusted fixture text, so sympy
may read it), then judged by the engine through the LaTeX reader, and by math-verify where installed.

Used by `peer_equivalence.py --latex`; the engine never sees sympy's objects, only the printed LaTeX.
"""
from __future__ import annotations

import dataclasses
import time
from collections import Counter

from grader.expr import ExprContext, ExprError, equivalent
from grader.expr.latex import read_latex

ASSUMPTIONS = {"real": {"real": True}, "positive": {"positive": True}, "integer": {"integer": True}, "complex": {}}


def _sympy_names(case: dict, ctx: ExprContext) -> dict:
    import sympy

    domains = case.get("domain") or {}
    names = {name: sympy.Symbol(name, **ASSUMPTIONS[domains.get(name, "real")]) for name in ctx.symbols}
    names.update({name: sympy.MatrixSymbol(name, *shape) for name, shape in (case.get("matrices") or {}).items()})
    return names


def spelled(ctx: ExprContext, names: dict) -> dict[str, str]:
    """How sympy prints each symbol; where two print alike (x1 and x_1 both as x_{1}), the one without
    an underscore is printed upright by name, as a course would have to."""
    import sympy

    printed = {name: sympy.latex(names[name]) for name in ctx.symbols}
    counts = Counter(printed.values())
    return {name: (rf"\mathrm{{{name}}}" if counts[text] > 1 and name.isalnum() else text)
            for name, text in printed.items()}


def render(case: dict, ctx: ExprContext) -> tuple[str, str, ExprContext]:
    """Both sides as LaTeX, and the context whose symbols carry sympy's spellings."""
    import sympy

    names = _sympy_names(case, ctx)
    spellings = spelled(ctx, names)
    symbol_names = {names[name]: text for name, text in spellings.items() if isinstance(names[name], sympy.Symbol)}

    def one(text: str) -> str:
        try:
            expr = sympy.sympify(text, locals=names, evaluate=False)  # keep the pair's form
        except Exception:  # sympy cannot hold some matrix products unevaluated
            expr = sympy.sympify(text, locals=names)
        return sympy.latex(expr, imaginary_unit="ri", symbol_names=symbol_names)

    symbols = {name: dataclasses.replace(spec, latex=(spellings[name],)) for name, spec in ctx.symbols.items()}
    return one(case["a"]), one(case["b"]), dataclasses.replace(ctx, symbols=symbols)


def run_engine_latex(case: dict, ctx: ExprContext, seed: int = 0) -> dict:
    start = time.perf_counter()
    rtol = float((case.get("tolerance") or {}).get("rtol", 0.0))
    a, b, latex_ctx = render(case, ctx)
    outcome = {"latex_a": a, "latex_b": b}
    try:
        verdict = equivalent(read_latex(a, latex_ctx), read_latex(b, latex_ctx), latex_ctx, rtol=rtol, atol=0.0,
                             seed=seed)
        outcome.update(verdict=verdict.status.value, method=verdict.method, note=verdict.note)
    except (ExprError, ValueError) as exc:
        outcome.update(verdict="undecided", method=f"cannot read the LaTeX: {exc}", note="parse_error")
    outcome["seconds"] = time.perf_counter() - start
    return outcome


def math_verify_available() -> bool:
    try:
        import math_verify  # noqa: F401
    except ImportError:
        return False
    return True


def run_math_verify(latex_a: str, latex_b: str) -> dict:
    """math-verify's verdict on the same LaTeX (its own parser; a failure to parse is `error`)."""
    from math_verify import parse, verify

    start = time.perf_counter()
    try:
        gold, answer = parse(f"${latex_a}$"), parse(f"${latex_b}$")
        verdict = ("equal" if verify(gold, answer) else "not_equal") if gold and answer else "error:parse"
    except Exception as exc:  # its failures are data, not crashes
        verdict = f"error:{type(exc).__name__}"
    return {"verdict": verdict, "seconds": time.perf_counter() - start}

"""Run the equivalence engine over expression pairs that peer graders judged, beside bare sympy.

    python benchmarks/peer_equivalence.py [CASES_JSON] [--json OUT] [--baseline-timeout S] [--no-baseline] [--latex]

CASES_JSON defaults to ../shared/benchmarks/peer_equivalence.json beside the repository. Each case
has `a`, `b`, `equal` and optionally `domain` (symbol -> real|positive|integer|complex), `matrices`
(symbol -> [rows, cols]; there `*` between matrices is the matrix product, as in sympy) and
`tolerance` ({"rtol": ...}); without a tolerance the engine is asked for exact equality.
The engine reads the strings with its own safe parser; only the baseline hands these trusted
fixture strings to sympy. With --latex every pair is also printed to LaTeX by sympy's printer and
judged through the engine's LaTeX reader (benchmarks/latex_pairs.py), beside the plain reading, and,
where math-verify is installed (the `bench` extra), beside math-verify's verdict on the same LaTeX.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from grader.expr import ExprContext, ExprError, equivalent  # noqa: E402
from grader.expr.functions import CONSTANTS, known  # noqa: E402
from grader.expr.symbolic import warm_up  # noqa: E402
from grader.expr.tokens import tokenize  # noqa: E402

DEFAULT_CASES = ROOT.parent / "shared" / "benchmarks" / "peer_equivalence.json"


def case_context(case: dict) -> ExprContext:
    """Every name in the pair that is not a function or constant is a symbol (real by default).
    A name followed by `(` is a call, never a symbol: an unknown one is "unknown function", not a product."""
    names = set()
    for text in (case["a"], case["b"]):
        tokens = tokenize(text, lambda name: True)  # no implicit products: a call stays a call
        for token, following in zip(tokens, tokens[1:] + [None]):
            called = following is not None and following.text == "("
            if token.kind == "name" and not called and not known(token.text) and token.text not in CONSTANTS:
                names.add(token.text)
    domains, matrices = case.get("domain") or {}, case.get("matrices") or {}
    symbols = {name: {"domain": domains.get(name, "real")} for name in sorted(names)}
    for name, shape in matrices.items():
        symbols[name] = {"shape": list(shape)}
    return ExprContext.from_declarations(symbols, star_is_matmul=bool(matrices))


def run_engine(case: dict, seed: int = 0) -> dict:
    start = time.perf_counter()
    rtol = float((case.get("tolerance") or {}).get("rtol", 0.0))
    try:
        verdict = equivalent(case["a"], case["b"], case_context(case), rtol=rtol, atol=0.0, seed=seed)
        outcome = {"verdict": verdict.status.value, "method": verdict.method, "note": verdict.note}
    except (ExprError, ValueError) as exc:
        outcome = {"verdict": "undecided", "method": f"cannot read the pair: {exc}", "note": "parse_error"}
    outcome["seconds"] = time.perf_counter() - start
    return outcome


def _sympy_equals(case: dict, sender) -> None:
    import sympy

    assumptions = {"real": {"real": True}, "positive": {"positive": True}, "integer": {"integer": True},
                   "complex": {}}
    names = {name: sympy.Symbol(name, **assumptions[domain]) for name, domain in (case.get("domain") or {}).items()}
    names.update({name: sympy.MatrixSymbol(name, *shape) for name, shape in (case.get("matrices") or {}).items()})
    try:
        a, b = (sympy.sympify(case[key], locals=names) for key in ("a", "b"))  # trusted fixture text
        result = a.equals(b)
        verdict = "undecided" if result is None else ("equal" if result else "not_equal")
    except Exception as exc:  # the baseline's failures are data, not crashes
        verdict = f"error:{type(exc).__name__}"
    sender.send_bytes(verdict.encode())  # plain bytes: nothing from a child is unpickled


def run_baseline(case: dict, timeout: float) -> dict:
    """Bare sympy `a.equals(b)` in a forked child, stopped after `timeout` seconds."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    start = time.perf_counter()
    child = context.Process(target=_sympy_equals, args=(case, sender))
    child.start()
    verdict = receiver.recv_bytes(64).decode() if receiver.poll(timeout) else f"timeout>{timeout:g}s"
    if child.is_alive():
        child.kill()
    child.join()
    return {"verdict": verdict, "seconds": min(time.perf_counter() - start, timeout)}


def summarise(title: str, cases: list[dict], results: list[dict]) -> list[str]:
    expected = ["equal" if case["equal"] else "not_equal" for case in cases]
    verdicts = [result["verdict"] for result in results]
    agree = sum(v == e for v, e in zip(verdicts, expected))
    false_equal = sum(v == "equal" and e == "not_equal" for v, e in zip(verdicts, expected))
    false_unequal = sum(v == "not_equal" and e == "equal" for v, e in zip(verdicts, expected))
    undecided = sum(v not in ("equal", "not_equal") for v in verdicts)
    seconds = [result["seconds"] for result in results]
    methods = Counter(result.get("note") or result["verdict"].split(">")[0] for result in results)
    return [
        f"{title}",
        f"  agreement        {agree}/{len(cases)}",
        f"  judged equal but unequal {false_equal}; judged unequal but equal {false_unequal}",
        f"  undecided/error  {undecided}",
        f"  by method        {', '.join(f'{name} {count}' for name, count in sorted(methods.items()))}",
        f"  seconds per pair median {statistics.median(seconds):.3f}, worst {max(seconds):.3f}, "
        f"over 2 s {sum(second > 2 for second in seconds)}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--json", type=Path, help="write {'cases': [{a, b, verdict, method, seconds}]} here")
    parser.add_argument("--baseline-timeout", type=float, default=5.0)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--latex", action="store_true", help="also judge every pair printed as LaTeX")
    args = parser.parse_args(argv)
    cases = json.loads(args.cases.read_text())["cases"]
    warm_up()
    run_engine({"a": "x", "b": "x"})  # the worker's sympy import is start-up, not a pair's time
    engine = [run_engine(case) for case in cases]
    lines = summarise("engine (grader.expr.equivalent)", cases, engine)
    if not args.no_baseline:
        baseline = [run_baseline(case, args.baseline_timeout) for case in cases]
        lines += summarise("baseline (bare sympy a.equals(b), same run)", cases, baseline)
    if args.latex:
        lines += latex_lines(cases, engine)
    print("\n".join(lines))
    disagreements = [(index, case, result) for index, (case, result) in enumerate(zip(cases, engine))
                     if result["verdict"] != ("equal" if case["equal"] else "not_equal")]
    print(f"\ndisagreements with the peers: {len(disagreements)}")
    for index, case, result in disagreements:
        print(f"  #{index}: {case['a']}  vs  {case['b']}  peers: {'equal' if case['equal'] else 'not equal'}; "
              f"engine: {result['verdict']} ({result['method']})")
    if args.json:
        rows = [{"a": case["a"], "b": case["b"], "verdict": result["verdict"], "method": result["method"],
                 "seconds": round(result["seconds"], 4)} for case, result in zip(cases, engine)]
        args.json.write_text(json.dumps({"cases": rows}, indent=1))
    return 0


def latex_lines(cases: list[dict], engine: list[dict]) -> list[str]:
    """The same pairs printed as LaTeX: our LaTeX reading beside the plain one, and math-verify's."""
    from latex_pairs import math_verify_available, run_engine_latex, run_math_verify

    latex = [run_engine_latex(case, case_context(case)) for case in cases]
    lines = summarise("engine through the LaTeX reader (pairs printed by sympy.latex)", cases, latex)
    changed = [(i, plain, ours) for i, (plain, ours) in enumerate(zip(engine, latex)) if plain["verdict"] != ours["verdict"]]
    lines.append(f"  verdicts that differ from the plain reading: {len(changed)}")
    lines += [f"    #{i}: {ours['latex_a']}  vs  {ours['latex_b']}: plain {plain['verdict']}, LaTeX {ours['verdict']}"
              f" ({ours['method']})" for i, plain, ours in changed]
    if not math_verify_available():
        return lines + ["math-verify: not installed (pip install -e '.[bench]')"]
    verify = [run_math_verify(ours["latex_a"], ours["latex_b"]) for ours in latex]
    lines += summarise("math-verify on the same LaTeX (same run)", cases, verify)
    lines.append("  pairs where math-verify and the peers differ (peers / ours via LaTeX / math-verify):")
    for index, (case, ours, theirs) in enumerate(zip(cases, latex, verify)):
        peers = "equal" if case["equal"] else "not_equal"
        if theirs["verdict"] != peers:
            lines.append(f"    #{index}: {ours['latex_a']}  vs  {ours['latex_b']}: {peers} / {ours['verdict']} / "
                         f"{theirs['verdict']}")
    return lines


if __name__ == "__main__":
    sys.exit(main())

"""How long the LaTeX reader takes to read, or to refuse, the hostile table of tests/test_expr_latex.py
and the seed student's answers, beside the plain parser on the same inputs' plain counterparts.

    python benchmarks/latex_reader.py [--repeat N]

Every hostile input must be refused; the figures show it is refused about as fast as the plain parser
refuses (or reads) text of the same size, i.e. in milliseconds, with no expansion or evaluation.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from grader.expr import ExprError, parse  # noqa: E402
from grader.expr.latex import read_latex  # noqa: E402
from test_expr_latex import HOSTILE, ctx  # noqa: E402

SEED = [  # the seed student's final answers (examples/week08/seed_student_latex.ipynb) and their plain forms
    (r"\frac{\partial h_t}{\partial h_{t-1}} = \tanh(c_t) \circ \frac{\partial o_t}{\partial h_{t-1}} + o_t \circ "
     r"\left[ (1 - \tanh^2(c_t)) \left( c_{t-1} \circ \frac{\partial f_t}{\partial h_{t-1}} + u_t \circ "
     r"\frac{\partial i_t}{\partial h_{t-1}} + i_t \circ \frac{\partial u_t}{\partial h_{t-1}} \right) \right]",
     "tanh(c)*Do + o*((1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du))"),
    (r"\sigma'(z) = e^{-z} \cdot (1 + e^{-z})^{-2} = (1 - \sigma(z)) \cdot \sigma(z)", "(1 - sigma(z))*sigma(z)"),
    (r"\frac{U_f^{(d)}}{\|U_f^{(d)}\|}", "Uf_d/norm(Uf_d)"),
]
PLAIN_HOSTILE = ["(" * 2000 + "z" + ")" * 2000, "z**9**9**9", "z+" * 3000 + "z", "import os", "__import__('os')"]


def timed(read, text: str, repeat: int) -> tuple[float, str]:
    times, outcome = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            read(text)
            outcome = "read"
        except ExprError as exc:
            outcome = "refused: " + exc.message[:60]
        times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    context = ctx()
    latex, plain = (lambda text: read_latex(text, context)), (lambda text: parse(text, context))
    print(f"load average {os.getloadavg()[0]:.1f}; median of {args.repeat} runs each")
    print("hostile LaTeX (each must be refused):")
    worst = 0.0
    for text in HOSTILE:
        seconds, outcome = timed(latex, text, args.repeat)
        worst = max(worst, seconds)
        shown = text if len(text) <= 40 else f"{text[:30]}... ({len(text)} chars)"
        print(f"  {seconds * 1000:8.2f} ms  {shown!r:55}  {outcome}")
    print(f"  worst {worst * 1000:.2f} ms")
    print("baseline, the plain parser on hostile plain text (same run):")
    for text in PLAIN_HOSTILE:
        seconds, outcome = timed(plain, text, args.repeat)
        shown = text if len(text) <= 40 else f"{text[:30]}... ({len(text)} chars)"
        print(f"  {seconds * 1000:8.2f} ms  {shown!r:55}  {outcome}")
    print("the seed student's answers, LaTeX vs their plain transcription:")
    for text, transcription in SEED:
        ours, _ = timed(latex, text, args.repeat)
        theirs, _ = timed(plain, transcription, args.repeat)
        print(f"  LaTeX {ours * 1000:6.2f} ms  plain {theirs * 1000:6.2f} ms  {transcription}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

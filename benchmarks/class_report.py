"""What the HTML class report costs on a class of N submissions whose wrong answers repeat in many spellings.

    python benchmarks/class_report.py [--n 300] [--seed 0]

Builds N results for week08's expression questions 1b, 1c and 1d, each answer drawn from a pool of
right answers and common mistakes written several equivalent ways (as a class writes them), then times
the class summary with clustering by equivalence (the engine compares each distinct wrong answer with
the clusters so far) beside the baseline measured in the same run: grouping by exact text, no engine.
Prints per question the distinct wrong spellings and the clusters each way, and the page's render time.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.report.html import html_report  # noqa: E402
from grader.results import QuestionResult, Status, SubmissionResult  # noqa: E402
from grader.spec import load_spec  # noqa: E402
from grader.summary import summarize  # noqa: E402

S = ["sigma(z)", "1/(1 + exp(-z))"]
POOLS = {  # question: (points, [(status, score, [equivalent spellings])])
    "1c": (2, [
        (Status.CORRECT, 2, [f"{s}*(1 - {s})" for s in S] + ["exp(-z)/(1 + exp(-z))**2", "sigma(z) - sigma(z)**2"]),
        (Status.INCORRECT, 0, [f"{s}*(1 + {s})" for s in S] + ["sigma(z) + sigma(z)**2", "(1 + sigma(z))*sigma(z)",
                                                               "sigma(z)(sigma(z) + 1)"]),
        (Status.INCORRECT, 0, ["sigma(z)**2", "sigma(z)*sigma(z)", "1/(1 + exp(-z))**2"]),
        (Status.INCORRECT, 0, ["exp(-z)/(1 + exp(-z))", "1 - sigma(z)", "(1 + exp(z))**-1"]),
        (Status.INCORRECT, 0, ["sigma(z)*(1 - sigma(z)) + 1e-3"]),
    ]),
    "1d": (2, [
        (Status.CORRECT, 2, ["sigma_prime(Wf@x + Uf@h_prev)*Uf", "diag(sigma_prime(Wf@x + Uf@h_prev))@Uf"]),
        (Status.PARTIAL, 1, ["Uf@diag(sigma_prime(Wf@x + Uf@h_prev))", "Uf@diag(sigma_prime(Uf@h_prev + Wf@x))"]),
        (Status.INCORRECT, 0, ["sigma_prime(Wf@x + Uf@h_prev)*Uf.T", "diag(sigma_prime(Uf@h_prev + Wf@x))@Uf.T"]),
    ]),
    "1b": (4, [
        (Status.CORRECT, 4, ["tanh(c)*Do + o*(1 - tanh(c)**2)*(u*Di + i*Du + c_prev*Df)"]),
        (Status.PARTIAL, 2, ["tanh(c)*Do + o*(1 - tanh(c)**2)*(u*Di + i*Du)",
                             "Do*tanh(c) + o*(1 - tanh(c)**2)*(i*Du + u*Di)"]),
        (Status.INCORRECT, 0, ["tanh(c)*Do", "Do*tanh(c) + 0*Di"]),
    ]),
}


def synthetic_class(n: int, seed: int) -> list[SubmissionResult]:
    rng = random.Random(seed)
    results = []
    for i in range(n):
        questions = []
        for qid, (points, pool) in POOLS.items():
            status, score, spellings = rng.choices(pool, weights=[5, 3, 2, 1, 1][:len(pool)])[0]
            questions.append(QuestionResult(qid, qid, float(score), float(points), status, "feedback", "method",
                                            answer=rng.choice(spellings)))
        results.append(SubmissionResult(f"class/student{i:03d}.py", tuple(questions), seconds=rng.uniform(0.5, 3)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    spec = load_spec(ROOT / "assignments" / "week08.yaml")
    results = synthetic_class(args.n, args.seed)
    started = time.perf_counter()
    by_text = summarize("week08", 8.0, results)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    clustered = summarize("week08", 8.0, results, spec)
    engine = time.perf_counter() - started
    started = time.perf_counter()
    page = html_report(clustered)
    render = time.perf_counter() - started
    print(f"{args.n} submissions; load average {os.getloadavg()[0]:.1f}")
    for plain, q in zip(by_text.questions, clustered.questions):
        wrong = sum(c.count for c in q.clusters)
        print(f"  {q.id}: {wrong} wrong answers, {len(plain.clusters)} distinct spellings (baseline clusters), "
              f"{len(q.clusters)} clusters by equivalence; largest {q.clusters[0].count if q.clusters else 0}")
    print(f"summary by exact text (baseline): {baseline:.3f} s")
    print(f"summary by equivalence:           {engine:.3f} s ({engine / args.n * 1000:.1f} ms per submission)")
    print(f"HTML render: {render:.3f} s, {len(page) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()

"""Grade a realistic class of week08 submissions, each spelled differently, beside identical copies.

    python benchmarks/class.py [--n 1000] [--seed 8] [--jobs CORES] [--keep DIR]

Writes N seeded submissions in which every student spells answers in their own way (terms permuted,
factored or expanded, sigma written out, spacing, `^` or `**`, numpy types, equivalent alternatives)
and makes typical mistakes (a term dropped, rows and columns swapped, a wrong count, a syntax error
that costs one answer, a crash part way), each file with the score a fair grader gives it. It grades
the class with the public `grader grade` command, then N identical copies of one of those files in
the same run as the baseline, and prints per run: wall time, ms per submission, CPU of the whole
command, peak RSS of the grader process (compare N=300 with N=1000: it should not grow with the
class), checking time per question, distinct answers and distinct normal forms per question, and the
rows whose scores differ from the expected ones (which must be 0).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "assignments" / "week08.yaml"
IDS = ["1a", "1a-why", "1b", "1c", "1d", "1e", "1f", "1g", "1g-why", "2a", "2b", "2c", "2d", "2e", "2f", "2g"]
ANSWER = {"1a": "c_prev_depends_on_h_prev", "1a-why": "c_prev_depends_on_h_prev_why", "1b": "dh_dhprev",
          "1c": "sigmoid_prime", "1d": "df_dhprev", "1e": "forget_gate_argmax", "1f": "argmax_depends_on_Wx",
          "1g": "max_depends_on_Wx", "1g-why": "depends_why", "2a": "conv_a_shape", "2b": "conv_b_shape",
          "2c": "conv_c_input_size", "2d": "conv_d_params", "2e": "conv_d_mults", "2f": "conv_d_adds",
          "2g": "conv_e_params"}


# --- spelling: how one student writes the same mathematics ---------------------------------------

class Hand:
    """One student's writing habits, drawn once and used for every answer they write."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.power = rng.choice(["**", "**", "^"])
        self.spaced = rng.random() < 0.6
        self.squared = rng.choice(["pow", "pow", "pow", "product"])

    def op(self, symbol: str) -> str:
        """An operator with this student's spacing (and, now and then, a slip of the space bar)."""
        if symbol in ("*", "@", "**", "^"):
            return f" {symbol} " if self.spaced and self.rng.random() < 0.2 else symbol
        return f" {symbol} " if self.spaced or self.rng.random() < 0.2 else symbol

    def product(self, factors: list[str]) -> str:
        """Elementwise factors of a vector-times-matrix term commute: any order is right."""
        factors = list(factors)
        self.rng.shuffle(factors)
        return self.op("*").join(factors)

    def total(self, terms: list[str]) -> str:
        terms = list(terms)
        self.rng.shuffle(terms)
        return self.op("+").join(terms)

    def square(self, base: str) -> str:
        if self.squared == "product":
            return f"{base}{self.op('*')}{base}"
        return f"{base}{self.power}2"

    def one_minus_tanh2(self) -> str:
        square = self.square("tanh(c)")
        return self.rng.choice([f"(1{self.op('-')}{square})", f"(1{self.op('-')}{square})",
                                f"(-{square}{self.op('+')}1)", f"1/cosh(c){self.power}2"])

    def argument(self) -> str:
        """The forget gate's pre-activation Wf x + Uf h_{t-1}, in either order."""
        parts = [f"Wf{self.op('@')}x", f"Uf{self.op('@')}h_prev"]
        self.rng.shuffle(parts)
        return self.op("+").join(parts)


@dataclass
class Choice:
    """One way to answer a question: the Python source that sets it and the score it deserves."""

    source: str | None  # None: the answer is not set
    score: float
    weight: float = 1.0


def _pick(rng: random.Random, choices: list[Choice]) -> Choice:
    return rng.choices(choices, weights=[c.weight for c in choices])[0]


def _string(text: str, rng: random.Random) -> str:
    return repr(text) if rng.random() < 0.7 else '"' + text.replace('"', "'") + '"'


def _expression(hand: Hand, text: str) -> str:
    return _string(text, hand.rng)


def answer_1b(hand: Hand) -> Choice:
    r = hand.rng
    g = ["o", hand.one_minus_tanh2()]
    terms = {"Do": ["tanh(c)", "Do"], "Df": g + ["c_prev", "Df"], "Di": g + ["u", "Di"], "Du": g + ["i", "Du"]}

    def expanded(names):
        return hand.total([hand.product(terms[n]) for n in names])

    def factored(names):
        inner = [hand.product(terms[n][2:]) for n in names if n != "Do"]
        gate = hand.product(g)
        rest = f"{gate}{hand.op('*')}({hand.total(inner)})" if len(inner) > 1 else hand.product(g + terms[names[-1]][2:])
        return hand.total(([hand.product(terms["Do"])] if "Do" in names else []) + [rest])

    write = expanded if r.random() < 0.45 else factored
    every = ["Do", "Df", "Di", "Du"]
    kind = r.choices(["right", "drop", "drop_o", "swap", "sign", "missing"], [70, 12, 5, 5, 5, 3])[0]
    if kind == "right":
        return Choice(_expression(hand, write(every)), 4)
    if kind == "drop":  # rule 1: three of the four terms
        victim = r.choice(every)
        return Choice(_expression(hand, write([n for n in every if n != victim])), 2)
    if kind == "drop_o":  # the o is missing from one term: not a known partial answer
        victim = r.choice(["Df", "Di", "Du"])
        parts = [hand.product(terms["Do"])] + [hand.product(terms[n] if n != victim else terms[n][1:])
                                                for n in ["Df", "Di", "Du"]]
        return Choice(_expression(hand, hand.total(parts)), 0)
    if kind == "swap":  # tanh(c) scales the columns of Do instead of its rows
        other = [hand.product(terms[n]) for n in ["Df", "Di", "Du"]]
        return Choice(_expression(hand, hand.total([f"tanh(c).T{hand.op('*')}Do"] + other)), 0)
    if kind == "sign":
        text = expanded(["Df", "Di", "Du"])
        return Choice(_expression(hand, f"{hand.product(terms['Do'])}{hand.op('-')}({text})"), 0)
    return Choice(None, 0)


def answer_1c(hand: Hand) -> Choice:
    p, s, m, plus = hand.power, "sigma(z)", hand.op("-"), hand.op("+")
    right = [
        f"{s}{hand.op('*')}(1{m}{s})", f"(1{m}{s}){hand.op('*')}{s}", f"{s}{m}{hand.square(s)}",
        f"exp(-z)/(1{plus}exp(-z)){p}2", f"exp(z)/(1{plus}exp(z)){p}2", f"exp(-z)/(exp(-z){plus}1){p}2",
        f"1/(1{plus}exp(-z)){hand.op('*')}(1{m}1/(1{plus}exp(-z)))", "sigma_prime(z)",
        f"1/(2{plus}exp(z){plus}exp(-z))", f"1/(4*cosh(z/2){p}2)",
    ]
    wrong = [f"{s}{hand.op('*')}(1{plus}{s})", f"exp(-z)/(1{plus}exp(-z))", f"{s}{hand.op('*')}(1{m}{s}){plus}1e-3",
             f"-exp(-z)/(1{plus}exp(-z)){p}2", hand.square(s)]
    r = hand.rng
    if r.random() < 0.08:  # a sympy expression, sent as text
        return Choice(r.choice(["sp.exp(-z)/(1 + sp.exp(-z))**2", "sp.exp(z)/(1 + sp.exp(z))**2"]), 2)
    if r.random() < 0.85:
        return Choice(_expression(hand, r.choice(right)), 2)
    return Choice(_expression(hand, r.choice(wrong)), 0)


def answer_1d(hand: Hand) -> Choice:
    r, a = hand.rng, hand.argument()
    sp_, s = f"sigma_prime({a})", f"sigma({a})"
    times = hand.op("*")
    right = [f"{sp_}{times}Uf", f"Uf{times}{sp_}", f"diag({sp_}){hand.op('@')}Uf",
             f"{s}{times}(1{hand.op('-')}{s}){times}Uf", f"({s}{times}(1{hand.op('-')}{s})){times}Uf"]
    columns = [f"Uf{hand.op('@')}diag({sp_})", f"Uf{times}{sp_}.T", f"{sp_}.T{times}Uf"]  # rule 1: 1 point
    wrong = [f"{s}{times}Uf", f"{sp_}{times}Uf.T", f"diag({sp_})"]
    kind = r.choices(["right", "columns", "wrong"], [75, 15, 10])[0]
    if kind == "right":
        return Choice(_expression(hand, r.choice(right)), 2)
    if kind == "columns":
        return Choice(_expression(hand, r.choice(columns)), 1)
    return Choice(_expression(hand, r.choice(wrong)), 0)


def answer_1e(hand: Hand) -> Choice:
    r, p = hand.rng, hand.power
    right = ["Uf_d/norm(Uf_d)", "(Uf_d/norm(Uf_d)).T", f"Uf_d{hand.op('*')}(1/norm(Uf_d))",
             f"norm(Uf_d){p}(-1){hand.op('*')}Uf_d", f"Uf_d/sqrt(norm(Uf_d){p}2)", "Uf_d.T/norm(Uf_d)"]
    direction = ["Uf_d", "Uf_d.T", f"2{hand.op('*')}Uf_d", f"Uf_d/norm(Uf_d){p}2"]  # rule 1: 1 point
    wrong = ["-Uf_d/norm(Uf_d)", f"Uf_d/norm(Uf_d){hand.op('+')}1", "Uf/norm(Uf)"]
    kind = r.choices(["right", "direction", "wrong"], [75, 18, 7])[0]
    if kind == "right":
        return Choice(_expression(hand, r.choice(right)), 2)
    if kind == "direction":
        return Choice(_expression(hand, r.choice(direction)), 1)
    return Choice(_expression(hand, r.choice(wrong)), 0)


def _boolean(value: bool, right_share: float):
    def answer(hand: Hand) -> Choice:
        r = hand.rng
        given = value if r.random() < right_share else not value
        spelled = r.choice([repr(given), repr(given), repr(given), f"np.bool_({given})", f"'{given}'",
                            "1 == 1" if given else "1 == 0"])
        return Choice(spelled, 1.0 if given == value else 0.0)
    return answer


def _text(hand: Hand) -> Choice:
    r = hand.rng
    if r.random() < 0.1:
        return Choice(None, 0)
    words = r.sample(["the", "state", "depends", "on", "the", "previous", "step", "gate", "only", "shifts"], 6)
    return Choice(_string(" ".join(words) + ".", r), 0)


def _shape(right: tuple[int, int], wrongs: list[tuple]):
    def answer(hand: Hand) -> Choice:
        r = hand.rng
        a, b = right
        if r.random() < 0.85:
            return Choice(r.choice([f"({a}, {b})", f"({a},{b})", f"[{a}, {b}]", f"np.array([{a}, {b}])",
                                    f"(np.int64({a}), np.int64({b}))", f"tuple(np.array([{a}, {b}]))"]), 1)
        return Choice(repr(r.choice(wrongs)), 0)
    return answer


def _count(right: list[str], wrongs: list[str], right_share: float = 0.85):
    def answer(hand: Hand) -> Choice:
        r = hand.rng
        if r.random() < right_share:
            return Choice(r.choice(right), 1)
        return Choice(r.choice(wrongs), 0)
    return answer


WRITERS = {
    "1a": _boolean(False, 0.8), "1a-why": _text, "1b": answer_1b, "1c": answer_1c, "1d": answer_1d,
    "1e": answer_1e, "1f": _boolean(False, 0.75), "1g": _boolean(True, 0.7), "1g-why": _text,
    "2a": _shape((26, 28), [(27, 28), (26, 29), (28, 26)]),
    "2b": _shape((31, 30), [(32, 30), (30, 31), (31, 31)]),  # (30, 31): rows and columns swapped
    "2c": _count(["52", "53", "54", "np.int64(53)", "54.0", "(52 + 54) // 2"], ["55", "51", "16"]),
    "2d": _count(["100352", "32*7*7*64", "np.int64(100352)", "100352.0", "64 * 32 * 7 ** 2"], ["100416", "3136", "6272"]),
    "2e": _count(["2508800", "2508800.0", "5*5*64*32*7*7", "np.int64(25 * 100352)"], ["3612672", "100352", "2458624"]),
    "2f": _count(["2507200", "2508800", "25*64*(32*7*7 - 1)", "np.int64(2507200)"], ["2507136", "2508864", "0"]),
    "2g": _count(["65536", "512*128", "np.int64(65536)", "2**16"], ["65664", "512", "82944"]),
}


@dataclass
class Student:
    name: str
    lines: list[tuple[str, str]]  # (question id, source line)
    expected: dict[str, float]
    notebook: bool = False
    errors: list[str] = field(default_factory=list)

    def write(self, folder: Path) -> Path:
        header = "import numpy as np\nimport sympy as sp\nz = sp.Symbol('z')\n"
        if not self.notebook:
            path = folder / f"{self.name}.py"
            path.write_text(header + "\n".join(line for _, line in self.lines) + "\n")
            return path
        cells = [header] + [line for _, line in self.lines]
        notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                               "source": cell} for cell in cells],
                    "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
        path = folder / f"{self.name}.ipynb"
        path.write_text(json.dumps(notebook, indent=1))
        return path


def student(number: int, rng: random.Random) -> Student:
    """One student's file: an answer per question in their hand, with what it deserves."""
    hand = Hand(rng)
    notebook = rng.random() < 0.1
    lines, expected = [], {}
    order = list(IDS)
    if rng.random() < 0.3:  # some answer task 2 first
        order = IDS[9:] + IDS[:9]
    for qid in order:
        choice = WRITERS[qid](hand)
        expected[qid] = choice.score
        if choice.source is not None:
            lines.append((qid, f"{ANSWER[qid]} = {choice.source}"))
    mishap = rng.random()
    if mishap < 0.04 and lines:  # a syntax error costs the statement it is in
        index = rng.randrange(len(lines))
        qid, line = lines[index]
        lines[index] = (qid, line + ")")
        expected[qid] = 0.0
    elif mishap < 0.07 and len(lines) > 3:  # crashes part way: a .py file loses the later answers,
        index = rng.randrange(2, len(lines))  # a notebook only the failing cell
        lines.insert(index, ("", "raise RuntimeError('not finished')"))
        for qid, _ in lines[index + 1:] if not notebook else ():
            expected[qid] = 0.0
    return Student(f"s{number:04d}", lines, expected, notebook)


def write_class(folder: Path, n: int, seed: int) -> dict[str, dict[str, float]]:
    """N submissions in `folder`; returns file name -> question id -> expected score."""
    rng = random.Random(seed)
    expected = {}
    for number in range(n):
        one = student(number, rng)
        expected[one.write(folder).name] = one.expected
    return expected


def write_copies(folder: Path, source: Path, n: int) -> list[str]:
    names = []
    for number in range(n):
        target = folder / f"copy{number:04d}{source.suffix}"
        shutil.copyfile(source, target)
        names.append(target.name)
    return names


# --- grading and figures -------------------------------------------------------------------------

@dataclass
class Run:
    label: str
    n: int
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    report: dict
    differing: list[str]


_PEAK_RSS_MARK = "peak RSS of the grader process (KiB):"
# `python -m grader`, and at exit the command's own peak RSS on stderr (getrusage(RUSAGE_SELF) in that
# process: RUSAGE_CHILDREN here would be the largest of every process reaped so far, sandbox workers included).
_PEAK_RSS = ("import atexit, resource, sys\n"
             "atexit.register(lambda: print(%r, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"
             "from grader.cli import main\n"
             "main(prog_name='grader')\n" % _PEAK_RSS_MARK)


def grade(label: str, folder: Path, expected: dict[str, dict[str, float]], jobs: int, out: Path) -> Run:
    """`grader grade` on the folder, timed; rows compared with the expected scores."""
    json_path, csv_path = out / f"{label}.json", out / f"{label}.csv"
    command = [sys.executable, "-c", _PEAK_RSS, "grade", str(SPEC), str(folder), "--summary",
               "--json", str(json_path), "--csv", str(csv_path), "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"grader grade failed ({done.returncode}):\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_kib = int(done.stderr.rsplit(_PEAK_RSS_MARK, 1)[1].split()[0])
    report = json.loads(json_path.read_text())
    with csv_path.open() as handle:
        scored = {Path(row["submission"]).name: row for row in csv.DictReader(handle)}
    differing = sorted(name for name, want in expected.items()
                       if name not in scored or any(abs(float(scored[name][qid]) - want[qid]) > 1e-9 for qid in IDS))
    return Run(label, len(expected), wall, cpu, peak_kib / 1024, report, differing)


def differences(run: Run, expected: dict[str, dict[str, float]]) -> list[str]:
    """One line per question whose score is not the expected one: file, answer, got, wanted, method."""
    lines = []
    for entry in run.report["submissions"]:
        name = Path(entry["submission"]).name
        for q in entry["questions"]:
            want = expected[name][q["id"]]
            if abs(q["score"] - want) > 1e-9:
                lines.append(f"  {name} {q['id']}: {q['answer']!r} got {q['score']:g}, expected {want:g} "
                             f"({q['status']}: {q['method'][:160]})")
    return lines


def per_question(report: dict) -> dict[str, dict]:
    """Checking seconds, distinct answers and distinct normal forms per question."""
    from grader.check import CheckEnv
    from grader.grading import solution_path
    from grader.sandbox import Limits, Sandbox
    from grader.spec import load_spec

    spec = load_spec(SPEC)
    env, questions = CheckEnv(spec), {q.id: q for q in spec.questions}
    with Sandbox(jobs=1) as box:
        references = box.run(solution_path(SPEC, spec), [q.answer for q in spec.questions], Limits(),
                             trusted=True).answers
    figures: dict[str, dict] = defaultdict(lambda: {"seconds": 0.0, "answers": set(), "forms": set()})
    for entry in report["submissions"]:
        for q in entry["questions"]:
            figure = figures[q["id"]]
            figure["seconds"] += q.get("seconds", 0.0)
            if q["status"] != "missing":
                figure["answers"].add(q["answer"])
                figure["forms"].add(_form(questions[q["id"]], q["answer"], references, env))
    return figures


def _form(question, answer: str, references: dict, env) -> str:
    """The key the grader decides an expression answer by (its normal form), else the answer's text."""
    from grader.check import KINDS, AnswerTypeError

    read = getattr(KINDS[question.kind], "read", None)
    if read is None:
        return answer
    try:
        return read(question, answer, references.get(question.answer), env).key
    except AnswerTypeError:
        return answer


def show(runs: list[Run], expected: list[dict], jobs: int) -> None:
    print(f"week08 class on {os.cpu_count()} cores, `grader grade --jobs {jobs}`")
    print(f"{'':24}" + "".join(f"{run.label:>22}" for run in runs))
    rows = [
        ("submissions", lambda r: f"{r.n}"),
        ("wall time", lambda r: f"{r.wall_s:.1f} s"),
        ("per submission", lambda r: f"{r.wall_s / r.n * 1000:.1f} ms"),
        ("CPU (all processes)", lambda r: f"{r.cpu_s:.1f} s"),
        ("peak RSS of the grader", lambda r: f"{r.peak_rss_mib:.0f} MiB"),
        ("rows differing", lambda r: f"{len(r.differing)}"),
        ("mean score", lambda r: f"{sum(s['score'] for s in r.report['submissions']) / r.n:.2f}"),
    ]
    for title, cell in rows:
        print(f"{title:24}" + "".join(f"{cell(run):>22}" for run in runs))
    figures = [per_question(run.report) for run in runs]
    print("\nper question: checking seconds (summed over submissions) / distinct answers / distinct normal forms")
    for qid in IDS:
        cells = []
        for figure in figures:
            f = figure[qid]
            cells.append(f"{f['seconds']:7.2f} s {len(f['answers']):5d} {len(f['forms']):5d}")
        print(f"{qid:24}" + "".join(f"{cell:>22}" for cell in cells))
    for run, want in zip(runs, expected):
        if run.differing:
            lines = differences(run, want)
            print(f"\n{run.label}: {len(run.differing)} rows differ from the expected scores:")
            print("\n".join(lines[:20] + ([f"  ... and {len(lines) - 20} more"] if len(lines) > 20 else [])))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average at the end {load} (other work on the machine inflates every figure)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="students in the class (default 1000)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--keep", type=Path, help="write the class and the reports here instead of a temp dir")
    parser.add_argument("--no-baseline", action="store_true", help="skip the identical-copies run")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    with tempfile.TemporaryDirectory() as temp:
        base = args.keep or Path(temp)
        realistic, copies, out = base / "class", base / "copies", base / "reports"
        for folder in (realistic, copies, out):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        expected = write_class(realistic, args.n, args.seed)
        wanted = [expected]
        if not args.no_baseline:
            first = sorted(realistic.iterdir())[0]
            wanted.append({name: expected[first.name] for name in write_copies(copies, first, args.n)})
        runs = [grade("realistic class", realistic, expected, args.jobs, out)]
        if not args.no_baseline:
            runs.append(grade("identical copies", copies, wanted[1], args.jobs, out))
        show(runs, wanted, args.jobs)


if __name__ == "__main__":
    main()

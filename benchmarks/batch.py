"""Grade N copies of the bundled week08 submissions and show what the sandbox costs.

    python benchmarks/batch.py [--n 200] [--jobs CORES]

Prints the batch's wall time and submissions per second, then per submission: the sandbox's
wall time, the time spent in the student's own code, and the sandbox overhead (the difference),
beside the naive baseline measured in the same run: a fresh `python -c 'import sympy'` per
submission. Then the sandbox alone: the same files run with --jobs parallel callers and no
grading, as wall time per run and whole-machine CPU per run (busy ticks of /proc/stat, so every
process the runs cost counts: fork server, children, the kernel's work on their behalf; and
whatever else the machine is doing, hence the load printed at the end).
Targets: overhead <= 50 ms per submission, >= 10x below the baseline.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.grading import grade_batch, load_assignment  # noqa: E402
from grader.sandbox import Sandbox  # noqa: E402

EXAMPLES = ROOT / "examples" / "week08"
SPEC = ROOT / "assignments" / "week08.yaml"


class RecordingSandbox(Sandbox):
    """A Sandbox that keeps each run's wall and student time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.runs: list[tuple[float, float]] = []
        self._record = threading.Lock()

    def run(self, *args, **kwargs):
        result = super().run(*args, **kwargs)
        with self._record:
            self.runs.append((result.wall_s, result.student_s))
        return result


def copies(folder: Path, n: int) -> list[Path]:
    """n submission files cycling through the bundled examples (mixed right, wrong, broken)."""
    examples = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".py", ".ipynb"))
    paths = []
    for i in range(n):
        source = examples[i % len(examples)]
        target = folder / f"{i:04d}_{source.name}"
        shutil.copyfile(source, target)
        paths.append(target)
    return paths


def machine_busy_s() -> float:
    """Seconds of CPU the whole machine has spent busy since boot (all cores, user and kernel)."""
    with open("/proc/stat") as stat:
        ticks = [int(field) for field in stat.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK")


def measured(work) -> tuple[object, float, float]:
    """work()'s value, its wall seconds and the whole machine's busy CPU seconds meanwhile."""
    busy, started = machine_busy_s(), time.perf_counter()
    value = work()
    return value, time.perf_counter() - started, machine_busy_s() - busy


def sandbox_alone(sandbox: Sandbox, assignment, paths: list[Path], jobs: int) -> tuple[float, float]:
    """Wall and whole-machine CPU seconds per run for the files run with `jobs` callers, no grading."""
    def run(path: Path):
        return sandbox.run(path, assignment.answer_names, assignment.limits)

    run(paths[0])  # the server's first fork is not a steady-state run
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        _, wall, cpu = measured(lambda: list(pool.map(run, paths)))
    return wall / len(paths), cpu / len(paths)


def baseline(samples: int) -> tuple[list[float], float]:
    """Seconds for a fresh interpreter that only imports sympy, one after another; and the
    whole machine's CPU seconds per interpreter."""
    times = []

    def fresh() -> None:
        for _ in range(samples):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import sympy"], check=True)
            times.append(time.perf_counter() - started)

    _, _, cpu = measured(fresh)
    return times, cpu / samples


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="submissions to grade (default 200)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="parallel runs")
    parser.add_argument("--baseline-samples", type=int, default=10)
    args = parser.parse_args()

    assignment = load_assignment(SPEC)
    with tempfile.TemporaryDirectory() as folder:
        paths = copies(Path(folder), args.n)
        with RecordingSandbox(jobs=args.jobs) as sandbox:
            busy, started = machine_busy_s(), time.perf_counter()
            results = grade_batch(assignment, paths, jobs=args.jobs, sandbox=sandbox)
            batch_s = time.perf_counter() - started
            batch_cpu = machine_busy_s() - busy
            runs, isolation = list(sandbox.runs), sandbox.isolation
            alone_wall, alone_cpu = sandbox_alone(sandbox, assignment, paths, args.jobs)
    fresh, fresh_cpu = baseline(args.baseline_samples)

    sandbox_wall = statistics.mean(w for w, _ in runs)
    student = statistics.mean(s for _, s in runs)
    overhead = statistics.mean(w - s for w, s in runs)
    naive = statistics.median(fresh)
    print(f"graded {len(results)} submissions ({len(set(r.score for r in results))} distinct scores) "
          f"with --jobs {args.jobs}, isolation '{isolation}'")
    print(f"batch wall time          {batch_s:8.2f} s   ({len(results) / batch_s:.1f} submissions/s, "
          f"machine CPU {ms(batch_cpu / len(results)).strip()} per submission)")
    print(f"per submission: sandbox  {ms(sandbox_wall)}   student code {ms(student)}")
    print(f"sandbox overhead         {ms(overhead)}   (median {ms(statistics.median(w - s for w, s in runs))},"
          f" max {ms(max(w - s for w, s in runs))})")
    print(f"baseline: fresh `python -c 'import sympy'` {ms(naive)} per submission (median of {len(fresh)})")
    print(f"overhead vs baseline     {naive / overhead:8.1f}x cheaper")
    print(f"sandbox alone, {len(paths)} runs with --jobs {args.jobs}: wall {ms(alone_wall).strip()} per run, "
          f"machine CPU {ms(alone_cpu).strip()} per run (baseline: {ms(fresh_cpu).strip()} per fresh interpreter)")
    print(f"load average at the end  {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(other work on the machine inflates both figures)")


if __name__ == "__main__":
    main()

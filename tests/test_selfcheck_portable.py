"""The self-check on Windows and macOS, as far as Linux can show it: the portable runner forced,
and in interpreters that have no `resource`, os.fork, SIGALRM or /proc (tests/no_linux), whose
log proves what the self-check path touched. Same submissions, same table as the sandbox."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, WEEK08, grader_command, run_grader

SUBMISSIONS = sorted(EXAMPLES.glob("*.py")) + sorted(EXAMPLES.glob("*.ipynb"))
NO_LINUX = ROOT / "tests" / "no_linux"
LINUX_ONLY = {"grader.sandbox.sandbox", "grader.sandbox.supervisor", "grader.sandbox.forkserver",
              "grader.sandbox.isolation", "grader.sandbox.hiding", "grader.sandbox.reaper",
              "grader.sandbox.watch", "grader.sandbox.watchdog"}


TABLES_SCRIPT = """
import json, sys
from pathlib import Path
from grader.selfcheck.model import load_check_file
from grader.selfcheck.render import to_text
from grader.selfcheck.runner import check_submission
published = load_check_file(Path(sys.argv[1]))
tables = {}
for path in map(Path, sys.argv[3:]):
    report, line = check_submission(published, path, sys.argv[2])
    tables[path.name] = [to_text(report), report.ok, line]
print(json.dumps(tables))
"""


def tables(check_file: Path, choice: str, run) -> dict[str, list]:
    """Per example: the self-check table as `grader check` prints it, whether it passes, the runner line."""
    result = run(sys.executable, "-c", TABLES_SCRIPT, str(check_file), choice, *map(str, SUBMISSIONS))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _here(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def sandbox_tables(check_file) -> dict[str, list]:
    found = tables(check_file, "sandbox", run=_here)
    assert {line for _, _, line in found.values()} == {found["correct.py"][2]}
    assert found["correct.py"][2].startswith("Runner: the Linux sandbox (")
    return {name: table[:2] for name, table in found.items()}


def _table(result: subprocess.CompletedProcess) -> tuple[int, str]:
    """The exit code and everything above the last line (which names the runner)."""
    lines = result.stdout.rstrip("\n").split("\n")
    assert lines[-1].startswith("Runner: "), result.stdout + result.stderr
    return result.returncode, "\n".join(lines[:-1])


class NoLinux:
    """Runs commands in interpreters without resource, os.fork, SIGALRM or /proc; reads their log."""

    def __init__(self, folder: Path):
        self.log = folder / "touched.log"
        self.env = {**os.environ, "PYTHONPATH": str(NO_LINUX), "GRADER_SIM_LOG": str(self.log)}

    def run(self, *command: str, cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(command, capture_output=True, text=True, env=self.env, cwd=cwd, timeout=timeout)

    def grader(self, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
        return self.run(*grader_command(), *args, cwd=cwd)

    def entries(self) -> list[tuple[int, str]]:
        return [(int(pid), what) for pid, what in (line.split(" ", 1) for line in self.log.read_text().splitlines())]

    def assert_untouched(self, processes_at_least: int, runs_only: bool = False) -> set[str]:
        """No process (or, `runs_only`, no child that ran a submission) used resource or /proc or
        imported the sandbox's Linux side; the grader modules they imported."""
        entries = self.entries()
        if runs_only:
            runs = {pid for pid, what in entries if what == "import grader.sandbox.portable_child"}
            entries = [(pid, what) for pid, what in entries if pid in runs]
        assert [what for _, what in entries if not what.startswith("import grader")] == []
        imported = {what.split()[1] for _, what in entries}
        assert imported.isdisjoint(LINUX_ONLY), imported & LINUX_ONLY
        assert len({pid for pid, _ in entries}) >= processes_at_least
        return imported


@pytest.fixture
def no_linux(tmp_path) -> NoLinux:
    return NoLinux(tmp_path)


def test_the_simulation_really_takes_resource_fork_and_proc_away(no_linux):
    probe = ("import os, signal\n"
             "try:\n    import resource\nexcept ImportError:\n    print('no resource')\n"
             "print(hasattr(os, 'fork'), hasattr(signal, 'setitimer'))\n"
             "try:\n    open('/proc/self/status')\nexcept FileNotFoundError:\n    print('no /proc')\n"
             "from grader.sandbox.availability import sandbox_unavailable\nprint(sandbox_unavailable())\n")
    result = no_linux.run(sys.executable, "-c", probe)
    assert result.stdout.split("\n")[:4] == ["no resource", "False False", "no /proc",
                                             "this Python has no os.fork or os.pidfd_open"], result.stderr
    assert [what for _, what in no_linux.entries()][:2] == ["import resource", "touched /proc/self/status"]


RUNS_SCRIPT = """
import json, sys
from pathlib import Path
from grader.sandbox import Sandbox
from grader.sandbox.limits import Limits
from grader.sandbox.portable import PortableRunner
from grader.selfcheck.model import load_check_file
names = [q.answer for q in load_check_file(Path(sys.argv[1])).questions]
found = {}
for runner in (Sandbox(jobs=1), PortableRunner(jobs=1)):
    with runner:
        for path in map(Path, sys.argv[2:]):
            run = runner.run(path, names, Limits(wall_s=10))
            found.setdefault(path.name, []).append([repr(sorted(run.answers.items())), list(run.errors)])
print(json.dumps(found))
"""


def test_forced_portable_runner_reads_the_same_answers_and_errors_as_the_sandbox(check_file, sandbox_tables):
    result = _here(sys.executable, "-c", RUNS_SCRIPT, str(check_file), *map(str, SUBMISSIONS))
    assert result.returncode == 0, result.stderr
    for name, (in_sandbox, portable) in json.loads(result.stdout).items():
        assert portable == in_sandbox, name  # and the table is made from nothing else
    result = run_grader("check", str(check_file), str(EXAMPLES / "broken.py"), "--runner", "portable")
    assert _table(result) == (1, sandbox_tables["broken.py"][0])
    assert result.stdout.rstrip().endswith("no memory limit, no isolation), as asked with --runner portable.")


def test_without_linux_check_falls_back_says_so_and_gives_the_same_table(check_file, sandbox_tables, no_linux):
    found = tables(check_file, "auto", run=no_linux.run)
    assert {name: table[:2] for name, table in found.items()} == sandbox_tables
    result = no_linux.grader("check", str(check_file), str(EXAMPLES / "correct.py"))
    assert _table(result) == (0, sandbox_tables["correct.py"][0])
    assert result.stdout.rstrip().split("\n")[-1] == (
        "Runner: portable (time limit 10 s, output capped, every process it started stopped at the end; no "
        "memory limit, no isolation), the Linux sandbox is unavailable here: this Python has no os.fork or "
        "os.pidfd_open.")
    imported = no_linux.assert_untouched(processes_at_least=2 + len(SUBMISSIONS))
    assert {"grader.sandbox.portable_child", "grader.sandbox.child", "grader.sandbox.thread_alarm"} <= imported


def test_without_linux_the_sandbox_cannot_be_forced(check_file, no_linux):
    result = no_linux.grader("check", str(check_file), str(EXAMPLES / "correct.py"), "--runner", "sandbox")
    assert result.returncode == 2
    assert "error: the Linux sandbox is unavailable here: this Python has no os.fork" in result.stderr


def test_without_linux_the_notebook_checker_works(check_file, no_linux):
    code = ("from grader import Checker\n"
            f"checker = Checker({str(check_file)!r}, namespace={{'sigmoid_prime': 'sigma(z)*(1 - sigma(z))',"
            " 'conv_d_params': 100353})\n"
            "report = checker.check_all()\n"
            "print(report._repr_html_().count('<tr'))\nprint(report)\n")
    result = no_linux.run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    rows, text = result.stdout.split("\n", 1)
    assert rows == "17"  # the header and 16 questions
    assert any(line.startswith("1c ") and " right " in line for line in text.splitlines())
    assert any(line.startswith("2d ") and "not yet right" in line for line in text.splitlines())
    no_linux.assert_untouched(processes_at_least=1)


def test_without_linux_grading_refuses_unless_told_what_is_lost(tmp_path, no_linux):
    report, some = tmp_path / "report.json", [str(EXAMPLES / name) for name in ("partly_wrong.py", "notebook.ipynb")]
    refused = no_linux.grader("grade", str(WEEK08), *some, "--json", str(report))
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: grading needs the Linux sandbox, and it is unavailable here: this "
                                     "Python has no os.fork or os.pidfd_open. To grade anyway with the portable "
                                     "runner, pass --without-isolation: submissions run as you, with your files "
                                     "and network, with no memory limit")
    assert not report.exists()
    graded = no_linux.grader("grade", str(WEEK08), *some, "--json", str(report), "--without-isolation")
    assert graded.returncode == 0, graded.stderr
    assert "warning: grading with the portable runner, without isolation" in graded.stderr
    normal = tmp_path / "normal.json"
    in_sandbox = run_grader("grade", str(WEEK08), *some, "--json", str(normal))
    assert in_sandbox.returncode == 0, in_sandbox.stderr
    assert _scores(report) == _scores(normal)
    # the runs touched nothing Linux-only (grading itself does: grader/expr's symbolic worker sets rlimits)
    no_linux.assert_untouched(processes_at_least=1 + len(some), runs_only=True)


def _scores(report: Path) -> dict:
    return {entry["submission"]: [(q["id"], q["score"], q["status"]) for q in entry["questions"]]
            for entry in json.loads(report.read_text())["submissions"]}


BOUNDED = {
    "loop.py": "a = 1\nwhile True:\n    pass\n",
    "flood.py": "a = 1\nwhile True:\n    print('flood ' * 1000)\n",
    "sleeper.py": "a = 1\nimport time\ntime.sleep(1000)\n",
    "leftover.py": ("import subprocess, sys\n"
                    "a = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(1000)']).pid\n"),
    "grandchild_loop.py": ("import subprocess, sys\n"
                           "a = subprocess.Popen([sys.executable, '-c', 'while True: print(1)']).pid\n"
                           "while True:\n    pass\n"),
}
WALL_S = 2.0
BOUNDS_SCRIPT = """
import json, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from grader.sandbox.limits import Limits
from grader.sandbox.portable import PortableRunner

def run(path):
    result = PortableRunner().run(path, ["a"], Limits(wall_s=%r))
    return path.name, {"answers": dict(result.answers), "errors": list(result.errors), "output": len(result.output),
                       "student_s": result.student_s}

with ThreadPoolExecutor(len(sys.argv) - 1) as pool:  # all at once: each run is mostly waiting for its limit
    print(json.dumps(dict(pool.map(run, map(Path, sys.argv[1:])))))
""" % WALL_S


def _bounded_files(folder: Path) -> list[Path]:
    paths = []
    for name, source in BOUNDED.items():
        paths.append(folder / name)
        paths[-1].write_text(source)
    return paths


def _assert_bounded(results: dict) -> None:
    from grader.sandbox.ending import GRACE_S
    from grader.sandbox.portable import DRAIN_S

    for name, run in results.items():
        assert run["answers"].get("a") is not None, (name, run)
        assert run["student_s"] <= WALL_S + GRACE_S + DRAIN_S + 0.5, (name, run)  # from the child's start
        assert run["output"] <= 64 * 1024 + 100, (name, run)
    assert re.fullmatch(rf"stopped after {WALL_S:g} s \(time limit\) at line [23]", *results["loop.py"]["errors"])
    assert results["flood.py"]["errors"][0].startswith(f"stopped after {WALL_S:g} s (time limit)")
    for name in ("leftover.py", "grandchild_loop.py"):  # the processes they started are gone too
        _assert_gone(results[name]["answers"]["a"])


def _assert_gone(pid: int) -> None:
    """Dead: no such process, or a zombie waiting for whoever inherited it."""
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except FileNotFoundError:
            return
        if state in ("Z", "X"):
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} started by the submission is still running")


def test_loops_floods_sleeps_and_leftover_processes_end_within_the_limit(tmp_path):
    results = json.loads(_here(sys.executable, "-c", BOUNDS_SCRIPT, *map(str, _bounded_files(tmp_path))).stdout)
    _assert_bounded(results)
    assert results["sleeper.py"]["errors"] == [f"stopped after {WALL_S:g} s (time limit) at line 3"]
    assert results["flood.py"]["output"] > 60 * 1024  # the kept tail


def test_without_linux_they_end_within_the_limit_too(tmp_path, no_linux):
    result = no_linux.run(sys.executable, "-c", BOUNDS_SCRIPT, *map(str, _bounded_files(tmp_path)))
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)
    _assert_bounded(results)
    # without SIGALRM or pthread_kill (Windows) a sleep is not interrupted: the hard kill stops it
    assert results["sleeper.py"]["errors"] == [
        f"stopped after {WALL_S:g} s (time limit) after line 2: it did not stop when asked"]
    no_linux.assert_untouched(processes_at_least=1 + len(BOUNDED))


def test_published_wheel_installs_in_a_fresh_venv_and_checks_the_examples(tmp_path, sandbox_tables):
    course, student = tmp_path / "course", tmp_path / "student"
    course.mkdir()
    published = run_grader("publish", str(WEEK08), "--output", str(course / "week08.check.json"), "--wheel")
    assert published.returncode == 0, published.stderr
    [wheel] = course.glob("*.whl")
    assert wheel.name.startswith("mathgrader-") and f"pip install {wheel.name}" in published.stdout
    venv = student / "venv"
    assert _here(sys.executable, "-m", "venv", "--without-pip", str(venv)).returncode == 0
    python = venv / "bin" / "python"
    install = _here(sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--only-binary=:all:",
                    str(wheel))  # wheels only: nothing on the student's path needs a compiler
    assert install.returncode == 0, install.stderr
    for path in SUBMISSIONS:
        (student / path.name).write_bytes(path.read_bytes())
    where = subprocess.run([str(python), "-c", "import grader; print(grader.__file__)"], capture_output=True,
                           text=True, cwd=student)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr  # not the repository's
    found = json.loads(subprocess.run(
        [str(python), "-c", TABLES_SCRIPT, str(course / "week08.check.json"), "auto",
         *(str(student / path.name) for path in SUBMISSIONS)], capture_output=True, text=True, cwd=student).stdout)
    assert {name: table[:2] for name, table in found.items()} == sandbox_tables
    for name, code in (("correct.py", 0), ("broken.py", 1)):
        result = subprocess.run([str(venv / "bin" / "grader"), "check", str(course / "week08.check.json"), name],
                                capture_output=True, text=True, cwd=student)
        assert _table(result) == (code, sandbox_tables[name][0])


def test_a_check_file_of_another_version_is_refused_with_the_version_to_install(check_file, tmp_path):
    data = json.loads(check_file.read_text())
    cases = {
        "newer.json": ({"format": "grader-check/3", "written_by": "mathgrader 9.1.0"},
                       'format grader-check/3 with point drawing 1, written by mathgrader 9.1.0; this checker',
                       'install the version that wrote it: pip install "mathgrader==9.1.0".'),
        "points.json": ({"points_version": 7, "written_by": "mathgrader 9.2.0"},
                        "format grader-check/2 with point drawing 7", 'pip install "mathgrader==9.2.0"'),
        "old.json": ({"format": "grader-check/1", "written_by": None},
                     "format grader-check/1 with point drawing 1; this checker",
                     "ask your instructor which mathgrader version wrote it"),
    }
    for name, (change, said, advice) in cases.items():
        (tmp_path / name).write_text(json.dumps({key: value for key, value in {**data, **change}.items()
                                                 if value is not None}))
        result = run_grader("check", str(tmp_path / name), str(EXAMPLES / "correct.py"))
        assert result.returncode == 2 and result.stdout == "", name
        assert said in result.stderr and advice in result.stderr, result.stderr
    assert json.loads(check_file.read_text())["written_by"].startswith("mathgrader ")


def test_a_checker_that_draws_other_points_refuses_the_file_naming_the_numpy_to_install(check_file, tmp_path):
    """As a student whose numpy draws other random points than the instructor's would see it."""
    data = json.loads(check_file.read_text())
    expression = next(q for q in data["questions"] if (q["fingerprint"] or {}).get("method") == "points")
    expression["fingerprint"]["drawing"] = "0" * 32
    data["numpy_version"] = "1.26.4"
    (tmp_path / "other.json").write_text(json.dumps(data))
    result = run_grader("check", str(tmp_path / "other.json"), str(EXAMPLES / "correct.py"))
    assert result.returncode == 2 and result.stdout == ""
    assert "this checker draws other sample points than the one that wrote the file (numpy " in result.stderr
    assert 'install that numpy: pip install "numpy==1.26.4".' in result.stderr


def test_the_point_drawing_is_pinned_to_its_version(week08_spec):
    """Check files hold values at these points: a change here must come with a new POINTS_VERSION."""
    import hashlib

    import numpy as np

    from grader.check.env import CheckEnv
    from grader.expr import draw_points
    from grader.expr.points import POINTS_VERSION

    ctx = CheckEnv(week08_spec).expr_context()
    points = draw_points(ctx, 20261201, 12)
    text = json.dumps([{k: np.asarray(v).tolist() for k, v in sorted(p.items())} for p in points])
    assert (POINTS_VERSION, hashlib.sha256(text.encode()).hexdigest()[:16]) == (1, "f928c54bf5aa80b0"), (
        "draw_points changed: bump POINTS_VERSION in grader/expr/points.py, then update this digest")

"""The differential test: every file of tests/corpus/submissions/ leaves the same answers in the
sandbox as under plain `python FILE` (notebooks: IPython's own shell), file by file, in every
isolation mode this machine offers."""
from __future__ import annotations

import json
import os
import stat
import sysconfig
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from grader.sandbox import Limits, RunResult, Sandbox, SandboxError
from grader.sandbox.decode import parse_snapshot
from grader.sandbox.isolation import MODES
from tests.corpus.recording import record

CORPUS = Path(__file__).parent / "corpus" / "submissions"
CASES = sorted(CORPUS.iterdir())
LIMITS = Limits(wall_s=60, cpu_s=60)
# files that import modules the fork server has not imported (sympy's lazily loaded parts,
# multiprocessing, IPython.display, ...): a run can reach them only where the interpreter's
# files are visible to it (see blocked_imports)
NEEDS_IMPORTS = {
    "colab_notebook.ipynb", "jupyterlab4_capture_display.ipynb", "jupyterlab4_sympy.ipynb", "main_guard.py",
    "multiprocessing_pool.py", "numpy_random_seeded.py", "process_pool_executor.py", "sympy_integrals_limits.py",
    "sympy_jacobian.py", "sympy_lambdify_numeric.py", "sympy_matrix_calculus.py", "sympy_sigmoid_derivative.py",
    "sympy_simplify_variants.py", "sympy_solve_critical_points.py", "sympy_taylor_series.py",
    "vscode_main_guard_pool.ipynb", "warnings_and_logging.py",
}


def blocked_imports(mode: str) -> str:
    """Why runs in `mode` cannot import what the fork server did not, here; "" when they can."""
    if mode == "plain" and os.geteuid() == 0 and not _open_to_all(Path(sysconfig.get_paths()["stdlib"])):
        return "plain mode as root: the run's own uid cannot read the interpreter under a closed folder"
    return ""


def _open_to_all(path: Path) -> bool:
    return all(os.stat(p).st_mode & stat.S_IXOTH for p in [path, *path.parents])


@pytest.fixture(scope="module")
def python_answers(tmp_path_factory) -> dict[str, dict]:
    """Each file's answers under plain Python or IPython, two at a time (one per core)."""
    folder = tmp_path_factory.mktemp("recorded")

    def one(path: Path) -> tuple[str, dict]:
        raw = record(path, folder / f"{path.name}.json")
        return path.name, parse_snapshot(json.dumps({"answers": raw}).encode(), list(raw)).answers

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, CASES))


@pytest.fixture(scope="module", params=MODES)
def sandbox_runs(request, python_answers) -> tuple[str, dict[str, RunResult]]:
    """Every file run in a sandbox forced into each mode (two at a time); a mode this machine does
    not offer is skipped."""
    with Sandbox(jobs=2, isolation=request.param) as box:
        try:
            box.run(CORPUS / "string_answers.py", ["why"], Limits(wall_s=10))
        except SandboxError as exc:
            pytest.skip(f"isolation mode {request.param!r} is not available here: {exc}")

        def one(path: Path) -> tuple[str, RunResult]:
            return path.name, box.run(path, list(python_answers[path.name]), LIMITS)

        with ThreadPoolExecutor(max_workers=2) as pool:
            return box.isolation, dict(pool.map(one, CASES))


def comparable(answers: dict) -> dict:
    """Leave out objects of IPython's own types (the sandbox has its stand-ins for them)."""
    return {name: value for name, value in answers.items()
            if not getattr(value, "type_name", "").startswith("IPython.")}


@pytest.mark.parametrize("case", CASES, ids=[path.name for path in CASES])
def test_the_sandbox_leaves_the_answers_python_leaves(case, sandbox_runs, python_answers):
    mode, runs = sandbox_runs
    expected, result = comparable(python_answers[case.name]), runs[case.name]
    answers = {name: value for name, value in result.answers.items() if name in expected}
    reason = blocked_imports(mode) if case.name in NEEDS_IMPORTS else ""
    if answers != expected and reason and any("ImportError" in e or "ModuleNotFoundError" in e for e in result.errors):
        pytest.xfail(reason)
    assert answers == expected, result.errors


def test_the_corpus_has_the_styles_it_claims():
    names = {path.name for path in CASES}
    assert len(names) >= 40
    for style in ("jupyterlab4", "classic", "colab", "vscode", "bom", "latin1", "crlf", "multiprocessing"):
        assert any(style in name for name in names), style

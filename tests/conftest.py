"""Shared fixtures: the repository's paths and the week08 spec."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEEK08 = ROOT / "assignments" / "week08.yaml"
EXAMPLES = ROOT / "examples" / "week08"


@pytest.fixture(scope="session")
def week08_spec():
    from grader.spec import load_spec

    return load_spec(WEEK08)


def chromium() -> str:
    """The distribution's headless browser (.ci/run installs it); a skip elsewhere, a failure in CI."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def grader_command() -> list[str]:
    """The installed `grader` console script, or the module when run from a source tree."""
    script = shutil.which("grader", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-m", "grader"]


def run_grader(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*grader_command(), *args], capture_output=True, text=True, cwd=cwd or ROOT,
                          timeout=timeout)


def graded_by_name(paths, out_dir: Path) -> dict[str, dict]:
    """`grader grade` the week08 spec on `paths`: submission file name -> its JSON report entry."""
    import json

    report = out_dir / "report.json"
    result = run_grader("grade", str(WEEK08), *map(str, paths), "--json", str(report))
    assert result.returncode == 0, result.stderr
    return {Path(entry["submission"]).name: entry for entry in json.loads(report.read_text())["submissions"]}


@pytest.fixture(scope="module")
def check_file(tmp_path_factory) -> Path:
    """The week08 check file as `grader publish` writes it."""
    target = tmp_path_factory.mktemp("published") / "week08.check.json"
    result = run_grader("publish", str(WEEK08), "--output", str(target))
    assert result.returncode == 0, result.stderr
    return target

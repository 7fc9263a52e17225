"""A run sees an allow-list of files: what the grader's interpreter needs, wherever it lives, and nothing else."""
from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import uuid
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from grader.grading import grade_submission, load_assignment
from grader.sandbox import Limits, Sandbox
from grader.sandbox.allowlist import covers

SMALL = Limits(wall_s=5, cpu_s=5)
TYPED = (EXAMPLES / "correct.py").read_text()
COMPUTED = TYPED.replace(
    'sigmoid_prime = sp.exp(-z) / (1 + sp.exp(-z)) ** 2',
    'sigmoid_prime = sp.simplify(sp.diff(1 / (1 + sp.exp(-z)), z))',
).replace(
    'conv_a_shape = np.array([26, 28])',
    'conv_a_shape = np.random.default_rng(8).standard_normal((26, 28)).shape',
).replace(
    'conv_c_input_size = 54',
    'n = sp.Symbol("n")\nconv_c_input_size = int(max(sp.solve(sp.Eq((n + 2*1 - 9) / 3 + 1, 16), n)))',
)
READ_CANARIES = """
import os
seen = []
for path in PLACES:
    try:
        with open(path) as f:
            seen.append(f.read())
    except OSError as exc:
        seen.append(type(exc).__name__)
listed = [name for path in PLACES for name in (os.listdir(os.path.dirname(path)) if os.path.isdir(os.path.dirname(path)) else [])]
"""


def test_the_computing_submission_really_computes():
    assert COMPUTED.count("sp.diff(") == COMPUTED.count("np.random.") == COMPUTED.count("sp.solve(") == 1


@pytest.fixture
def canaries():
    """A world-readable file, with a secret token, in each kind of place outside the allow-list
    where this user can write: another course folder, beside the grader's .venv, beside the
    Python installation, and as root /srv, /opt, /home and /var."""
    token = f"canary-{uuid.uuid4().hex}"
    course = Path(tempfile.mkdtemp(prefix="grader-other-course-"))
    folders = [course / "solutions", ROOT / f".{token}", Path(sys.base_prefix).parent / f".{token}"]
    if os.geteuid() == 0:
        folders += [Path("/srv") / token, Path("/opt") / token, Path("/home") / token, Path("/var") / token]
    places = []
    for folder in folders:
        try:
            folder.mkdir(parents=True)
            (folder / "week09.py").write_text(f"secret = {token!r}\n")
        except OSError:
            continue
        for path in {folder, course} & {folder, *folder.parents}:
            path.chmod(0o755)
        (folder / "week09.py").chmod(0o644)
        if os.geteuid() != 0 or all(p.stat().st_mode & 0o001 for p in folder.parents):  # a fresh uid could read it
            places.append(str(folder / "week09.py"))
    yield token, places
    for folder in [course, *folders[1:]]:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_readable_file_outside_the_allow_list_is_unreadable_from_a_run(tmp_path, canaries):
    token, places = canaries
    hunter = tmp_path / "hunter.py"
    hunter.write_text(f"PLACES = {places!r}\n{READ_CANARIES}")
    with Sandbox(jobs=1) as sandbox:
        if sandbox.isolation == "plain":
            pytest.skip("no namespaces here: plain mode cannot build the allow-list (every report says so)")
        assert not [p for p in places if any(p.startswith(v + "/") for v in sandbox.visible)]
        run = sandbox.run(hunter, ["seen", "listed"], SMALL)
        trusted = sandbox.run(hunter, ["seen"], SMALL, trusted=True)  # the same search, as the instructor
    assert len(places) >= 2
    assert trusted.answers["seen"] == [f"secret = {token!r}\n"] * len(places)
    assert run.answers["seen"] == ["FileNotFoundError"] * len(places)
    assert token not in json.dumps(run.answers["listed"]) and token not in run.output and run.errors == ()


def grade_typed_and_computed(python: str, checkout: Path, out: Path) -> dict[str, dict]:
    """`grader grade` week08 with `python`, on the typed-out answers and the same answers computed."""
    folder = out / "submissions"
    folder.mkdir()
    (folder / "typed.py").write_text(TYPED)
    (folder / "computed.py").write_text(COMPUTED)
    (folder / "peeks.py").write_text(TYPED.split("conv_a_shape")[0] + "\n"
                                     f"exec(open({str(checkout / 'solutions' / 'week08.py')!r}).read())\n")
    report = out / "report.json"
    done = subprocess.run([python, "-m", "grader", "grade", str(checkout / "assignments" / "week08.yaml"),
                           str(folder), "--json", str(report)], capture_output=True, text=True, cwd=out, timeout=300)
    assert done.returncode == 0, done.stderr
    return {Path(s["submission"]).name: s for s in json.loads(report.read_text())["submissions"]}


def assert_graded_alike(rows: dict[str, dict]) -> None:
    typed, computed, peeks = rows["typed.py"], rows["computed.py"], rows["peeks.py"]
    assert typed["score"] == typed["max_score"] and typed["errors"] == []
    assert computed["errors"] == []
    assert [(q["id"], q["score"], q["status"]) for q in computed["questions"]] == \
        [(q["id"], q["score"], q["status"]) for q in typed["questions"]]
    assert peeks["score"] < typed["score"] and "FileNotFoundError" in peeks["errors"][0]


def test_computed_answers_are_graded_like_typed_ones_in_the_graders_own_environment(tmp_path):
    """As the README installs it, the environment is the checkout's .venv (CI: a fresh clone)."""
    assert_graded_alike(grade_typed_and_computed(sys.executable, ROOT, tmp_path))


def test_computed_answers_are_graded_like_typed_ones_with_a_checkout_and_its_venv_under_tmp(tmp_path):
    """A copy of the checkout under /tmp whose .venv holds the packages (hard links) and finds the
    grader through a .pth file naming the checkout: all of it must be importable, its solutions not."""
    checkout = tmp_path / "checkout"
    for part in ("grader", "assignments", "solutions"):
        shutil.copytree(ROOT / part, checkout / part, ignore=shutil.ignore_patterns("__pycache__"))
    venv = checkout / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        capture_output=True, text=True, check=True).stdout.strip())
    link_runtime_packages(site_packages)
    (site_packages / "grader-checkout.pth").write_text(f"{checkout}\n")
    assert str(tmp_path).startswith("/tmp/")
    assert_graded_alike(grade_typed_and_computed(str(python), checkout, tmp_path))


def link_runtime_packages(target: Path) -> None:
    """Every installed file of the grader's runtime dependencies, hard-linked (or copied) into `target`."""
    source = Path(sysconfig.get_paths()["purelib"])
    own = importlib.metadata.packages_distributions()["grader"][0]  # the distribution that ships `grader`
    todo, done = [own], set()
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in done:
            continue
        done.add(name)
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        todo += [re.match(r"[A-Za-z0-9._-]+", r).group() for r in dist.requires or [] if "extra ==" not in r]
        if name == re.sub(r"[-_.]+", "-", own).lower():
            continue  # the checkout copy is the grader
        for file in dist.files or []:
            path = Path(dist.locate_file(file))
            if path.is_file() and source in path.parents:
                copy = target / path.relative_to(source)
                copy.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(path, copy)
                except OSError:
                    shutil.copy2(path, copy)


def test_plain_mode_says_in_every_report_that_it_has_no_allow_list(tmp_path):
    submission = tmp_path / "typed.py"
    submission.write_text(TYPED)
    with Sandbox(jobs=1, isolation="plain") as sandbox:
        assignment = load_assignment(ROOT / "assignments" / "week08.yaml", sandbox)
        result = grade_submission(assignment, submission, sandbox)
    assert result.score == assignment.max_score
    assert len(result.errors) == 1 and "isolation 'plain'" in result.errors[0]
    assert "allow-list" in result.errors[0]


def test_a_hidden_folder_inside_a_visible_one_is_covered_and_one_holding_it_is_covered_around_it(tmp_path):
    course = tmp_path / "course"
    (course / "lib").mkdir(parents=True)
    (course / "solutions").mkdir()
    (course / "week08.yaml").write_text("assignment: week08\n")
    assert covers([course / "solutions"], [str(course)]) == [str(course / "solutions")]
    assert covers([course], [str(course / "lib")]) == []  # outside every visible folder: not there anyway
    assert covers([course], [str(tmp_path), str(course / "lib")]) == [str(course / "solutions"),
                                                                     str(course / "week08.yaml")]
    assert covers([course / "lib"], [str(tmp_path), str(course / "lib")]) == []  # the interpreter's own stays

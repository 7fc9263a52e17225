"""The Gradescope zip and the plugin's results, without running Otter end to end."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from tests.conftest import ROOT, WEEK08, run_grader

pytest.importorskip("otter")


@pytest.fixture(scope="module")
def built_zip(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("zip")  # no otter_config.json there: the zip's config is the default
    target = folder / "autograder.zip"
    result = run_grader("gradescope", str(WEEK08), "--output", str(target), cwd=folder)
    assert result.returncode == 0, result.stderr
    return target


def test_zip_has_otters_setup_our_config_spec_solution_and_a_stand_in_test(built_zip):
    with zipfile.ZipFile(built_zip) as archive:
        names = set(archive.namelist())
        config = json.loads(archive.read("otter_config.json"))
        stand_in = archive.read("tests/grader_stand_in.py").decode()
        spec = archive.read("assignment/assignments/week08.yaml").decode()
        solution = archive.read("assignment/solutions/week08.py").decode()
    assert {"setup.sh", "run_autograder", "run_otter.py", "environment.yml"} <= names
    assert config == json.loads((ROOT / "otter_config.json").read_text())  # the repo's file is what ships
    assert "OK_FORMAT = True" in stand_in
    assert spec == WEEK08.read_text() and solution == (ROOT / "solutions" / "week08.py").read_text()
    assert not any(name.startswith("files/") for name in names)  # Otter copies files/ beside the submission


def test_requirements_pin_what_is_installed_and_install_the_bundled_wheel(built_zip):
    with zipfile.ZipFile(built_zip) as archive:
        environment = archive.read("environment.yml").decode()
        wheels = [name for name in archive.namelist() if name.startswith("wheels/")]
    for package in ("sympy", "numpy", "pydantic", "pyyaml", "click", "rich"):
        assert f"{package}=={metadata.version(package)}" in environment
    assert "otter-grader[grading,plugins]==7.0.0" in environment
    assert wheels == [f"wheels/mathgrader-{metadata.version('mathgrader')}-py3-none-any.whl"]
    assert f"grader @ file:///autograder/source/{wheels[0]}" in environment


def test_bundled_wheel_installs_and_imports_without_the_checkout(built_zip, tmp_path):
    with zipfile.ZipFile(built_zip) as archive:
        wheel = next(name for name in archive.namelist() if name.startswith("wheels/"))
        archive.extract(wheel, tmp_path)
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target",
                              str(target), str(tmp_path / wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    probe = subprocess.run([sys.executable, "-c", "import grader.grading, grader.integrations.otter; print(grader.__file__)"],
                           capture_output=True, text=True, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
                           cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip().startswith(str(target))


def test_broken_spec_stops_before_any_zip(tmp_path):
    spec = tmp_path / "broken.yaml"
    spec.write_text("assignment: broken\nquestions:\n  - id: q1\n    answer: x\n    kind: nonsense\n    points: 1\n")
    target = tmp_path / "autograder.zip"
    result = run_grader("gradescope", str(spec), "--output", str(target))
    assert result.returncode == 2
    assert "broken.yaml" in result.stderr
    assert not target.exists()


def test_results_replace_otters_and_survive_otters_pickling():
    import dill
    from otter.run import AutograderConfig
    from otter.test_files import GradingResults

    from grader.integrations.otter import replace_results
    from grader.results import QuestionResult, Status, SubmissionResult

    questions = (
        QuestionResult("1b", "dh_t/dh_{t-1}", 2.0, 4.0, Status.PARTIAL, "lacks the term o*u*Di", "rule 1",
                       "visible", r"\text{yours: } o"),
        QuestionResult("2d", "Parameters", 0.0, 1.0, Status.INCORRECT, "1 is not right.", "compared exactly", "hidden"),
    )
    otter_results = GradingResults([])  # what Otter hands after_grading (its stand-in's results)
    replace_results(otter_results, SubmissionResult("s.py", questions), 3.2)
    restored = dill.loads(dill.dumps(otter_results))  # Otter writes results.pkl before results.json
    output = restored.to_gradescope_dict(AutograderConfig({}))
    assert restored.total == 2.0 and restored.possible == 5.0
    assert output["score"] == 2.0 and output["execution_time"] == 4
    assert [(t["name"], t["score"], t["max_score"], t["visibility"]) for t in output["tests"]] == [
        ("1b (4 pts): dh_t/dh_{t-1}", 2.0, 4.0, "visible"),
        ("2d (1 pt): Parameters", 0.0, 1.0, "hidden"),
    ]
    assert "lacks the term o*u*Di" in output["tests"][0]["output"]
    assert r"$$ \text{yours: } o $$" in output["tests"][0]["output"]


def test_instructor_settings_are_kept_but_the_grader_is_the_only_plugin(tmp_path):
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"show_stdout": True, "plugins": ["someone.else.Plugin"]}))
    target = tmp_path / "autograder.zip"
    result = run_grader("gradescope", str(WEEK08), "--output", str(target), "--config", str(settings), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(target) as archive:
        config = json.loads(archive.read("otter_config.json"))
    assert config["show_stdout"] is True
    assert config["plugins"] == [{"grader.integrations.otter.GraderPlugin": {"spec": "assignment/assignments/week08.yaml"}}]


@pytest.mark.skipif(os.geteuid() != 0, reason="the fresh-uid protection exists only when grading as root")
def test_without_namespaces_a_submission_still_cannot_read_the_unpacked_zip(built_zip, monkeypatch):
    """As root in a container without CAP_SYS_ADMIN the sandbox hides no paths; runs drop to a fresh
    uid, so the plugin closes the unpacked zip to other users before anything runs."""
    import functools

    import grader.sandbox
    from otter.run import AutograderConfig
    from otter.test_files import GradingResults

    from grader.integrations.otter import GraderPlugin

    top = Path(tempfile.mkdtemp(prefix="grader-gradescope-"))
    try:
        top.chmod(0o755)  # like /autograder: every user may enter
        autograder = top / "autograder"
        for part in ("source", "submission", "results"):
            (autograder / part).mkdir(parents=True)
        with zipfile.ZipFile(built_zip) as archive:
            archive.extractall(autograder / "source")
        for path in [autograder, *autograder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)  # as an unzip may leave them
        solution = autograder / "source" / "assignment" / "solutions" / "week08.py"
        submission = autograder / "submission" / "reads.py"
        submission.write_text(f"exec(open({str(solution)!r}).read())\n")
        monkeypatch.setattr(grader.sandbox, "Sandbox", functools.partial(grader.sandbox.Sandbox, isolation="plain"))
        plugin = GraderPlugin(str(submission), {}, {"spec": "assignment/assignments/week08.yaml"})
        plugin.before_grading(AutograderConfig({"autograder_dir": str(autograder)}))
        results = GradingResults([])
        plugin.after_grading(results)
        output = results.to_gradescope_dict(AutograderConfig({}))
    finally:
        shutil.rmtree(top)
    assert output["score"] == 0
    assert "PermissionError" in output["output"]


@pytest.mark.parametrize("config", [{}, {"without_isolation": True}], ids=["refuses", "told-what-is-lost"])
def test_without_the_sandbox_the_plugin_refuses_unless_told_what_is_lost(config, tmp_path, monkeypatch):
    from otter.run import AutograderConfig
    from otter.test_files import GradingResults

    import grader.sandbox.availability
    from grader.integrations.otter import GraderPlugin

    monkeypatch.setattr(grader.sandbox.availability, "sandbox_unavailable",
                        lambda: "it needs Linux, and this system is Windows")
    submission = tmp_path / "correct.py"
    shutil.copyfile(ROOT / "examples" / "week08" / "correct.py", submission)
    plugin = GraderPlugin(str(submission), {}, {"spec": "assignments/week08.yaml", **config})
    plugin.source_dir, plugin.private_dir, plugin.original = ROOT, tmp_path / "private", submission
    results = GradingResults([])
    plugin.after_grading(results)
    output = results.to_gradescope_dict(AutograderConfig({}))
    if config:
        assert output["score"] == 20
    else:
        assert output["score"] == 0 and len(output["tests"]) == 16
        assert ("grading needs the Linux sandbox, and it is unavailable here: it needs Linux, and this system is "
                "Windows") in output["tests"][0]["output"]

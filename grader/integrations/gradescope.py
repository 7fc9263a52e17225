"""`grader gradescope`: the autograder.zip an instructor uploads to Gradescope.

Otter's own generator writes the setup (setup.sh, run_autograder, environment.yml, with
`otter-grader` and our requirements); we add the grader's wheel, the spec and its reference
solution under `assignment/` (never under `files/`, which Otter copies beside the submission),
and a stand-in test so that `otter run` has a test to run.
"""
from __future__ import annotations

import json
import sys
import tempfile
import zipfile
from pathlib import Path

import click
import yaml

from grader.integrations import OTTER_PLUGIN
from grader.distribution import installed_name
from grader.integrations.wheel import build_wheel, pinned_dependencies, wheel_name

AUTOGRADER_DIR = "/autograder"  # where Gradescope unpacks the zip: <dir>/source
BUNDLE = "assignment"
STAND_IN_TEST = '''\
OK_FORMAT = True

test = {
    "name": "grader-stand-in",
    "points": 0,
    "suites": [{"cases": [{"code": ">>> True\\nTrue", "hidden": True}], "scored": False, "type": "doctest"}],
}
'''
DEFAULT_CONFIG = {"lang": "python", "show_stdout": False, "print_summary": True}


def otter_config(spec_relative: str, base: dict | None = None) -> dict:
    """The instructor's Otter settings with our plugin as the only plugin, pointed at the spec."""
    config = {**DEFAULT_CONFIG, **(base or {})}
    config["plugins"] = [{OTTER_PLUGIN: {"spec": spec_relative}}]
    return config


def requirements(wheel: str) -> list[str]:
    """Pinned runtime dependencies, then the grader itself from the wheel inside the zip."""
    return [*pinned_dependencies(), f"{installed_name()} @ file://{AUTOGRADER_DIR}/source/wheels/{wheel}"]


def build_autograder_zip(spec_path: Path, output: Path, base_config: dict | None = None) -> Path:
    """Validate the assignment, then write the Gradescope zip to `output`."""
    from otter.generate import main as otter_generate

    from grader.grading import load_assignment, solution_path

    assignment = load_assignment(spec_path)  # a broken spec or reference stops here, before any zip
    spec_name = f"{BUNDLE}/assignments/{spec_path.name}"
    solution_name = f"{BUNDLE}/solutions/{assignment.spec.assignment}.py"
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        tests = work_dir / "tests"
        tests.mkdir()
        (tests / "grader_stand_in.py").write_text(STAND_IN_TEST)
        (work_dir / "otter_config.json").write_text(json.dumps(otter_config(spec_name, base_config), indent=2))
        (work_dir / "requirements.txt").write_text("\n".join(requirements(wheel_name())) + "\n")
        wheel = build_wheel(work_dir)
        output = Path(output).resolve()
        otter_generate(
            tests_dir=str(tests), output_path=str(output), config=str(work_dir / "otter_config.json"),
            requirements=str(work_dir / "requirements.txt"), no_environment=True,
            python_version=f"{sys.version_info.major}.{sys.version_info.minor}",
        )
        with zipfile.ZipFile(output, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.write(wheel, f"wheels/{wheel.name}")
            archive.writestr(spec_name, _bundled_spec(spec_path, assignment.spec.solution))
            archive.write(solution_path(spec_path, assignment.spec), solution_name)
    return output


def _bundled_spec(spec_path: Path, solution: str | None) -> str:
    """The spec as written, or, when it names its solution elsewhere, pointed at the bundled copy."""
    text = spec_path.read_text(encoding="utf-8")
    if solution is None:  # the default ../solutions/<assignment>.py matches the bundle's layout
        return text
    data = yaml.safe_load(text)
    data.pop("solution")
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@click.command("gradescope")
@click.argument("assignment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=Path("autograder.zip"),
              show_default=True, help="Where to write the zip.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Otter settings to start from (default: ./otter_config.json when present).")
def gradescope(assignment: Path, output: Path, config_path: Path | None) -> None:
    """Build the Gradescope autograder zip for the ASSIGNMENT spec (Otter-Grader with the grader's plugin)."""
    if config_path is None and Path("otter_config.json").is_file():
        config_path = Path("otter_config.json")
    base = json.loads(config_path.read_text()) if config_path else None
    written = build_autograder_zip(assignment, output, base)  # a broken spec: the group says so, exit 2
    click.echo(f"{written}: upload it as the autograder of a Gradescope programming assignment "
               f"(Python {sys.version_info.major}.{sys.version_info.minor}, Otter-Grader with the grader plugin).")

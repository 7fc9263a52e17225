"""What a submission can see and touch: the uid, files, network, processes, environment."""
from __future__ import annotations

import fcntl
import os
import pty
import shutil
import socket
import subprocess
import sys
import termios
import uuid
from pathlib import Path

import pytest

from grader.sandbox import Limits, Sandbox

HOSTILE = Path(__file__).parent / "hostile"
SMALL = Limits(wall_s=3, cpu_s=3)
PROBE_NAMES = ["uid", "gid", "environment", "working_dir_listing", "interfaces", "visible_processes",
               "can_write_etc"]


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(jobs=2) as box:
        yield box


@pytest.fixture(scope="module")
def probe(sandbox):
    return sandbox.run(HOSTILE / "probe_environment.py", PROBE_NAMES, SMALL)


def namespaced(sandbox: Sandbox) -> bool:
    return sandbox.isolation in ("root", "userns")


def test_the_run_starts_in_a_folder_holding_only_its_own_file_with_a_scrubbed_environment(probe):
    assert probe.errors == ()
    assert probe.answers["working_dir_listing"] == ["probe_environment.py"]  # as `python file.py` finds it
    environment = probe.answers["environment"]
    assert set(environment) <= {"PATH", "HOME", "TMPDIR", "LANG", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                "MPLBACKEND"}
    assert environment["HOME"] != os.environ.get("HOME")


def test_as_root_the_submission_runs_as_an_unprivileged_uid(sandbox, probe):
    if os.geteuid() != 0:
        pytest.skip("privilege drop applies when the grader runs as root")
    assert probe.answers["uid"] != 0 and probe.answers["gid"] != 0
    assert probe.answers["can_write_etc"] is False


def test_the_submission_has_no_network_and_sees_only_its_own_processes(sandbox, probe):
    if not namespaced(sandbox):
        pytest.skip("no namespaces available: network and process isolation are not possible here")
    assert probe.answers["interfaces"] == ["lo"]
    assert probe.answers["visible_processes"] <= 2
    host = sorted(name for _, name in socket.if_nameindex())
    assert host != ["lo"] or probe.answers["interfaces"] == ["lo"]


@pytest.fixture
def secret_course(tmp_path):
    """A course folder outside /tmp, world-readable, with a reference solution holding a secret."""
    if not os.access(HOSTILE, os.W_OK):
        pytest.skip("needs a writable folder outside /tmp (tests/hostile) for the course files")
    course = HOSTILE / f".course-{uuid.uuid4().hex[:8]}"
    (course / "solutions").mkdir(parents=True)
    solution = course / "solutions" / "week08.py"
    solution.write_text("conv_d_params = 100352\n")
    for path in (course, course / "solutions"):
        path.chmod(0o755)
    solution.chmod(0o644)
    hunter = tmp_path / "hunter.py"
    hunter.write_text(f"SEARCH = [{str(course)!r}]\n" + (HOSTILE / "read_solutions.py").read_text())
    yield solution, hunter
    shutil.rmtree(course)


def test_a_submission_cannot_read_the_reference_solution(secret_course):
    solution, hunter = secret_course
    with Sandbox(jobs=1) as sandbox:
        if not namespaced(sandbox):
            pytest.skip("no mount namespace: the solutions folder cannot be hidden (documented limit)")
        reference = sandbox.run(solution, ["conv_d_params"], SMALL, trusted=True)
        assert reference.answers == {"conv_d_params": 100352}
        assert sandbox.run(hunter, ["leaked", "conv_d_params"], SMALL).answers == {"leaked": []}
        as_instructor = sandbox.run(hunter, ["leaked", "conv_d_params"], SMALL, trusted=True)  # same search, all paths
        assert as_instructor.answers == {"leaked": [str(solution)], "conv_d_params": 100352}


def test_the_reference_solution_runs_beside_its_own_files(tmp_path):
    (tmp_path / "data.txt").write_text("7")
    solution = tmp_path / "solution.py"
    solution.write_text("answer = int(open('data.txt').read())\n")
    with Sandbox(jobs=1) as sandbox:
        assert sandbox.run(solution, ["answer"], SMALL, trusted=True).answers == {"answer": 7}
        untrusted = sandbox.run(solution, ["answer"], SMALL)
    assert untrusted.answers == {}
    assert untrusted.errors[0].startswith("line 1: FileNotFoundError")


def test_the_submission_cannot_reach_the_graders_terminal():
    """The grader runs with a terminal (a pty); the submission tries to write to /dev/tty."""
    master, slave = pty.openpty()
    script = ("from grader.sandbox import Sandbox, Limits\n"
              "with Sandbox(jobs=1) as sb:\n"
              f"    print('ANSWERS', sb.run({str(HOSTILE / 'terminal.py')!r}, ['reached_terminal'],"
              " Limits(wall_s=3)).answers)\n")

    def take_terminal() -> None:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    grader = subprocess.Popen([sys.executable, "-c", script], stdin=slave, stdout=slave, stderr=slave,
                              preexec_fn=take_terminal, cwd=Path(__file__).parents[1])
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the pty closes when the grader exits
            break
        if not chunk:
            break
        seen += chunk
    grader.wait(timeout=60)
    os.close(master)
    assert b"ANSWERS {'reached_terminal': False}" in seen
    assert b"your terminal is mine" not in seen

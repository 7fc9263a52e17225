"""Each hostile submission in tests/hostile/ run through the sandbox: answers set before the
misbehaviour are kept, the error says what happened, and nothing outside the run changed."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from grader.sandbox import Limits, Sandbox
from grader.values import Unsupported

HOSTILE = Path(__file__).parent / "hostile"
SMALL = Limits(wall_s=1, cpu_s=1, output_kb=4)
NAMES = ["conv_a_shape", "conv_b_shape", "conv_d_params", "sigmoid_prime", "leaked", "wrote_gradescope", "forked"]


@pytest.fixture(scope="module", params=[None, "plain"], ids=["best-isolation", "plain-fallback"])
def sandbox(request):
    """Every case runs with the best isolation available and with the unprivileged fallback."""
    with Sandbox(jobs=2, isolation=request.param) as box:
        yield box


def run(sandbox: Sandbox, name: str, limits: Limits = SMALL):
    return sandbox.run(HOSTILE / name, NAMES, limits)


def processes_named(comm: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == comm:
                found.append(int(entry.name))
        except OSError:
            pass
    return found


def test_infinite_loop_before_any_answer_is_stopped_with_a_message(sandbox):
    result = run(sandbox, "loop_before_answers.py")
    assert result.answers == {}
    assert result.errors == ("stopped after 1 s (time limit) at line 2",)


def test_infinite_sleep_after_the_answers_keeps_them(sandbox):
    result = run(sandbox, "loop_after_answers.py")
    assert result.answers == {"conv_a_shape": [26, 28], "conv_d_params": 100352}
    assert result.errors == ("stopped after 1 s (time limit) at line 6",)


def test_code_that_swallows_the_soft_limit_is_killed_and_keeps_its_answers(sandbox):
    result = run(sandbox, "stubborn_loop.py")
    assert result.answers == {"conv_a_shape": [26, 28]}
    assert len(result.errors) == 1
    assert "stopped after 1 s" in result.errors[0] and "did not stop when asked" in result.errors[0]


def test_detached_daemon_dies_with_the_run_and_rewrites_nothing(sandbox):
    outside = Path("/tmp/grader-hostile-outside")
    outside.mkdir(mode=0o777, exist_ok=True)
    outside.chmod(0o777)
    target = outside / "results.json"
    target.write_text("original")
    target.chmod(0o666)
    try:
        result = run(sandbox, "detached_writer.py")
        assert result.answers == {"conv_a_shape": [26, 28]}
        assert result.errors == ()
        assert processes_named("hostile-daemon") == []
        time.sleep(1.0)  # a surviving daemon would have started writing after 0.5 s
        assert target.read_text() == "original"
        assert not (HOSTILE / "results.json").exists()
    finally:
        target.unlink()
        outside.rmdir()


def test_a_64_gib_allocation_fails_inside_the_run_only(sandbox):
    result = run(sandbox, "allocate_64gib.py")
    assert result.answers == {"conv_a_shape": [26, 28]}
    assert result.errors == ("line 3: MemoryError",)


@pytest.mark.parametrize("name", ["sys_exit_after_answers.py", "os_exit_after_answers.py"])
def test_exiting_with_status_0_after_the_answers_keeps_them(sandbox, name):
    result = run(sandbox, name)
    assert result.answers == {"conv_a_shape": [26, 28], "conv_d_params": 100352}
    assert result.errors == ()


def test_exiting_through_posix_exit_keeps_the_answers_of_earlier_statements(sandbox):
    result = run(sandbox, "raw_exit_after_answers.py")
    assert result.answers == {"conv_a_shape": [26, 28]}


def test_fork_bomb_is_bounded_and_leaves_no_process_behind(sandbox):
    result = run(sandbox, "fork_bomb.py")
    assert result.answers == {"conv_a_shape": [26, 28]}
    assert any("time limit" in error for error in result.errors)
    assert processes_named("hostile-bomb") == []


def test_print_flood_keeps_only_a_tail_of_the_output(sandbox):
    result = run(sandbox, "print_flood.py")
    assert result.answers == {"conv_a_shape": [26, 28]}
    first_line, _, kept = result.output.partition("\n")
    assert first_line.startswith("[... ") and "earlier bytes of output cut" in first_line
    assert len(kept.encode()) <= SMALL.output_kb * 1024
    assert kept.rstrip().endswith("flood")


def test_forged_results_files_do_not_reach_the_grader(sandbox, tmp_path):
    gradescope = Path("/autograder/results/results.json")
    existed = gradescope.exists()
    before = gradescope.read_bytes() if existed else None
    result = run(sandbox, "write_results.py")
    assert result.answers["conv_a_shape"] == [26, 28]
    assert not (HOSTILE / "results.json").exists()
    assert not (Path.cwd() / "results.json").exists()
    assert (gradescope.read_bytes() if existed else gradescope.exists()) == (before if existed else False)


@pytest.mark.parametrize("name", ["int_subclass.py", "always_equal.py"])
def test_objects_with_their_own_behaviour_arrive_as_unsupported(sandbox, name):
    result = run(sandbox, name)
    assert result.answers["conv_d_params"] in (Unsupported("Sly"), Unsupported("Chameleon"))
    assert all(type(value) is Unsupported for value in result.answers.values())


def test_a_failing_notebook_cell_is_reported_and_later_cells_run(sandbox):
    result = run(sandbox, "failing_cell.ipynb")
    assert result.answers == {"conv_a_shape": [26, 28], "conv_d_params": 100352}
    assert result.errors == ("cell 2, line 2: NameError: name 'undefined_name' is not defined",)


def test_notebook_magics_and_shell_lines_are_skipped_not_run(sandbox):
    result = run(sandbox, "magic.ipynb")
    assert [error.split(" (")[0] for error in result.errors] == [
        "cell 2, line 1: skipped `!rm -rf / --no-preserve-root`", "cell 2, line 2: skipped `!ls`",
        "cell 3, line 1: skipped `%%bash`"]
    assert result.answers["conv_b_shape"] == [31, 30]
    assert result.answers["conv_d_params"] == 100352
    assert result.answers["conv_a_shape"].data == [26, 28]


def test_a_notebook_cell_that_loops_forever_costs_the_cells_after_it(sandbox):
    result = run(sandbox, "looping_cell.ipynb")
    assert result.answers == {"conv_a_shape": [26, 28]}
    assert result.errors == ("stopped after 1 s (time limit) at cell 2, line 1", "2 later cells did not run")



def test_the_process_limit_caps_how_many_processes_a_run_may_start(sandbox):
    result = run(sandbox, "count_processes.py", Limits(wall_s=2, cpu_s=2, processes=10))
    assert result.answers == {"forked": 9}  # the run itself is the tenth
    assert result.errors == ()


def test_many_processes_that_together_exceed_the_memory_limit_are_stopped(sandbox):
    probe = sandbox.run(HOSTILE / "probe_environment.py", ["visible_processes"], SMALL)
    if probe.answers["visible_processes"] > 1:
        pytest.skip("the run's total memory is watched only where it has its own /proc (namespaces)")
    result = run(sandbox, "memory_bomb.py", Limits(wall_s=5, cpu_s=5, memory_mb=512))
    assert result.answers == {"conv_a_shape": [26, 28]}
    assert result.errors == ("stopped after line 13: its processes together used more than 512 MB of memory "
                             "(memory limit)",)


def test_an_interrupt_signal_is_reported_and_the_answers_before_it_kept(sandbox):
    result = run(sandbox, "interrupt_after_answers.py")
    assert result.answers == {"conv_a_shape": [26, 28]}
    assert result.errors == ("line 6: KeyboardInterrupt",)


def test_nothing_is_left_in_the_shared_writable_folders(sandbox):
    if sandbox.isolation == "plain":
        pytest.skip("without a mount namespace /tmp and /run/lock are the grader's own")
    before = {folder: set(os.listdir(folder)) for folder in ("/var/tmp", "/dev/shm", "/run/lock")
              if os.path.isdir(folder)}
    result = run(sandbox, "litter.py")
    assert result.answers == {"conv_a_shape": [26, 28]}
    assert {folder: set(os.listdir(folder)) for folder in before} == before

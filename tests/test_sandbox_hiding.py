"""Which paths a student run may not see, and that Python's own files stay reachable."""
from __future__ import annotations

from pathlib import Path

from grader.sandbox.hiding import interpreter_paths, plan


def test_hidden_folders_are_covered_once_at_their_outermost_level(tmp_path):
    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    (course / "submissions").mkdir()
    assert plan([course, course / "solutions", course / "submissions"], [], private=()) == [str(course)]


def test_a_hidden_folder_holding_the_interpreter_is_hidden_around_it(tmp_path):
    course = tmp_path / "course"
    (course / ".venv" / "lib").mkdir(parents=True)
    (course / "solutions").mkdir()
    (course / "week08.yaml").write_text("assignment: week08\n")
    hidden = plan([course], [course / ".venv" / "lib"], private=())
    assert hidden == [str(course / "solutions"), str(course / "week08.yaml")]


def test_system_folders_and_the_interpreter_are_never_hidden():
    needed = interpreter_paths()
    hidden = plan([Path("/usr/lib"), Path("/etc"), *needed], needed)
    assert hidden == []


def test_paths_in_the_private_temporary_folders_need_no_cover(tmp_path):
    assert plan([tmp_path], [], private=(tmp_path.parent,)) == []

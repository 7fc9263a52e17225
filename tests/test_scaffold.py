"""`grader new` writes a spec and solution that validate as written and show every kind and option."""
from __future__ import annotations

from typing import get_args

import yaml
from pydantic import BaseModel

from grader.spec.models import AssignmentSpec, Question
from tests.conftest import run_grader


def _models(model: type[BaseModel], seen: dict) -> dict:
    """Every spec model reachable from `model`, by name, with the keys it declares."""
    if model.__name__ in seen:
        return seen
    seen[model.__name__] = set(model.model_fields)
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                _models(annotation, seen)
            stack.extend(get_args(annotation))
    return seen


def _keys_used(value, found: set) -> set:
    if isinstance(value, dict):
        found.update(value)
        for item in value.values():
            _keys_used(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys_used(item, found)
    return found


def test_new_writes_a_spec_that_validates_and_uses_every_kind_and_key(tmp_path):
    done = run_grader("new", "week10", "--root", str(tmp_path))
    assert done.returncode == 0, done.stderr
    spec_path = tmp_path / "assignments" / "week10.yaml"
    assert (tmp_path / "solutions" / "week10.py").is_file()
    validated = run_grader("validate", str(spec_path))
    assert validated.returncode == 0, validated.stderr
    assert "week10, 11 questions" in validated.stdout
    written = yaml.safe_load(spec_path.read_text())
    kinds = {name for model in get_args(get_args(Question)[0]) for name in get_args(model.model_fields["kind"].annotation)}
    assert kinds == {question["kind"] for question in written["questions"]}
    used = _keys_used(written, set())
    declared = set().union(*_models(AssignmentSpec, {}).values())
    assert declared - used == set(), "options the scaffold does not show"
    assert "#" in spec_path.read_text().split("diagnose:")[1].splitlines()[0]  # commented, not bare


def test_new_refuses_to_overwrite_and_bad_names(tmp_path):
    assert run_grader("new", "w1", "--root", str(tmp_path)).returncode == 0
    again = run_grader("new", "w1", "--root", str(tmp_path))
    assert again.returncode == 2 and "already exist" in again.stderr
    bad = run_grader("new", "../evil", "--root", str(tmp_path))
    assert bad.returncode == 2 and "not a usable assignment name" in bad.stderr

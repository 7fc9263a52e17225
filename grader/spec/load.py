"""Reading a YAML spec into validated models, with errors that say where."""
from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from grader.spec.errors import ConfigError
from grader.spec.models import AssignmentSpec
from grader.spec.strict_yaml import YamlProblem, dotted, read_yaml


def load_spec(path: Path) -> AssignmentSpec:
    """Parse and validate the YAML file at `path`; raise ConfigError on any mistake."""
    try:
        raw = read_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read the spec ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), f"not valid YAML: {exc}") from None
    except YamlProblem as problem:
        raise ConfigError(str(path), f"line {problem.line}: {problem.message}", question=problem.question,
                          field=problem.field) from None
    if not isinstance(raw, dict):
        raise ConfigError(str(path), "the spec must be a mapping with `assignment` and `questions`")
    try:
        return AssignmentSpec.model_validate(raw)
    except ValidationError as exc:
        raise _first_error(path, raw, exc) from None


def _first_error(path: Path, raw: dict, exc: ValidationError) -> ConfigError:
    error = exc.errors()[0]
    loc = list(error["loc"])
    question = None
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        entry = (raw.get("questions") or [None])[loc[1]] if loc[1] < len(raw.get("questions") or []) else None
        question = str(entry.get("id", f"#{loc[1] + 1}")) if isinstance(entry, dict) else f"#{loc[1] + 1}"
        loc = loc[2:]
        if loc and isinstance(entry, dict) and loc[0] == entry.get("kind"):
            loc = loc[1:]  # pydantic names the union member; the instructor wrote no such key
    field = dotted(loc)
    message = error["msg"]
    if error["type"] == "union_tag_invalid":
        field, message = "kind", f"unknown kind {error['input'].get('kind')!r}; known kinds: {_kinds()}"
    elif error["type"] == "union_tag_not_found":
        field, message = "kind", f"missing; known kinds: {_kinds()}"
    elif "input" in error and error["type"] not in ("missing", "extra_forbidden"):
        message += f" (got {error['input']!r})"
    elif error["type"] == "extra_forbidden":
        message = "unknown key"
    return ConfigError(str(path), message, question=question, field=field or None)


def _kinds() -> str:
    from grader.spec.models import Question
    from typing import get_args

    union = get_args(Question)[0]
    names = sorted(name for model in get_args(union) for name in get_args(model.model_fields["kind"].annotation))
    return ", ".join(names)

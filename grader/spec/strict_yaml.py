"""YAML read strictly: a key written twice, or a question id that YAML would silently turn into
another value, is a mistake to report (with its question and key path), never a value to keep."""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_PLAIN_INTEGER = re.compile(r"0|[1-9][0-9]*")


@dataclass(frozen=True)
class YamlProblem(Exception):
    """Where the text goes wrong: the question (id or #n), the dotted key path, the line, what is wrong."""

    question: str | None
    field: str | None
    line: int
    message: str


def read_yaml(text: str) -> object:
    """The document's value; raise YamlProblem for duplicate keys or a question id YAML would change,
    yaml.YAMLError when it is not YAML at all."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return None
    _walk(node, [], None)
    return yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - the safe loader, on checked text


def _walk(node: yaml.Node, path: list, question: str | None) -> None:
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            inner = question
            if path == ["questions"]:
                inner = _question_name(item, index)
            _walk(item, [*path, index], inner)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            where = path[2:] if question is not None else path
            if key in seen:
                raise YamlProblem(question, dotted([*where, key]), key_node.start_mark.line + 1,
                                  f"the key `{key}` is written twice (first on line {seen[key]}); "
                                  "YAML would silently keep only the last")
            seen[key] = key_node.start_mark.line + 1
            if key == "id" and len(path) == 2 and path[0] == "questions":
                _check_id(value_node, question)
            _walk(value_node, [*path, key], question)


def _question_name(item: yaml.Node, index: int) -> str:
    if isinstance(item, yaml.MappingNode):
        for key_node, value_node in item.value:
            if getattr(key_node, "value", None) == "id" and isinstance(value_node, yaml.ScalarNode):
                return value_node.value
    return f"#{index + 1}"


def _check_id(node: yaml.Node, question: str | None) -> None:
    """Ids are text. A bare number is read as its digits (`id: 1` is "1"), but only when YAML
    keeps those digits: `010` (octal 8), `1.10` (1.1), `1_000` or `yes` would change the id."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:str":
        return
    if node.tag == "tag:yaml.org,2002:int" and _PLAIN_INTEGER.fullmatch(node.value):
        return
    value = yaml.safe_load(node.value)
    raise YamlProblem(question, "id", node.start_mark.line + 1,
                      f"`{node.value}` is read by YAML as {type(value).__name__} {value!r}, not as the text "
                      f"`{node.value}`; quote it: id: \"{node.value}\"")


def dotted(loc: list) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text

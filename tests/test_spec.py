"""A broken spec stops with a message naming the file, the question and the field."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.spec import ConfigError, load_spec
from tests.conftest import WEEK08, run_grader

GOOD_QUESTION = "{id: 1a, answer: x, kind: boolean, points: 1}"

BROKEN = [
    # (yaml text, question named, field named, words in the message)
    ("assignment: w\nquestions:\n - {id: 1a, answer: x, kind: boolen, points: 1}\n", "1a", "kind", "unknown kind 'boolen'"),
    ("assignment: w\nquestions:\n - {id: q2, answer: x, kind: count, points: two}\n", "q2", "points", "valid number"),
    ("assignment: w\nquestions:\n - {id: 1a, kind: boolean, points: 1}\n", "1a", "answer", "Field required"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: 2x, kind: boolean, points: 1}\n", "1a", "answer", "not a Python variable"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: x, kind: boolean, points: 1, colour: red}\n", "1a", "colour", "unknown key"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: x, kind: expression, points: 1, rules: [{score: 1, message: m}]}\n",
     "1a", "rules[0]", "exactly one of"),
    ("assignment: w\nquestions:\n - " + GOOD_QUESTION + "\n - {id: 1a, answer: y, kind: boolean, points: 1}\n",
     None, None, "two questions share the id `1a`"),
    ("assignment: w\nquestions: []\n", None, "questions", "at least 1"),
    ("assignment: [w\n", None, None, "not valid YAML"),
]


@pytest.mark.parametrize("text, question, field, words", BROKEN)
def test_broken_spec_names_file_question_and_field(tmp_path: Path, text, question, field, words):
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_spec(path)
    error = caught.value
    assert error.file == str(path)
    assert error.question == question
    assert error.field == field
    assert words in str(error)


def test_week08_spec_has_twenty_auto_points_and_the_issue_ids():
    spec = load_spec(WEEK08)
    ids = [q.id for q in spec.questions]
    assert ids == ["1a", "1a-why", "1b", "1c", "1d", "1e", "1f", "1g", "1g-why",
                   "2a", "2b", "2c", "2d", "2e", "2f", "2g"]
    assert sum(q.points for q in spec.questions) == 20
    assert {q.id: q.kind for q in spec.questions}["1a-why"] == "text"


def test_schema_command_prints_a_json_schema_with_the_question_kinds():
    done = run_grader("schema")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    text = json.dumps(schema)
    for kind in ("boolean", "expression", "count", "shape", "text", "choice", "number", "integer"):
        assert f'"{kind}"' in text

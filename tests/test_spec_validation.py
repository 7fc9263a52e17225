"""Every mistake the spec loader and the option validation catch stops with its message, naming the
file, the question and the key path: one row per `raise` (grader/spec/, grader/check/validate.py and
the kinds' `validate`/`validate_reference`)."""
from __future__ import annotations

from pathlib import Path

import pytest

from grader.grading import load_assignment
from grader.spec import ConfigError, load_spec

HEAD = "assignment: w\nsymbols: {k: {dim: 2..4}, z: real, h: {shape: [k, 1]}, M: {shape: [k, k]}}\nquestions:\n"


def expression(options: str, qid: str = "1a") -> str:
    return HEAD + f" - {{id: {qid}, answer: a, kind: expression, points: 1, reference: 'z', {options}}}\n"


MISTAKES = [
    # (spec text, question named, key path named, words in the message)
    # -- the YAML itself
    ("assignment: w\nsymbols:\n  x: real\n  x: {shape: [k, 1]}\nquestions: []\n", None, "symbols.x",
     "the key `x` is written twice (first on line 3)"),
    ("assignment: w\nquestions:\n - id: 1a\n   answer: a\n   kind: boolean\n   kind: count\n   points: 1\n",
     "1a", "kind", "written twice"),
    (HEAD + " - {id: 1a, answer: a, kind: expression, points: 1, reference: z, rules: [{equals: z, equals: h, "
     "score: 1, message: m}]}\n", "1a", "rules[0].equals", "written twice"),
    ("assignment: w\nquestions:\n - {id: 010, answer: a, kind: boolean, points: 1}\n", "010", "id",
     "read by YAML as int 8"),
    ("assignment: w\nquestions:\n - {id: 2.10, answer: a, kind: boolean, points: 1}\n", "2.10", "id",
     "read by YAML as float 2.1"),
    ("assignment: w\nquestions:\n - {id: yes, answer: a, kind: boolean, points: 1}\n", "yes", "id",
     "read by YAML as bool True"),
    ("assignment: [w\n", None, None, "not valid YAML"),
    ("- just\n- a list\n", None, None, "must be a mapping"),
    # -- the models (pydantic): kinds, types, unknown keys, each model validator
    ("assignment: w\nquestions:\n - {id: 1a, answer: a, points: 1}\n", "1a", "kind", "missing; known kinds:"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: a, kind: matrix, points: 1}\n", "1a", "kind",
     "unknown kind 'matrix'"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: a, kind: boolean, points: 1, colour: red}\n", "1a",
     "colour", "unknown key"),
    ("assignment: w\nquestions:\n - {id: 1a, kind: boolean, points: 1}\n", "1a", "answer", "Field required"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: 2x, kind: boolean, points: 1}\n", "1a", "answer",
     "not a Python variable"),
    (HEAD + " - {id: 1a, answer: a, kind: expression, points: 1, rules: [{score: 1, message: m}]}\n", "1a",
     "rules[0]", "exactly one of"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: a, kind: boolean, points: 1}\n"
     " - {id: 1a, answer: b, kind: boolean, points: 1}\n", None, None, "two questions share the id `1a`"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: a, kind: array, points: 1, shape: [2, 2, 2]}\n", "1a",
     "shape", "an array shape is [n] or [rows, cols]"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: a, kind: choice, points: 1, choices: [ReLU, relu]}\n",
     "1a", "choices", "`relu` names two choices (`ReLU` and `relu`)"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: a, kind: choice, points: 1, "
     "choices: [{choice: tanh, aliases: [TANH]}, ReLU]}\n", "1a", "choices", "`TANH` is given twice for `tanh`"),
    ("assignment: w\nquestions:\n - {id: 1a, answer: a, kind: boolean, points: 1, diagnose: some}\n", "1a",
     "diagnose", "unknown key"),
    (HEAD + " - {id: 1a, answer: a, kind: expression, points: 1, reference: z, diagnose: some}\n", "1a",
     "diagnose", "Input should be False, 'terms' or 'full'"),
    # -- symbols, the assignment's and a question's own
    ("assignment: w\nsymbols: {x: {shape: [q, 1]}}\nquestions:\n - {id: 1a, answer: a, kind: boolean, points: 1}\n",
     None, "symbols.x", "shape uses `q`, which is not declared with `dim:`"),
    ("assignment: w\nsymbols: {k: {dim: 0..3}}\nquestions:\n - {id: 1a, answer: a, kind: boolean, points: 1}\n",
     None, "symbols.k", "must satisfy 1 <= low"),
    (expression("symbols: {y: {interval: [1, 0]}}"), "1a", "symbols.y", "interval [1, 0] is empty"),
    (expression("symbols: {k: real}"), "1a", "symbols", "`h`: shape uses `k`, which is not declared with `dim:` "
     "(with this question's symbols)"),
    # -- expression options
    (expression("forbid_functions: [sigmoid]"), "1a", "forbid_functions[0]", "unknown function `sigmoid`"),
    (expression("require_functions: [tahn]"), "1a", "require_functions[0]", "unknown function `tahn`"),
    (expression("functions: [exp, softmax]"), "1a", "functions[1]", "unknown function `softmax`"),
    (expression("require_functions: [exp], forbid_functions: [exp]"), "1a", "forbid_functions",
     "exp both required and forbidden"),
    (expression("functions: [log], require_functions: [exp]"), "1a", "require_functions[0]",
     "`exp` is required but not among `functions`"),
    (expression("names: [z, q]"), "1a", "names[1]", "`q` is not declared under `symbols`"),
    (expression("shape: [q, 1]"), "1a", "shape[0]", "`q` is not a size declared with `dim:`"),
    (expression("shape: [0, 1]"), "1a", "shape[0]", "sizes are positive, got 0"),
    (expression("shape: [k, k, k]"), "1a", "shape", "an expression is a scalar, [rows] or [rows, cols]"),
    (HEAD + " - {id: 1a, answer: a, kind: expression, points: 1, reference: 'z +'}\n", "1a", "reference",
     "does not parse"),
    (HEAD + " - {id: 1a, answer: a, kind: expression, points: 1, reference: {derivative_of: 'h', by: z}}\n",
     "1a", "reference", "can only differentiate a scalar expression"),
    (expression("rules: [{equals: 'z*', score: 1, message: m}]"), "1a", "rules[0].equals", "`z*` does not parse"),
    (expression("rules: [{missing_one_of: [z, 'q'], score: 1, message: m}]"), "1a", "rules[0].missing_one_of[1]",
     "`q` does not parse"),
    # -- the declared shape against the reference's
    (HEAD + " - {id: 1a, answer: a, kind: expression, points: 1, reference: h, shape: [k, k]}\n", "1a", "shape",
     "declared as a matrix (k x k), but the reference `h` is a column vector (k x 1)"),
    (HEAD + " - {id: 1a, answer: a, kind: expression, points: 1, reference: M@h, shape: [k]}\n", None, None, ""),
    # -- other kinds
    ("assignment: w\nquestions:\n - {id: 2c, answer: a, kind: integer, points: 1, accept_if: 'n + 1'}\n", "2c",
     "accept_if", "the condition must compare"),
]


@pytest.mark.parametrize("text, question, field, words", MISTAKES)
def test_each_mistake_stops_with_file_question_and_key_path(tmp_path: Path, text, question, field, words):
    path = tmp_path / "assignments" / "w.yaml"
    path.parent.mkdir()
    path.write_text(text)
    if not words:  # the control row: a declared [k] is the k x 1 reference
        assert load_assignment(path).spec.questions[0].shape == ["k"]
        return
    with pytest.raises(ConfigError) as caught:
        load_assignment(path)
    error = caught.value
    assert (error.file, error.question, error.field) == (str(path), question, field), str(error)
    assert words in error.message, str(error)
    assert str(error).startswith(str(path))


def test_a_bare_integer_id_is_its_digits(tmp_path: Path):
    path = tmp_path / "w.yaml"
    path.write_text("assignment: w\nquestions:\n - {id: 1, answer: a, kind: boolean, points: 1}\n"
                    " - {id: '010', answer: b, kind: boolean, points: 1}\n")
    assert [q.id for q in load_spec(path).questions] == ["1", "010"]


def test_an_unreadable_spec_says_why(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read the spec"):
        load_spec(tmp_path / "absent.yaml")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"assignment: \xff\xfe\n")
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        load_spec(binary)


def test_an_expression_shape_that_disagrees_with_the_solution_file_stops(tmp_path: Path):
    (tmp_path / "assignments").mkdir()
    (tmp_path / "solutions").mkdir()
    spec = tmp_path / "assignments" / "w.yaml"
    spec.write_text(HEAD + " - {id: 1a, answer: a, kind: expression, points: 1, shape: [k, k]}\n"
                    " - {id: 1b, answer: b, kind: array, points: 1, shape: [3]}\n")
    solution = tmp_path / "solutions" / "w.py"
    solution.write_text("a = 'h'\nb = [[1, 2], [3, 4]]\n")
    with pytest.raises(ConfigError) as caught:
        load_assignment(spec)
    assert (caught.value.file, caught.value.question, caught.value.field) == (str(solution), "1a", "shape")
    solution.write_text("a = 'M'\nb = [[1, 2], [3, 4]]\n")
    with pytest.raises(ConfigError) as caught:
        load_assignment(spec)
    assert (caught.value.question, caught.value.field) == ("1b", "shape")
    assert "declared as a vector of 3 numbers, but the reference is a 2 x 2 matrix" in caught.value.message
    solution.write_text("a = 'M +'\nb = [1, 2, 3]\n")
    with pytest.raises(ConfigError) as caught:
        load_assignment(spec)
    assert (caught.value.question, caught.value.field) == ("1a", "answer")
    assert "the reference does not parse" in caught.value.message
    solution.write_text("a = 'M'\nb = 'two'\n")
    with pytest.raises(ConfigError) as caught:
        load_assignment(spec)
    assert (caught.value.question, caught.value.field) == ("1b", "answer")
    assert "the reference is not an array of numbers" in caught.value.message


def test_the_json_schema_follows_the_new_keys():
    from grader.spec import AssignmentSpec

    definitions = AssignmentSpec.model_json_schema()["$defs"]
    assert definitions["ArrayQuestion"]["properties"]["kind"]["const"] == "array"
    assert "symbols" in definitions["ExpressionQuestion"]["properties"]
    assert definitions["Defaults"]["properties"]["diagnose"]["enum"] == [False, "terms", "full"]
    assert set(definitions["Choice"]["properties"]) == {"choice", "aliases"}
    assert "case_sensitive" in definitions["ChoiceQuestion"]["properties"]

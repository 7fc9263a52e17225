"""`grader publish` and `grader check`: a student learns presence, form and (for verify
questions) rightness, in agreement with `grader grade`, and never the reference."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, WEEK08, graded_by_name, run_grader

SUBMISSIONS = sorted(EXAMPLES.glob("*.py")) + sorted(EXAMPLES.glob("*.ipynb"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict[str, dict]:
    return graded_by_name(SUBMISSIONS, tmp_path_factory.mktemp("grade"))


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        yield value
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def test_published_file_holds_no_reference_value(check_file, week08_spec):
    published = json.loads(check_file.read_text())
    leaves = list(_leaves(published))
    hexes = {*_digests_and_salts(published)}
    assert all(re.fullmatch(r"[0-9a-f]{32,64}", value) for value in hexes)  # digests and salts: opaque hex
    strings = [leaf for leaf in leaves if isinstance(leaf, str) and leaf not in hexes]
    squashed = re.sub(r"\s+", "", "".join(strings))
    solution = {}
    exec((WEEK08.parents[1] / "solutions" / "week08.py").read_text(), solution)  # the instructor's own file
    for question in week08_spec.questions:
        reference = solution[question.answer]
        if question.kind in ("count", "integer"):
            assert reference not in leaves, question.id
            assert not any(re.search(rf"(?<![\d.]){reference}(?![\d.])", text) for text in strings), question.id
        elif question.kind == "shape":
            assert list(reference) not in leaves, question.id
            assert not any(re.search(r"\D+".join(map(str, reference)), text) for text in strings), question.id
        elif question.kind == "expression":
            assert re.sub(r"\s+", "", reference) not in squashed, question.id
            for rule in question.rules:  # partial-credit rules name the reference's terms
                for term in [rule.equals or "", *(rule.missing_one_of or [])]:
                    assert not term or re.sub(r"\s+", "", term) not in squashed, question.id
        elif question.kind == "boolean":
            entry = next(q for q in published["questions"] if q["id"] == question.id)
            assert entry["fingerprint"] is None and not entry["verify"]


def _digests_and_salts(published: dict):
    for question in published["questions"]:
        fingerprint = question["fingerprint"] or {}
        if fingerprint.get("method") == "scrypt":
            yield fingerprint["salt"]
            yield from fingerprint["digests"]


def test_verify_questions_are_the_specs_minus_those_that_cannot_be_verified(check_file, week08_spec):
    published = {q["id"]: q for q in json.loads(check_file.read_text())["questions"]}
    wanted = {q.id for q in week08_spec.questions if week08_spec.self_check(q) == "verify"}
    assert {i for i, q in published.items() if q["verify"]} == wanted
    assert all(q["fingerprint"]["method"] == ("points" if q["kind"] == "expression" else "scrypt")
               for q in published.values() if q["verify"])


@pytest.mark.parametrize("submission", SUBMISSIONS, ids=lambda p: p.name)
def test_check_agrees_with_grade_on_right_or_not(submission, check_file, graded):
    result = run_grader("check", str(check_file), str(submission))
    assert result.returncode in (0, 1), result.stderr
    published = json.loads(check_file.read_text())["questions"]
    verify_ids = {q["id"] for q in published if q["verify"]}
    rows = _rows(result.stdout)
    for question in graded[submission.name]["questions"]:
        if question["id"] not in verify_ids:
            continue
        said = rows[question["id"]]["right?"]
        if question["status"] == "correct":
            assert said == "right", (question["id"], said)
        elif question["status"] in ("partial", "incorrect"):
            assert said == "not yet right", (question["id"], said)
        else:  # missing or invalid: check says so and makes no claim about rightness
            assert said == "-", (question["id"], said)


def test_correct_submission_passes_check_with_every_verify_answer_right(check_file):
    result = run_grader("check", str(check_file), str(EXAMPLES / "correct.py"))
    assert result.returncode == 0, result.stdout
    rows = _rows(result.stdout)
    assert all(row["found"] == "found" and row["well-formed"] == "yes" for row in rows.values())
    assert [row["right?"] for row in rows.values() if row["right?"] != "-"] == ["right"] * 10


def test_missing_and_unparsable_answers_are_named(check_file):
    result = run_grader("check", str(check_file), str(EXAMPLES / "broken.py"))
    assert result.returncode == 1
    rows = _rows(result.stdout)
    assert rows["2d"]["found"] == "MISSING" and "`conv_d_params` is not set" in result.stdout
    assert rows["1c"]["well-formed"] == "NO"
    assert "does not parse" in _detail(result.stdout, "1c")
    assert "W" in _detail(result.stdout, "1d") and rows["1d"]["well-formed"] == "NO"
    assert "IndexError" in result.stdout  # why the later answers are missing
    assert "missing: " in result.stdout and "2d" in result.stdout.split("missing: ")[1]


def test_unusable_check_file_exits_2(tmp_path):
    bogus = tmp_path / "week08.check.json"
    bogus.write_text(json.dumps({"format": "grader-check/2", "assignment": "week08"}))
    result = run_grader("check", str(bogus), str(EXAMPLES / "correct.py"))
    assert result.returncode == 2
    assert "not a check file" in result.stderr


def test_notebook_checker_reads_the_callers_variables(check_file):
    from grader import Checker

    checker = Checker(check_file)
    global sigmoid_prime, conv_d_params  # the notebook's variables are the caller's globals
    sigmoid_prime, conv_d_params = "exp(-z)/(1 + exp(-z))**2", 100353
    one = checker.check("1c")
    assert [(row.id, row.verdict.value) for row in one.rows] == [("1c", "right")]
    assert "<table" in one._repr_html_() and "right" in str(one)
    every = checker.check_all()
    verdicts = {row.id: (row.found, row.verdict.value) for row in every.rows}
    assert verdicts["2d"] == (True, "not yet right")
    assert verdicts["1b"] == (False, "not checked")
    assert not every.ok


def test_notebook_checker_names_the_questions_when_the_id_is_unknown(check_file):
    from grader import Checker

    with pytest.raises(KeyError, match="1a, 1a-why, 1b"):
        Checker(check_file, namespace={}).check("9z")


def _rows(stdout: str) -> dict[str, dict[str, str]]:
    """The check table's rows by question id: found, well-formed and right? columns."""
    rows = {}
    for line in stdout.splitlines():
        match = re.match(r"(\S+) \(\d+ pts?\)\s+(\S+)\s+(found|MISSING)\s+(yes|NO|-)\s+(right|not yet right|-)\s", line + " ")
        if match:
            rows[match.group(1)] = {"answer": match.group(2), "found": match.group(3),
                                    "well-formed": match.group(4), "right?": match.group(5)}
    return rows


def _detail(stdout: str, question_id: str) -> str:
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{question_id} ("))
    block = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        block.append(line)
    return "\n".join(block)

"""Answer values across the boundary: exact types in, plain data out, malformed data refused."""
from __future__ import annotations

import json
import math

import pytest

from grader.sandbox import Limits, Sandbox
from grader.sandbox.decode import parse_snapshot
from grader.sandbox.protocol import FrameBuffer, pack
from grader.values import TAG, NDArray, SymbolicText, Unsupported

SUBMISSION = '''
import numpy as np
import sympy as sp
x = sp.Symbol("x")
plain = [None, True, 3, 2.5, "text"]
pair = (1, (2, 3))
table = {"a": 1, "b": [1.5]}
bad_keys = {1: "one"}
forged_tag = {"__grader_type__": "symbolic", "text": "x"}
np_int = np.int64(7)
np_float = np.float32(0.5)
np_bool = np.bool_(True)
matrix = np.array([[1, 2], [3, 4]])
complex_array = np.array([1j])
huge_array = np.zeros(10**6)
expression = sp.sin(x) ** 2
sym_matrix = sp.Matrix([[x, 1]])
not_a_number = float("nan")
big_int = 10 ** 5000
deep = []
for _ in range(100):
    deep = [deep]
function = len
'''


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    path = tmp_path_factory.mktemp("values") / "values.py"
    path.write_text(SUBMISSION)
    names = [line.split(" =")[0] for line in SUBMISSION.splitlines() if " = " in line and not line[0].isspace()]
    with Sandbox(jobs=1) as sandbox:
        result = sandbox.run(path, names, Limits(wall_s=10))
    assert result.errors == ()
    return result.answers


def test_plain_values_arrive_as_themselves_and_tuples_as_lists(answers):
    assert answers["plain"] == [None, True, 3, 2.5, "text"]
    assert type(answers["plain"][1]) is bool and type(answers["plain"][2]) is int
    assert answers["pair"] == [1, [2, 3]]
    assert answers["table"] == {"a": 1, "b": [1.5]}
    assert math.isnan(answers["not_a_number"])


def test_numpy_values_arrive_with_dtype_and_shape(answers):
    assert answers["np_int"] == NDArray("int64", (), 7)
    assert answers["np_float"] == NDArray("float32", (), 0.5)
    assert answers["np_bool"] == NDArray("bool", (), True)
    assert answers["matrix"] == NDArray("int64", (2, 2), [[1, 2], [3, 4]])


def test_sympy_objects_arrive_as_their_printed_text(answers):
    assert answers["expression"] == SymbolicText("sin(x)**2")
    assert answers["sym_matrix"] == SymbolicText("Matrix([[x, 1]])")
    assert answers["x"] == SymbolicText("x")


@pytest.mark.parametrize("name, type_name", [
    ("bad_keys", "dict (keys must be plain strings)"),
    ("forged_tag", "dict (keys must be plain strings)"),
    ("complex_array", "numpy.ndarray of dtype complex128 and shape (1,)"),
    ("huge_array", "numpy.ndarray of dtype float64 and shape (1000000,)"),
    ("big_int", "int (too many digits)"),
    ("function", "builtin_function_or_method"),
])
def test_values_that_may_not_cross_are_named_as_unsupported(answers, name, type_name):
    assert answers[name] == Unsupported(type_name)


def test_deep_nesting_is_cut_off(answers):
    value = answers["deep"]
    depth = 0
    while type(value) is list:
        value, depth = value[0], depth + 1
    assert value == Unsupported("list (nested too deeply)") and depth == 20


def snapshot(answers: object) -> bytes:
    return json.dumps({"answers": answers, "errors": ["line 1: E"], "student_s": 0.5}).encode()


@pytest.mark.parametrize("payload", [b"not json", b"[1, 2]", b'{"answers": [1]}', b"[" * 100000 + b"]" * 100000,
                                     b'{"answers": {"a": 1' + b"0" * 5000 + b"}}"])
def test_malformed_frames_decode_to_nothing(payload):
    assert parse_snapshot(payload, ["a"]).answers == {}


@pytest.mark.parametrize("value", [
    {TAG: "ndarray", "dtype": "int64", "shape": [2], "data": [1]},
    {TAG: "ndarray", "dtype": "int64", "shape": [1], "data": [{"x": 1}]},
    {TAG: "ndarray", "dtype": "int64", "shape": [-1], "data": []},
    {TAG: "symbolic", "text": 3},
    {TAG: "pickle", "data": "gASVAAAA"},
])
def test_malformed_tagged_values_become_unsupported(value):
    decoded = parse_snapshot(snapshot({"a": value}), ["a"]).answers["a"]
    assert type(decoded) is Unsupported


def test_only_requested_names_are_decoded_with_the_childs_errors():
    result = parse_snapshot(snapshot({"a": 1, "b": 2}), ["a", "c"])
    assert result.answers == {"a": 1}
    assert result.errors == ("line 1: E",) and result.student_s == 0.5


def test_the_frame_buffer_keeps_the_last_complete_frame_and_refuses_oversized_ones():
    frames = FrameBuffer(limit=100)
    frames.feed(pack(b"first") + pack(b"second")[:4])
    assert frames.last == b"first"
    frames.feed(pack(b"second")[4:])
    assert frames.last == b"second"
    frames.feed(pack(b"x" * 101))
    assert frames.broken and frames.last == b"second"


def test_lone_surrogates_become_replacement_characters_so_reports_can_be_written():
    payload = json.dumps({"answers": {"a": "x\ud800y", "b": {TAG: "symbolic", "text": "\udfff"}},
                          "errors": ["line 1: E: \ud800"]}).encode()
    result = parse_snapshot(payload, ["a", "b"])
    assert result.answers == {"a": "x\ufffdy", "b": SymbolicText("\ufffd")}
    assert result.errors == ("line 1: E: \ufffd",)

"""A syntax error costs only the broken statement's answers."""
from __future__ import annotations

from grader.sandbox.salvage import salvage


def _run(source: str) -> tuple[dict, list[str]]:
    namespace: dict = {}
    errors = []
    for piece in salvage(source):
        if piece.error:
            errors.append(piece.error)
        else:
            exec(compile(piece.source, "<test>", "exec"), namespace)  # the test's own trusted source
    return {k: v for k, v in namespace.items() if not k.startswith("__")}, errors


def test_a_file_that_parses_is_one_piece():
    pieces = salvage("a = 1\nb = 2\n")
    assert [p.error for p in pieces] == [""] and "b = 2" in pieces[0].source


def test_the_statements_around_a_typo_still_run_and_keep_their_line_numbers():
    names, errors = _run("a = 1\nb = 25088 00\nc = 3\n\ndef f():\n    return 4\nd = f()\n")
    assert names["a"] == 1 and names["c"] == 3 and names["d"] == 4 and "b" not in names
    assert len(errors) == 1 and errors[0].startswith("SyntaxError at line 2")


def test_a_broken_block_is_skipped_whole_and_several_errors_are_all_reported():
    source = "a = 1\nif a:\n    b = (\nc = 3\nfor x in range(2)\n    pass\ne = 5\n"
    names, errors = _run(source)
    assert names["a"] == 1 and names["e"] == 5
    assert len(errors) >= 1 and all(e.startswith("SyntaxError at line") for e in errors)


def test_an_unclosed_string_at_the_end_loses_only_itself():
    names, errors = _run('a = 1\nb = "never closed\n')
    assert names == {"a": 1} and len(errors) == 1


def test_null_bytes_are_a_syntax_error_on_their_line_not_a_crash():
    names, errors = _run("a = 1\nb = '\0'\nc = 3\n")
    assert names == {"a": 1, "c": 3}
    assert errors == [errors[0]] and errors[0].startswith("SyntaxError at line 2:")


def test_a_file_that_is_not_python_stops_after_ten_syntax_errors():
    source = "".join(f"x{i} = {i}\ny{i} = (\n" for i in range(30))
    pieces = salvage(source)
    errors = [p.error for p in pieces if p.error]
    assert len(errors) == 11 and "was not run" in errors[-1]

"""The summary table at the end of `grader grade`: one row per submission, scores coloured by status on a
terminal, plain text when redirected, long names folded to fit the console."""
from __future__ import annotations

import io

from rich.console import Console

from grader.report.terminal import SummaryRow, print_summary, summary_line
from grader.results import QuestionResult, Status, SubmissionResult

IDS = ["1a", "1a-why", "2g"]


def _row(name: str, *graded: tuple[str, float, Status], errors: tuple[str, ...] = ()) -> SummaryRow:
    questions = tuple(QuestionResult(qid, qid, score, 2.0, status, "f" * 500, "m", answer="a" * 500)
                      for qid, score, status in graded)
    return SummaryRow.of(SubmissionResult(name, questions, errors, output="o" * 5000), IDS)


ROWS = [_row("a.py", ("1a", 2, Status.CORRECT), ("1a-why", 1, Status.PARTIAL), ("2g", 0, Status.ERROR)),
        _row("b.py", ("1a", 0.5, Status.INCORRECT), errors=("NameError: x",))]


def _printed(terminal: bool, width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width, force_terminal=terminal,
                      color_system="standard" if terminal else "auto", highlight=False)
    print_summary(console, ROWS, IDS)
    return console.file.getvalue()


def test_redirected_the_table_is_plain_text_with_a_row_per_submission():
    assert _printed(False).splitlines() == [
        "Scores",
        "┏━━━━━━━━━━━━━━┳━━━━━┳━━━━━━━━┳━━━━┳━━━━━━━┓",
        "┃ submission   ┃  1a ┃ 1a-why ┃ 2g ┃ total ┃",
        "┡━━━━━━━━━━━━━━╇━━━━━╇━━━━━━━━╇━━━━╇━━━━━━━┩",
        "│ a.py         │   2 │      1 │  0 │   3/6 │",
        "│ b.py         │ 0.5 │        │    │ 0.5/2 │",
        "└──────────────┴─────┴────────┴────┴───────┘",
    ]


def test_on_a_terminal_each_score_has_its_status_colour():
    printed = _printed(True)
    assert "\x1b[32m2\x1b[0m" in printed  # correct: green
    assert "\x1b[33m1\x1b[0m" in printed  # partial: yellow
    assert "\x1b[1;31m0\x1b[0m" in printed  # grader error: bold red
    assert "\x1b[31m0.5\x1b[0m" in printed  # incorrect: red


def test_a_name_too_long_for_the_console_is_folded_over_lines():
    console = Console(file=io.StringIO(), width=40, highlight=False)
    long = "examples/a_very_long_folder/student_file.py"
    print_summary(console, [_row(long, ("1a", 2, Status.CORRECT))], IDS)
    body = [line for line in console.file.getvalue().splitlines() if line.startswith("│")]
    assert "".join(line.split("│")[1].strip() for line in body) == long
    assert all(len(line) <= 40 for line in console.file.getvalue().splitlines())


def test_the_summary_line_counts_run_errors_and_flagged_submissions():
    assert summary_line(ROWS, 1.25) == ("Graded 2 submissions in 1.2 s: mean 1.75 / 6, 1 with run errors, "
                                        "1 flagged for the instructor (grader could not decide or failed).")
    assert summary_line([], 0.0) == "No submissions graded."

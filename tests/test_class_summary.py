"""The class summary's clusters of wrong answers: equal answers (however spelled) form one cluster,
decided by the engine, and an answer the engine does not find equal is never merged in."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.results import QuestionResult, Status, SubmissionResult
from grader.summary import summarize

SIGMA = st.sampled_from(["sigma(z)", "1/(1 + exp(-z))", "(1 + exp(-z))**-1"])


@st.composite
def rewritings(draw):
    """σ(z)(1+σ(z)), the issue's example of a common wrong answer to σ'(z), spelled at random."""
    s = draw(SIGMA)
    one_plus = draw(st.sampled_from([f"(1 + {s})", f"({s} + 1)"]))
    return draw(st.sampled_from([f"{s}*{one_plus}", f"{one_plus}*{s}", f"{s} + ({s})**2", f"({s})**2 + {s}",
                                 f"{s}*{s} + {s}", f"sigma(z){one_plus}"]))


def _class(answers: list[str]) -> list[SubmissionResult]:
    return [SubmissionResult(f"s{i}.py", (QuestionResult("1c", "σ'(z)", 0.0, 2.0, Status.INCORRECT,
                                                         "Not equivalent to the expected answer.", "differs", answer=a),))
            for i, a in enumerate(answers)]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(rewritings(), min_size=2, max_size=5))
def test_equal_wrong_answers_form_one_cluster_and_near_misses_stay_apart(week08_spec, same):
    near_miss = "sigma(z)*(1 + sigma(z)) + 1/10**9"
    other = "sigma(z)**2"
    summary = summarize("week08", 2.0, _class(same + [near_miss, other, other]), week08_spec)
    clusters = summary.questions[0].clusters
    big = next(c for c in clusters if set(same) <= set(c.texts))
    assert big.count == len(same) and set(big.texts) == set(same)
    assert big.expression is not None  # shown as math
    assert {c.texts for c in clusters if c is not big} == {(near_miss,), (other,)}
    assert next(c for c in clusters if c.texts == (other,)).count == 2


def test_spellings_of_one_normal_form_join_without_asking_the_engine(week08_spec, monkeypatch):
    from grader.summary import clusters

    def no_engine(*args):
        raise AssertionError("the engine was asked about spellings of one normal form")

    monkeypatch.setattr(clusters._Comparer, "equal", no_engine)
    same = ["sigma(z)*(1 + sigma(z))", "(1+sigma(z)) * sigma(z)", "(sigma(z) + 1)*sigma(z)"]
    summary = summarize("week08", 2.0, _class(same), week08_spec)
    assert [set(c.texts) for c in summary.questions[0].clusters] == [set(same)]


def test_answers_graded_differently_are_never_merged(week08_spec):
    equal_but_scored_apart = _class(["sigma(z)*(1 + sigma(z))", "sigma(z) + sigma(z)**2"])
    first = equal_but_scored_apart[0].questions[0]
    equal_but_scored_apart[0] = SubmissionResult("s0.py", (QuestionResult(
        first.id, first.title, 1.0, 2.0, Status.PARTIAL, "Partly right.", "rule 1", answer=first.answer),))
    summary = summarize("week08", 2.0, equal_but_scored_apart, week08_spec)
    assert sorted(c.count for c in summary.questions[0].clusters) == [1, 1]


def test_answers_that_do_not_parse_group_by_their_text(week08_spec):
    summary = summarize("week08", 2.0, _class(["sigma(z", "sigma(z", "sigma(z)*(1 - sigma(z)"]), week08_spec)
    clusters = summary.questions[0].clusters
    assert [(c.texts, c.count, c.expression) for c in clusters] == [(("sigma(z",), 2, None),
                                                                    (("sigma(z)*(1 - sigma(z)",), 1, None)]


def test_without_the_spec_answers_group_by_exact_text_only():
    summary = summarize("week08", 2.0, _class(["sigma(z)*(1 + sigma(z))", "(1 + sigma(z))*sigma(z)"]))
    assert sorted(c.count for c in summary.questions[0].clusters) == [1, 1]
    assert summary.equivalence is False


@pytest.mark.parametrize("values, top, expected", [
    ([0, 2, 4, 4], 4, [1, 0, 1, 0, 2]),  # one bin per whole score, the top one included
    ([0.0, 0.5, 1.0], 1, [1, 0, 0, 0, 0, 1, 0, 0, 0, 1]),
])
def test_score_distribution_puts_every_score_in_one_bin(values, top, expected):
    from grader.summary.stats import distribution

    assert [b.count for b in distribution(values, top, most_bins=10)] == expected


def test_hostile_answers_and_names_are_text_on_the_page_and_inert_in_the_manual_csv(week08_spec):
    from grader.gradebook.manual import manual_csv
    from grader.gradebook.report_file import Report
    from grader.report.html import html_report

    attack = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    results = [SubmissionResult(f'"><script>x()</script>{i}.py', (
        QuestionResult("1c", "σ'(z)", 0.0, 2.0, Status.INVALID, f"does not parse: {attack}", "rejected", answer=attack),
        QuestionResult("1a-why", "Why", 0.0, 0.0, Status.MANUAL, "Recorded.", "manual grading",
                       answer='=HYPERLINK("http://evil", "click")'),
    )) for i in range(2)]
    page = html_report(summarize("week08", 2.0, results, week08_spec))
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(manual_csv(Report("week08", 2.0, tuple(results))))))
    assert [row["answer"] for row in rows] == ["'=HYPERLINK(\"http://evil\", \"click\")"] * 2

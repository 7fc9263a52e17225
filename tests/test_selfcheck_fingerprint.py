"""Fingerprints recognise every form of a right answer and nothing else, and hold no value in clear."""
from __future__ import annotations

import pytest

from grader.selfcheck.fingerprint import hash_matches, point_values, slow_hashes, values_match
from grader.values import NDArray


@pytest.fixture(scope="module")
def count_hashes():
    return slow_hashes("integer", [100352, 2508800])


@pytest.mark.parametrize("answer", [100352, 100352.0, "100352", NDArray("int64", (), 100352), 2508800])
def test_every_form_of_a_full_marks_count_matches(count_hashes, answer):
    assert hash_matches(count_hashes, "integer", answer)


@pytest.mark.parametrize("answer", [100353, -100352, 1003520])
def test_other_counts_do_not_match(count_hashes, answer):
    assert not hash_matches(count_hashes, "integer", answer)


def test_digests_are_salted_per_publish_and_hold_no_value(count_hashes):
    again = slow_hashes("integer", [100352, 2508800])
    assert set(again.digests).isdisjoint(count_hashes.digests)
    assert "100352" not in count_hashes.model_dump_json()


def test_shapes_match_as_tuples_arrays_or_lists():
    hashes = slow_hashes("shape", [[26, 28]])
    assert hash_matches(hashes, "shape", [26, 28])
    assert hash_matches(hashes, "shape", NDArray("int64", (2,), [26, 28]))
    assert not hash_matches(hashes, "shape", [28, 26])


def test_expression_values_skip_points_where_the_reference_is_undefined():
    from grader.expr import ExprContext, parse

    ctx = ExprContext.from_declarations({"z": "real"})
    fingerprint = point_values([parse("log(z)", ctx)], ctx, seed=3, rtol=1e-8, atol=1e-12)
    assert 0 < len(fingerprint.use) < fingerprint.draw  # z is drawn on both sides of 0
    assert values_match(fingerprint, parse("2*log(sqrt(z))", ctx), ctx)
    assert not values_match(fingerprint, parse("log(z) + 1e-6", ctx), ctx)
    assert not values_match(fingerprint, parse("log(-z)", ctx), ctx)  # undefined where the reference is not


def test_vector_expressions_compare_by_value_and_shape():
    from grader.expr import ExprContext, parse

    ctx = ExprContext.from_declarations({"k": {"dim": "3..6"}, "v": {"shape": ["k", 1]}})
    fingerprint = point_values([parse("v/norm(v)", ctx)], ctx, seed=5, rtol=1e-8, atol=1e-12)
    assert values_match(fingerprint, parse("v/sqrt(v.T@v)", ctx), ctx)
    assert not values_match(fingerprint, parse("v", ctx), ctx)
    assert not values_match(fingerprint, parse("(v/norm(v)).T", ctx), ctx)

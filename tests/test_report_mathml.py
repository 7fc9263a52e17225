"""The MathML printer: the structure a browser lays out (the page itself is rendered in
tests/test_class_report.py), read from the same trees and precedences as the LaTeX printer."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from grader.check import CheckEnv
from grader.expr import parse
from grader.report.mathml import to_mathml


@pytest.fixture(scope="module")
def ctx(week08_spec):
    return CheckEnv(week08_spec).expr_context()


def _tree(text, ctx):
    markup = to_mathml(parse(text, ctx).node).replace("&#x2061;", "\u2061").replace("&#x2062;", "\u2062")
    return ET.fromstring(markup)


def _text(element) -> str:
    """The visible characters in reading order, without the invisible operators."""
    return re.sub("[\u2061\u2062]", "", "".join(element.itertext()))


@pytest.mark.parametrize("answer, shown", [
    ("sigma(z)*(1 - sigma(z))", "σ(z)·(1−σ(z))"),
    ("(1 - z)*(1 + z)", "(1−z)·(1+z)"),
    ("z - (1 - z)", "z−(1−z)"),
    ("z - 1 + z", "z−1+z"),
    ("-(z + 1)", "−(z+1)"),
    ("(z**2)**3", "(z2)3"),
    ("exp(-z)", "exp(−z)"),
    ("i*f", "i∘f"),  # vectors: the Hadamard product
    ("Uf@h_prev", "Ufhprev"),  # the matrix product: juxtaposition
    ("(Uf@h_prev).T", "(Ufhprev)⊤"),
    ("norm(h_prev)", "‖hprev‖"),
    ("sigma_prime(z)", "σ′(z)"),
])
def test_operators_and_parentheses_read_as_the_answer_means(answer, shown, ctx):
    assert _text(_tree(answer, ctx)) == shown


def test_fractions_powers_roots_and_subscripts_are_layout_elements(ctx):
    math = _tree("sqrt(z)/(1 + z**2) + h_prev.T@h_prev", ctx)
    assert math.tag == "math"
    frac = math.find(".//mfrac")
    assert frac is not None and frac[0].tag == "msqrt" and frac[1].find(".//msup") is not None
    assert [sub.findtext("mi") for sub in math.iter("msub")] == ["h", "h"]
    assert any(sup.findtext("mo") == "⊤" for sup in math.iter("msup"))


def test_numbers_keep_their_value(ctx):
    assert _text(_tree("z/2 - 3/4", ctx)) == "z2−34"
    frac = _tree("-3/4 + z", ctx).find(".//mfrac")
    assert [_text(part) for part in frac] == ["−3", "4"]

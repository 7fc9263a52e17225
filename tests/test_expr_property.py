"""Property test: random equivalent rewritings of the week08 references (terms and factors
permuted, factored, expanded, sigma and its derivative written out, spacing) are all judged
equal, and random perturbations of them (a term dropped, a factor changed, a sign flipped) are
all judged not equal. Fixed seed (derandomize): 25 rewritings and 40 perturbations per question, 260 examples in all.

Sizes are k in 2..3 and d in 2..3 (the engine's verdict does not depend on the declared ranges,
and small matrices keep the suite fast).
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_expr_support import REF_1B, REF_1C, REF_1D, REF_1E, WEEK08_SYMBOLS
from grader.expr import ExprContext, VerdictStatus, equivalent

SMALL = ExprContext.from_declarations({**WEEK08_SYMBOLS, "k": {"dim": "2..3"}, "d": {"dim": "2..3"}})
TIME_LIMIT_S = 3.0  # grading's default is 2 s; a little more keeps a loaded machine from making undecided
_COMMON = {"derandomize": True, "deadline": None, "database": None,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
EQUAL = settings(max_examples=25, **_COMMON)  # each spends most of its time on the symbolic proof attempt
PERTURBED = settings(max_examples=40, **_COMMON)  # a confirmed counterexample is quick
_TOKEN = re.compile(r"\*\*|[A-Za-z_][A-Za-z_0-9]*|\d+(?:\.\d+)?(?:e-?\d+)?|\S")


@st.composite
def spaced(draw, text: str) -> str:
    """The same text with random spaces between its tokens."""
    tokens = _TOKEN.findall(text)
    gaps = draw(st.lists(st.sampled_from(["", "", " ", "  "]), min_size=len(tokens), max_size=len(tokens)))
    return "".join(gap + token for gap, token in zip(gaps, tokens)).strip()


@st.composite
def product(draw, factors: list[str]) -> str:
    return "*".join(draw(st.permutations(factors)))


@st.composite
def total(draw, terms: list[str]) -> str:
    """A sum of signed terms ('-' prefix for minus) in random order, written with + and -."""
    ordered = draw(st.permutations(terms))
    text = ""
    for term in ordered:
        negative = term.startswith("-")
        body = term[1:] if negative else term
        text += (" - " if negative else " + ") + body if text else ("-" if negative else "") + body
    return text


# --- 1b: tanh(c)*Do + o*(1 - tanh(c)**2)*(c_prev*Df + u*Di + i*Du)
TANH_PRIME = ["(1 - tanh(c)**2)", "(1 - tanh(c)^2)", "1/cosh(c)**2", "(1 - tanh(c))*(1 + tanh(c))", "sech(c)**2",
              "(1 + tanh(c))*(1 - tanh(c))"]
PAIRS = [("c_prev", "Df"), ("u", "Di"), ("i", "Du")]


@st.composite
def scaled_row(draw, vector: str, matrix: str) -> list[str]:
    """v*M (rows of M scaled by v), as factors, or diag(v)@M as one factor."""
    return [f"diag({vector})@{matrix}"] if draw(st.booleans()) else [vector, matrix]


@st.composite
def form_1b(draw, pairs=tuple(PAIRS), first=("tanh(c)", "Do"), sign_of: dict | None = None) -> str:
    prime = draw(st.sampled_from(TANH_PRIME))
    sign_of = sign_of or {}
    layout = draw(st.sampled_from(["flat", "factored", "expanded"]))
    head = draw(product(list(first)))
    if layout == "factored" and not sign_of:
        inner = [draw(product(draw(scaled_row(v, m)))) for v, m in pairs]
        return draw(total([head, f"o*{prime}*({draw(total(inner))})"]))
    terms = [head]
    for v, m in pairs:
        sign = sign_of.get((v, m), "")
        if layout == "expanded":  # (1 - t**2) distributed: o*v*M - o*tanh(c)**2*v*M
            row = draw(scaled_row(v, m))
            terms += [sign + draw(product(["o", *row])), ("" if sign else "-") + draw(product(["o", "tanh(c)**2", *row]))]
        else:
            terms.append(sign + draw(product(["o", prime, *draw(scaled_row(v, m))])))
    return draw(total(terms))


@st.composite
def perturbed_1b(draw) -> str:
    change = draw(st.sampled_from(["drop", "sign", "vector", "matrix", "head"]))
    pairs = list(PAIRS)
    if change == "drop":
        pairs.pop(draw(st.integers(0, 2)))
        return draw(form_1b(pairs=tuple(pairs)))
    if change == "sign":
        return draw(form_1b(sign_of={draw(st.sampled_from(PAIRS)): "-"}))
    if change == "head":
        return draw(form_1b(first=draw(st.sampled_from([("tanh(o)", "Do"), ("tanh(c)", "Df"), ("c", "Do")]))))
    index = draw(st.integers(0, 2))
    vector, matrix = pairs[index]
    if change == "vector":
        pairs[index] = (draw(st.sampled_from([v for v in ["f", "c", "h_prev", "u", "i"] if v != vector])), matrix)
    else:
        pairs[index] = (vector, draw(st.sampled_from([m for m in ["Do", "Df", "Di", "Du"] if m != matrix])))
    return draw(form_1b(pairs=tuple(pairs)))


# --- 1c: sigma(z)*(1 - sigma(z))
SIGMA = ["sigma(z)", "1/(1 + exp(-z))", "1/(1+e^(-z))", "exp(z)/(exp(z) + 1)", "σ(z)"]
ONE_MINUS = ["(1 - {s})", "sigma(-z)", "exp(-z)/(1 + exp(-z))", "1/(1 + exp(z))"]


@st.composite
def form_1c(draw) -> str:
    s = draw(st.sampled_from(SIGMA))
    layout = draw(st.sampled_from(["product", "expanded", "derivative"]))
    if layout == "product":
        return draw(product([s, draw(st.sampled_from(ONE_MINUS)).format(s=s)]))
    if layout == "expanded":
        return draw(total([s, f"-({s})**2"]))
    return draw(st.sampled_from(["sigma_prime(z)", "exp(-z)/(1 + exp(-z))**2", "exp(z)/(1 + exp(z))**2",
                                 "1/(exp(z) + 2 + exp(-z))", "1/(4*cosh(z/2)**2)"]))


@st.composite
def perturbed_1c(draw) -> str:
    s = draw(st.sampled_from(SIGMA))
    return draw(st.sampled_from([
        draw(total([s])),  # a term dropped from s - s**2
        draw(total([f"-({s})**2"])),
        draw(total([s, f"({s})**2"])),  # a sign flipped
        draw(product([s, f"(1 + {s})"])),
        draw(product([s, s])),  # a factor changed
        draw(product([s, "(1 - sigma(2*z))"])),
        draw(product([f"({s})**2", f"(1 - {s})"])),
        draw(product(["2", s, f"(1 - {s})"])),
        f"-{draw(product([s, f'(1 - {s})']))}",
    ]))


# --- 1d: sigma_prime(Wf@x + Uf@h_prev)*Uf
@st.composite
def form_1d(draw, argument_terms=("Wf@x", "Uf@h_prev"), outside="Uf", left=True) -> str:
    a = draw(total(list(argument_terms)))
    s = draw(st.sampled_from(["sigma_prime({a})", "sigma({a})*(1 - sigma({a}))", "sigma({a})*sigma(-({a}))",
                              "exp(-({a}))/(1 + exp(-({a})))**2", "(1 - sigma({a}))*sigma({a})"])).format(a=a)
    if not left:
        return f"{outside}@diag({s})"
    return draw(st.sampled_from([f"({s})*{outside}", f"{outside}*({s})", f"diag({s})@{outside}"]))


@st.composite
def perturbed_1d(draw) -> str:
    change = draw(st.sampled_from(["drop", "sign", "columns", "transposed", "factor", "negated"]))
    if change == "drop":
        return draw(form_1d(argument_terms=(draw(st.sampled_from(["Wf@x", "Uf@h_prev"])),)))
    if change == "sign":
        return draw(form_1d(argument_terms=draw(st.sampled_from([("Wf@x", "-Uf@h_prev"), ("-Wf@x", "Uf@h_prev")]))))
    if change == "columns":
        return draw(form_1d(left=False))
    if change == "transposed":
        return draw(form_1d(outside="Uf.T"))
    if change == "factor":
        return draw(st.sampled_from(["sigma(Wf@x + Uf@h_prev)*Uf", "(1 - sigma(Uf@h_prev + Wf@x))*Uf",
                                     "sigma_prime(Wf@x + Uf@h_prev)*Df"]))
    return f"-{draw(form_1d())}"


# --- 1e: Uf_d/norm(Uf_d)
@st.composite
def form_1e(draw) -> str:
    return draw(st.sampled_from(["Uf_d/norm(Uf_d)", "Uf_d/sqrt(Uf_d.T@Uf_d)", "(1/norm(Uf_d))*Uf_d",
                                 "Uf_d*norm(Uf_d)**(-1)", "norm(Uf_d)**-1*Uf_d", "2*Uf_d/norm(2*Uf_d)",
                                 "Uf_d/norm(-Uf_d)", "(Uf_d.T/norm(Uf_d)).T"]))


@st.composite
def perturbed_1e(draw) -> str:
    return draw(st.sampled_from(["Uf_d", "-Uf_d/norm(Uf_d)", "Uf_d/norm(Uf_d)**2", "Uf_d*norm(Uf_d)",
                                 "Uf_d/sqrt(norm(Uf_d))", "2*Uf_d/norm(Uf_d)", "Uf_d/(Uf_d.T@Uf_d)"]))


def _judge(answer: str, reference: str):
    return equivalent(answer, reference, SMALL, seed="property", rtol=0, atol=0, time_limit_s=TIME_LIMIT_S)


CASES = {"1b": (REF_1B, form_1b, perturbed_1b), "1c": (REF_1C, form_1c, perturbed_1c),
         "1d": (REF_1D, form_1d, perturbed_1d), "1e": (REF_1E, form_1e, perturbed_1e)}


@pytest.mark.parametrize("question", sorted(CASES))
@EQUAL
@given(data=st.data())
def test_equivalent_rewritings_are_equal(question, data):
    reference, rewriting, _ = CASES[question]
    text = data.draw(rewriting().flatmap(spaced))
    verdict = _judge(text, reference)
    assert verdict.status is VerdictStatus.EQUAL, f"{text!r}: {verdict.method}"


@pytest.mark.parametrize("question", sorted(CASES))
@PERTURBED
@given(data=st.data())
def test_perturbations_are_not_equal(question, data):
    reference, _, perturbation = CASES[question]
    text = data.draw(perturbation().flatmap(spaced))
    verdict = _judge(text, reference)
    assert verdict.status is VerdictStatus.NOT_EQUAL, f"{text!r}: {verdict.method}"

"""Proof by canonical form, in-process, exact and deterministic: no sympy, no time bound needed.

Both trees become quotients of sums of monomials over opaque atoms with exact rational
coefficients. Elementwise products (with broadcasting) commute, so an entry of a monomial is the
product of its atoms' entries; matrix products do not, so a product of matrices is an atom whose
links keep their order (it is expanded over sums and scalar factors, never commuted). exp and the
functions built from it (sinh ... coth, sin ... cot, sigma, sigma_prime) are written in exp, so
`1 - tanh(c)**2` meets `1/cosh(c)**2`; every other function is an atom whose arguments are put
in the same form first. Answer and reference are equal where both are defined when the
cross-multiplied numerators agree as polynomials: the atoms are indeterminates, so that equality
holds whatever values they take. A form that would grow past a bound gives no answer, not a guess.
"""
from __future__ import annotations

from fractions import Fraction

from grader.expr.functions import FUNCTIONS, Acts
from grader.expr.nodes import Node

MAX_TERMS = 2000  # monomials in one sum
MAX_POWER = 12  # whole powers of a sum expanded; larger ones give no answer


class _GiveUp(Exception):
    """The canonical form would grow too large, or the tree has what it cannot express."""


class Atom:
    """An indeterminate: a symbol, a constant, an exp, a matrix product or an opaque function call.
    Its `order` spells its structure; it sorts monomials and decides equality (hashed once)."""

    __slots__ = ("kind", "scalar", "parts", "order", "_hash")

    def __init__(self, kind: str, scalar: bool, parts: tuple):
        self.kind = kind  # sym const dim exp call elementwise matmul pow T quotient
        self.scalar = scalar  # shape (): commutes out of matrix products
        self.parts = parts
        self.order = f"{kind}{'s' if scalar else ''}({_order(parts)})"
        self._hash = hash(self.order)

    def __eq__(self, other) -> bool:
        return isinstance(other, Atom) and self.order == other.order

    def __hash__(self) -> int:
        return self._hash


def _order(part) -> str:
    if isinstance(part, Atom):
        return part.order
    if isinstance(part, tuple):
        return "(" + ",".join(_order(item) for item in part) + ")"
    return str(part)


ONE = Fraction(1)
_I = Atom("const", True, ("I",))


def proves_equal(answer: Node, reference: Node) -> bool:
    """True when the two trees have the same canonical form (so are equal wherever both are defined);
    False says nothing either way."""
    try:
        numerator_a, denominator_a = _form(answer)
        numerator_r, denominator_r = _form(reference)
        return not _add(_mul(numerator_a, denominator_r), _scale(_mul(numerator_r, denominator_a), -ONE))
    except (_GiveUp, ZeroDivisionError, RecursionError):
        return False


# --- sums of monomials: {monomial: coefficient}, a monomial a sorted tuple of (atom, exponent) ----------

def _constant(value: Fraction) -> dict:
    return {(): Fraction(value)} if value else {}


def _atom(atom: Atom, exponent: Fraction = ONE) -> dict:
    return {((atom, Fraction(exponent)),): ONE}


def _add(p: dict, q: dict) -> dict:
    result = dict(p)
    for monomial, coefficient in q.items():
        total = result.get(monomial, 0) + coefficient
        if total:
            result[monomial] = total
        else:
            result.pop(monomial, None)
    if len(result) > MAX_TERMS:
        raise _GiveUp
    return result


def _scale(p: dict, factor: Fraction) -> dict:
    return {monomial: coefficient * factor for monomial, coefficient in p.items()} if factor else {}


def _times(m: tuple, n: tuple) -> tuple[Fraction, tuple]:
    """The product of two monomials, with the sign that powers of I leave."""
    exponents: dict = {}
    for atom, exponent in m + n:
        exponents[atom] = exponents.get(atom, 0) + exponent
    sign = ONE
    quarter = exponents.get(_I)
    if quarter is not None and quarter.denominator == 1:
        turns = int(quarter) % 4  # I**2 = -1
        sign = -ONE if turns >= 2 else ONE
        exponents[_I] = Fraction(turns % 2)
    return sign, tuple(sorted(((a, e) for a, e in exponents.items() if e), key=lambda item: item[0].order))


def _mul(p: dict, q: dict) -> dict:
    if len(p) * len(q) > MAX_TERMS * 4:
        raise _GiveUp
    result: dict = {}
    for m, a in p.items():
        for n, b in q.items():
            sign, monomial = _times(m, n)
            total = result.get(monomial, 0) + sign * a * b
            if total:
                result[monomial] = total
            else:
                result.pop(monomial)
    if len(result) > MAX_TERMS:
        raise _GiveUp
    return result


def _power(p: dict, n: int) -> dict:
    result = _constant(ONE)
    for _ in range(n):
        result = _mul(result, p)
    return result


def _key(p: dict) -> tuple:
    """A sum as a hashable, ordered value (equal for equal sums)."""
    return tuple(sorted(p.items(), key=lambda item: _order(item[0])))


# --- quotients (numerator, denominator) --------------------------------------------------------------

def _quotient(numerator: dict, denominator: dict) -> tuple[dict, dict]:
    """A denominator that is one monomial moves into the numerator, as negative exponents."""
    if not denominator:
        raise _GiveUp  # a division by a form that is identically zero: nothing to prove
    if len(denominator) == 1:
        (monomial, coefficient), = denominator.items()
        inverse = {tuple((atom, -exponent) for atom, exponent in monomial): 1 / coefficient}
        return _mul(numerator, inverse), _constant(ONE)
    return numerator, denominator


def _sum(a: tuple, b: tuple, sign: Fraction = ONE) -> tuple[dict, dict]:
    (n1, d1), (n2, d2) = a, b
    if d1 == d2:
        return _quotient(_add(n1, _scale(n2, sign)), d1)
    return _quotient(_add(_mul(n1, d2), _scale(_mul(n2, d1), sign)), _mul(d1, d2))


def _product(a: tuple, b: tuple) -> tuple[dict, dict]:
    return _quotient(_mul(a[0], b[0]), _mul(a[1], b[1]))


def _inverse(a: tuple) -> tuple[dict, dict]:
    return _quotient(a[1], a[0])


def _whole(a: tuple, node: Node) -> dict:
    """A quotient as one sum: itself when its denominator is 1, else its content (a coefficient and a
    monomial) times one opaque atom for the primitive quotient left, so that 2*x*tanh(y) is 2*x*Q."""
    numerator, denominator = a
    if denominator == _constant(ONE):
        return numerator
    top, top_factor = _content(numerator)
    bottom, bottom_factor = _content(denominator)
    quotient = _atom(Atom("quotient", not node.shape, (_key(top), _key(bottom))))
    return _mul(_mul(top_factor, _inverse((bottom_factor, _constant(ONE)))[0]), quotient)


def _content(p: dict) -> tuple[dict, dict]:
    """p as (primitive part, content): the content is the lead coefficient times the monomial of
    the least exponent of each atom common to every term."""
    monomials = list(p)
    common = {atom: exponent for atom, exponent in monomials[0]}
    for monomial in monomials[1:]:
        present = dict(monomial)
        common = {atom: min(e, present[atom]) for atom, e in common.items() if atom in present}
    lead = p[min(p, key=_order)]
    factor = tuple(sorted(((a, e) for a, e in common.items() if e), key=lambda item: item[0].order))
    inverse = {tuple((atom, -exponent) for atom, exponent in factor): 1 / lead}
    return _mul(p, inverse), {factor: lead}


def _argument(node: Node) -> dict:
    """A function's argument (or a matrix product's operand) as one sum: its terms are kept apart,
    each made whole, so that exp(x + tanh(y)) is exp(x)*exp(tanh(y))."""
    if node.op in ("add", "sub"):
        right = _argument(node.args[1])
        return _add(_argument(node.args[0]), right if node.op == "add" else _scale(right, -ONE))
    if node.op == "neg":
        return _scale(_argument(node.args[0]), -ONE)
    return _whole(_form(node), node)


# --- trees to quotients ------------------------------------------------------------------------------

def _form(node: Node) -> tuple[dict, dict]:
    one = _constant(ONE)
    op = node.op
    if op == "num":
        return _constant(node.value), one
    if op == "sym":
        return _atom(Atom("sym", not node.shape, (node.value,))), one
    if op == "const":
        return _exp(_constant(ONE)) if node.value == "E" else (_atom(Atom("const", True, (node.value,))), one)
    if op == "dim":
        return _atom(Atom("dim", True, (node.value,))), one
    if op in ("add", "sub"):
        return _sum(_form(node.args[0]), _form(node.args[1]), ONE if op == "add" else -ONE)
    if op == "neg":
        numerator, denominator = _form(node.args[0])
        return _scale(numerator, -ONE), denominator
    if op == "mul":
        return _product(_form(node.args[0]), _form(node.args[1]))
    if op == "div":
        return _product(_form(node.args[0]), _inverse(_form(node.args[1])))
    if op == "pow":
        return _pow(node)
    if op == "T":
        numerator, denominator = _form(node.args[0])
        return _transposed(numerator), _transposed(denominator)
    if op == "matmul":
        left, right = node.args
        return _matmul(_argument(left), left.shape, _argument(right), right.shape), one
    if op == "matpow":
        return _matpow(node)
    if op == "call":
        return _call(node)
    raise _GiveUp  # bound indices live only inside sums and products, which are not expressed here


def _integer(form: tuple) -> int | None:
    numerator, denominator = form
    if denominator != _constant(ONE) or set(numerator) - {()}:
        return None
    value = numerator.get((), Fraction(0))
    return int(value) if value.denominator == 1 else None


def _pow(node: Node) -> tuple[dict, dict]:
    base_node, exponent_node = node.args
    base, exponent = _form(base_node), _form(exponent_node)
    n = _integer(exponent)
    if n is not None:
        if abs(n) > MAX_POWER:
            raise _GiveUp
        numerator, denominator = base
        raised = _quotient(_power(numerator, abs(n)), _power(denominator, abs(n)))
        return raised if n >= 0 else _inverse(raised)
    if base == _exp(_constant(ONE)):
        return _exp(_argument(exponent_node))
    parts = (_key(_argument(base_node)), _key(_argument(exponent_node)))
    return _atom(Atom("pow", not node.shape, parts)), _constant(ONE)


def _exp(argument: dict) -> tuple[dict, dict]:
    """exp of a sum: the product of exp(monomial) ** coefficient (an exp atom's exponent is the factor
    of its monomial, so rational exponents add as exp(a m) exp(b m) = exp((a + b) m))."""
    result = _constant(ONE)
    for monomial, coefficient in argument.items():
        scalar = all(atom.scalar for atom, _ in monomial)
        result = _mul(result, _atom(Atom("exp", scalar, (monomial,)), coefficient))
    return result, _constant(ONE)


def _in_exp(name: str, x: dict) -> tuple[dict, dict] | None:
    """The functions written in exp (x is the argument as a sum), or None for the others."""
    one = (_constant(ONE), _constant(ONE))

    def exp(factor) -> tuple:
        return _exp(_scale(x, Fraction(factor)))

    def imaginary(factor) -> tuple:
        return _exp(_mul(_atom(_I), _scale(x, Fraction(factor))))

    def half(p, q, sign) -> tuple:  # (p + sign q) / 2
        numerator, _ = _sum(p, q, sign)
        return _scale(numerator, Fraction(1, 2)), _constant(ONE)

    if name == "exp":
        return exp(1)
    if name in ("sinh", "cosh", "tanh", "coth", "sech", "csch"):
        sinh, cosh = half(exp(1), exp(-1), -ONE), half(exp(1), exp(-1), ONE)
        return {"sinh": lambda: sinh, "cosh": lambda: cosh, "tanh": lambda: _product(sinh, _inverse(cosh)),
                "coth": lambda: _product(cosh, _inverse(sinh)), "sech": lambda: _inverse(cosh),
                "csch": lambda: _inverse(sinh)}[name]()
    if name in ("sin", "cos", "tan", "cot", "sec", "csc"):
        twice_i = (_scale(_atom(_I), Fraction(2)), _constant(ONE))
        sin = _product(_sum(imaginary(1), imaginary(-1), -ONE), _inverse(twice_i))
        cos = half(imaginary(1), imaginary(-1), ONE)
        return {"sin": lambda: sin, "cos": lambda: cos, "tan": lambda: _product(sin, _inverse(cos)),
                "cot": lambda: _product(cos, _inverse(sin)), "sec": lambda: _inverse(cos),
                "csc": lambda: _inverse(sin)}[name]()
    if name in ("sigma", "sigma_prime"):
        below = _sum(one, exp(-1))  # 1 + exp(-x)
        if name == "sigma":
            return _inverse(below)
        return _product(exp(-1), _inverse(_product(below, below)))
    return None


def _call(node: Node) -> tuple[dict, dict]:
    spec = FUNCTIONS[node.value]
    if spec.acts in (Acts.BINDS, Acts.DERIVATIVE):
        raise _GiveUp
    arguments = [_argument(arg) for arg in node.args]
    if spec.acts is Acts.ELEMENTWISE and len(arguments) == 1:
        written = _in_exp(node.value, arguments[0])
        if written is not None:
            return written
    kind = "elementwise" if spec.acts is Acts.ELEMENTWISE else "call"
    parts = (node.value, tuple(_key(argument) for argument in arguments))
    return _atom(Atom(kind, not node.shape, parts)), _constant(ONE)


# --- matrix products and transposes ------------------------------------------------------------------

def _links(monomial: tuple, shape: tuple) -> tuple[tuple, tuple]:
    """A monomial's scalar factors, and its matrix part as links of a product: (monomial, shape)
    for an elementwise product broadcast to `shape`, or the links of a product it already is."""
    scalars = tuple(item for item in monomial if item[0].scalar)
    rest = tuple(item for item in monomial if not item[0].scalar)
    if len(rest) == 1 and rest[0][1] == 1 and rest[0][0].kind == "matmul" and _chain_shape(rest[0][0]) == shape:
        return scalars, rest[0][0].parts
    return scalars, ((rest, tuple(shape)),)


def _chain_shape(atom: Atom) -> tuple:
    return atom.parts[0][1][0], atom.parts[-1][1][1]


def _matmul(left: dict, left_shape: tuple, right: dict, right_shape: tuple) -> dict:
    result: dict = {}
    for m, a in left.items():
        scalars_m, links_m = _links(m, left_shape)
        for n, b in right.items():
            scalars_n, links_n = _links(n, right_shape)
            sign, monomial = _times(scalars_m + scalars_n, ((Atom("matmul", False, links_m + links_n), ONE),))
            result = _add(result, {monomial: sign * a * b})
    return result


def _matpow(node: Node) -> tuple[dict, dict]:
    base_node, exponent_node = node.args
    n = _integer(_form(exponent_node))
    if n is None or not 1 <= n <= MAX_POWER:
        raise _GiveUp  # inverses and their powers are left to sympy
    base = _argument(base_node)
    result = base
    for _ in range(n - 1):
        result = _matmul(result, base_node.shape, base, base_node.shape)
    return result, _constant(ONE)


def _transposed(p: dict) -> dict:
    result: dict = {}
    for monomial, coefficient in p.items():
        sign, flipped = _times(tuple((_transpose(atom), e) for atom, e in monomial), ())
        result = _add(result, {flipped: sign * coefficient})
    return result


def _transpose_key(key: tuple) -> tuple:
    return _key(_transposed(dict(key)))


def _transpose(atom: Atom) -> Atom:
    """(A∘B)^T = A^T∘B^T, (A@B)^T = B^T@A^T, f(X)^T = f(X^T) for elementwise f; a scalar is its own."""
    if atom.scalar:
        return atom
    if atom.kind == "T":
        return atom.parts[0]
    if atom.kind == "exp":
        _, flipped = _times(tuple((_transpose(a), e) for a, e in atom.parts[0]), ())
        return Atom("exp", False, (flipped,))
    if atom.kind == "matmul":
        links = []
        for monomial, shape in reversed(atom.parts):
            _, flipped = _times(tuple((_transpose(a), e) for a, e in monomial), ())
            links.append((flipped, tuple(reversed(shape))))
        return Atom("matmul", False, tuple(links))
    if atom.kind == "elementwise":
        name, arguments = atom.parts
        return Atom("elementwise", False, (name, (_transpose_key(arguments[0]), *arguments[1:])))
    if atom.kind in ("pow", "quotient"):
        first, second = atom.parts
        return Atom(atom.kind, False, (_transpose_key(first), _transpose_key(second) if atom.kind == "quotient"
                                       else second))
    return Atom("T", False, (atom,))

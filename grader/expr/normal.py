"""A normal form of a parsed tree, so that spacing and the order of terms and factors never
change a verdict: sums and products are flattened and their operands sorted, signs pulled out,
`@` chains re-associated. The normal form means the same at every point (it is defined exactly
where the tree is), so the engine evaluates and proves it, and seeds its draws from `key`.
"""
from __future__ import annotations

import hashlib
from fractions import Fraction
from grader.expr import shapes
from grader.expr.nodes import Node

def normal_form(node: Node) -> Node:
    """An equivalent tree in which commuted, re-associated and re-spaced spellings coincide."""
    return _normal(node)


def key(node: Node) -> str:
    """A short stable digest of the normal form (equal for equal normal forms, in every process)."""
    return digest(normal_form(node))


def digest(normal: Node) -> str:
    """`key` of a tree that is already in normal form (without putting it in normal form again)."""
    return hashlib.sha256(_text(normal).encode()).hexdigest()[:32]


def _normal(node: Node) -> Node:
    if node.op in ("add", "sub") or (node.op == "neg" and node.args[0].op in ("add", "sub")):
        return _sum(node)
    if node.op in ("mul", "div") or (node.op == "neg" and node.args[0].op in ("mul", "div")):
        return _product(node)
    if node.op == "matmul":
        return _chain(node)
    if node.op == "neg":
        inner = _normal(node.args[0])
        return inner.args[0] if inner.op == "neg" else Node("neg", (inner,), None, node.shape)
    return Node(node.op, tuple(_normal(arg) for arg in node.args), node.value, node.shape)


def _signed_terms(node: Node, sign: int, out: list) -> None:
    if node.op == "add":
        _signed_terms(node.args[0], sign, out)
        _signed_terms(node.args[1], sign, out)
    elif node.op == "sub":
        _signed_terms(node.args[0], sign, out)
        _signed_terms(node.args[1], -sign, out)
    elif node.op == "neg":
        _signed_terms(node.args[0], -sign, out)
    else:
        term = _normal(node)
        if term.op == "neg":
            sign, term = -sign, term.args[0]
        out.append((sign, term))


def _sum(node: Node) -> Node:
    terms: list = []
    _signed_terms(node, 1, terms)
    plus = sorted((term for sign, term in terms if sign > 0), key=_text)
    minus = sorted((term for sign, term in terms if sign < 0), key=_text)
    if not plus:
        return Node("neg", (_fold("add", minus),), None, node.shape)
    result = _fold("add", plus)
    for term in minus:
        result = Node("sub", (result, term), None, shapes.broadcast(result.shape, term.shape, "-"))
    return result


def _factors(node: Node, upper: list, lower: list, sign: list) -> None:
    """Numerator and denominator factors; a denominator that is itself a quotient stays whole,
    so that no point where the tree is undefined becomes defined (a/(b/c) is not a*c/b at c = 0)."""
    if node.op == "mul":
        _factors(node.args[0], upper, lower, sign)
        _factors(node.args[1], upper, lower, sign)
    elif node.op == "div":
        _factors(node.args[0], upper, lower, sign)
        _denominator(node.args[1], lower, sign)
    elif node.op == "neg":
        sign[0] = -sign[0]
        _factors(node.args[0], upper, lower, sign)
    else:
        factor = _normal(node)
        if factor.op == "neg":
            sign[0], factor = -sign[0], factor.args[0]
        upper.append(factor)


def _denominator(node: Node, lower: list, sign: list) -> None:
    if node.op == "mul":
        _denominator(node.args[0], lower, sign)
        _denominator(node.args[1], lower, sign)
    elif node.op == "neg":
        sign[0] = -sign[0]
        _denominator(node.args[0], lower, sign)
    else:
        factor = _normal(node)
        if factor.op == "neg":
            sign[0], factor = -sign[0], factor.args[0]
        lower.append(factor)


def _product(node: Node) -> Node:
    upper: list = []
    lower: list = []
    sign = [1]
    _factors(node, upper, lower, sign)
    upper.sort(key=_text)
    lower.sort(key=_text)
    result = _fold("mul", upper) if upper else _one()
    if lower:
        bottom = _fold("mul", lower)
        result = Node("div", (result, bottom), None, shapes.broadcast(result.shape, bottom.shape, "/"))
    return Node("neg", (result,), None, result.shape) if sign[0] < 0 else result


def _chain(node: Node) -> Node:
    links: list = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.op == "matmul":
            stack.extend(reversed(current.args))
        else:
            links.append(_normal(current))
    result = links[0]
    for link in links[1:]:
        result = Node("matmul", (result, link), None, shapes.matmul(result.shape, link.shape))
    return result


def _fold(op: str, operands: list) -> Node:
    result = operands[0]
    for operand in operands[1:]:
        result = Node(op, (result, operand), None, shapes.broadcast(result.shape, operand.shape, "*"))
    return result


def _one() -> Node:
    return Node("num", (), Fraction(1), ())


def _text(node: Node) -> str:
    """A canonical serialisation (op, value, shape, children): the sort key and the digest's input."""
    inner = ",".join(_text(arg) for arg in node.args)
    return f"{node.op}:{node.value}:{'x'.join(map(str, node.shape))}({inner})"

"""Student text to a checked tree, through a whitelist over Python's syntax tree. Nothing is evaluated."""
from __future__ import annotations

import ast
import math
import operator
from fractions import Fraction
from typing import Callable

from grader.expr import shapes
from grader.expr.context import ExprContext, is_constant_name
from grader.expr.errors import ExprError
from grader.expr.functions import FUNCTIONS, Acts, canonical, known
from grader.expr.nodes import Expr, Node
from grader.expr.tokens import Source, join, tokenize

MAX_DEPTH = 150
MAX_EXPONENT = 10_000  # |constant exponent|
MAX_DIGITS = 10_000  # digits of any constant the tree implies
_BINARY = {ast.Add: ("add", "+"), ast.Sub: ("sub", "-"), ast.Mult: ("mul", "*"), ast.Div: ("div", "/"),
           ast.Pow: ("pow", "**"), ast.MatMult: ("matmul", "@")}
_ARITHMETIC = {"add": operator.add, "sub": operator.sub, "mul": operator.mul, "div": operator.truediv}
_REFUSED = {
    ast.Compare: "comparisons (==, <, >) are not allowed; write only the expression",
    ast.BoolOp: "`and`/`or` are not allowed",
    ast.Tuple: "a comma separates two expressions; write a single expression",
    ast.Subscript: "subscripts [ ] are not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.Starred: "`*` in front of an argument is not allowed",
}


def parse(text: str, ctx: ExprContext) -> Expr:
    """Parse `text` in `ctx`; raise ExprError (for the student, with a position) if it cannot be read."""
    if not isinstance(text, str):
        raise ExprError(f"the answer must be text in the expression notation, not {type(text).__name__}")
    text = text.strip()
    tokens = tokenize(text, lambda name: name not in ctx.symbols and not is_constant_name(name, ctx))
    return build(text, join(tokens), ctx)


def build(text: str, source: Source, ctx: ExprContext, product: Callable | None = None) -> Expr:
    """The checked tree of `source` (strict Python text mapped back to `text`).

    `product(left, right)`, given by a reader of another notation, decides what `%` means (a product
    whose kind depends on the shapes); it returns a Node or raises ShapeMismatch. The plain notation
    never produces `%`, so without it `%` is refused like any other unknown operator.
    """
    try:
        tree = ast.parse(source.python, mode="eval")
    except SyntaxError as exc:
        position = source.original(exc.offset - 1) if exc.offset else len(text) - 1
        raise ExprError(_syntax_message(exc), text, position) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("the answer is too complex to read", text, None) from None
    _check_depth(tree.body, text)
    return Expr(text, _Builder(text, source, ctx, product).build(tree.body), ctx)


def _syntax_message(exc: SyntaxError) -> str:
    message = (exc.msg or "").lower()
    if "never closed" in message or "unexpected eof" in message:
        return "a parenthesis is not closed"
    if "unmatched" in message:
        return "a closing parenthesis has no opening one"
    return "this is not a valid expression here (an operator or operand is missing?)"


def _check_depth(root: ast.AST, text: str) -> None:
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExprError(f"the answer is nested too deeply (more than {MAX_DEPTH} levels)", text, None)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


class _Builder:
    def __init__(self, text: str, source: Source, ctx: ExprContext, product: Callable | None = None):
        self.text, self.source, self.ctx, self.product = text, source, ctx, product
        self.bound: frozenset[str] = frozenset()  # summation/product indices in scope

    def fail(self, message: str, node: ast.AST | None = None, offset: int | None = None) -> ExprError:
        if offset is None and node is not None:
            offset = getattr(node, "col_offset", None)
        return ExprError(message, self.text, None if offset is None else self.source.original(offset))

    def build(self, node: ast.AST) -> Node:
        handler = getattr(self, f"_{type(node).__name__}", None)
        if handler is None:
            kind = type(node).__name__
            raise self.fail(_REFUSED.get(type(node), f"this kind of expression ({kind}) is not allowed"), node)
        return handler(node)

    def _Constant(self, node: ast.Constant) -> Node:
        literal = self.source.python[node.col_offset:node.end_col_offset]
        if type(node.value) not in (int, float):
            raise self.fail(f"`{literal}` is not a number", node)
        return Node("num", (), Fraction(literal), (), self.source.original(node.col_offset))

    def _Name(self, node: ast.Name) -> Node:
        name, position = node.id, self.source.original(node.col_offset)
        if name in self.bound:
            return Node("bound", (), name, (), position)
        if name in self.ctx.symbols:
            return Node("sym", (), name, self.ctx.symbols[name].shape, position)
        if is_constant_name(name, self.ctx):
            return Node("const", (), "E" if name == "e" else name, (), position)
        if known(name):
            raise self.fail(f"`{name}` is a function: write {name}(...)", node)
        if name in self.ctx.dims:
            raise self.fail(f"`{name}` is a dimension, not a value; {self.ctx.allowed_names()}", node)
        raise self.fail(f"unknown name `{name}`; {self.ctx.allowed_names()}", node)

    def _UnaryOp(self, node: ast.UnaryOp) -> Node:
        operand = self.build(node.operand)
        if isinstance(node.op, ast.UAdd):
            return operand
        if isinstance(node.op, ast.USub):
            return Node("neg", (operand,), None, operand.shape, self.source.original(node.col_offset))
        raise self.fail("`~` and `not` are not allowed", node)

    def _Attribute(self, node: ast.Attribute) -> Node:
        if node.attr != "T":
            raise self.fail("only `.T` (transpose) may follow a `.`", node)
        inner = self.build(node.value)
        return Node("T", (inner,), None, shapes.transpose(inner.shape), self.source.original(node.end_col_offset - 1))

    def _BinOp(self, node: ast.BinOp) -> Node:
        if isinstance(node.op, ast.Mod) and self.product is not None:
            return self._product(node)
        if type(node.op) not in _BINARY:
            raise self.fail("this operator is not allowed; use + - * / ** (or ^) and @", node,
                            self._operator_offset(node))
        op, symbol = _BINARY[type(node.op)]
        left, right = self.build(node.left), self.build(node.right)
        position = self.source.original(self._operator_offset(node))
        if self.ctx.star_is_matmul and left.shape and right.shape and op == "mul":
            op, symbol = "matmul", "*"
        if op == "pow":
            return self._power(left, right, node, position)
        try:
            if op == "matmul":
                shape = shapes.matmul(left.shape, right.shape)
            else:
                shape = shapes.broadcast(left.shape, right.shape, symbol)
        except shapes.ShapeMismatch as exc:
            message = str(exc).replace("`*` needs", f"`{symbol}` needs")
            raise self.fail(message, offset=self._operator_offset(node)) from None
        return Node(op, (left, right), None, shape, position)

    def _product(self, node: ast.BinOp) -> Node:
        left, right = self.build(node.left), self.build(node.right)
        offset = self._operator_offset(node)
        try:
            return self.product(left, right, self.source.original(offset))
        except shapes.ShapeMismatch as exc:
            raise self.fail(str(exc), offset=offset) from None

    def _power(self, base: Node, exponent: Node, node: ast.BinOp, position: int) -> Node:
        where = self._operator_offset(node)
        if exponent.shape:
            raise self.fail("the exponent must be a scalar", offset=where)
        value = _rational(exponent) if exponent.is_constant else None
        if exponent.is_constant and _too_big(exponent, value):
            raise self.fail(f"the exponent is too large (at most {MAX_EXPONENT} in size)", offset=where)
        if base.is_constant and exponent.is_constant and _size(base) * _magnitude(exponent, value) > MAX_DIGITS:
            raise self.fail("this power is too large a number to work with", offset=where)
        if self.ctx.star_is_matmul and base.shape:
            if value is None or value.denominator != 1 or base.shape[0] != base.shape[1]:
                raise self.fail("a matrix power needs a square matrix and a whole exponent (A**(-1) is the inverse)",
                                offset=where)
            return Node("matpow", (base, exponent), None, base.shape, position)
        return Node("pow", (base, exponent), None, base.shape, position)

    def _Call(self, node: ast.Call) -> Node:
        if not isinstance(node.func, ast.Name):
            raise self.fail("only named functions may be called, e.g. exp(x)", node)
        name = canonical(node.func.id)
        if not known(name):
            raise self.fail(f"unknown function `{node.func.id}`; {self.ctx.allowed_functions()}", node)
        if name not in self.ctx.functions:
            raise self.fail(f"the function `{node.func.id}` is not allowed here; {self.ctx.allowed_functions()}", node)
        spec = FUNCTIONS[name]
        arguments = list(node.args)
        if spec.acts is Acts.BINDS and len(arguments) == 2 and isinstance(arguments[1], ast.Tuple):
            arguments = [arguments[0], *arguments[1].elts]  # sympy's summation(f, (k, 1, n))
        low, high = spec.arity
        if node.keywords or len(arguments) < low or (high is not None and len(arguments) > high):
            raise self.fail(f"{node.func.id}(...) takes {spec.arity_text()}", node)
        position = self.source.original(node.col_offset)
        special = _SPECIAL_ARGUMENTS.get(spec.acts)
        args = special(self, spec, arguments, node) if special else tuple(self.build(arg) for arg in arguments)
        return Node("call", args, name, self._call_shape(spec, args, node), position)

    def _size_argument(self, spec, arguments: list, node: ast.Call) -> tuple[Node, ...]:
        """Identity(k) / eye(3): a declared dimension or a whole number, not a value."""
        (size,) = arguments
        if isinstance(size, ast.Name) and size.id in self.ctx.dims:
            return (Node("dim", (), size.id, (), self.source.original(size.col_offset)),)
        if isinstance(size, ast.Constant) and type(size.value) is int and 1 <= size.value <= 64:
            return (Node("num", (), Fraction(size.value), (), self.source.original(size.col_offset)),)
        raise self.fail(f"{spec.name}(...) takes a dimension ({', '.join(sorted(self.ctx.dims)) or 'none declared'}) "
                        "or a whole number from 1 to 64", node)

    def _bound_arguments(self, spec, arguments: list, node: ast.Call) -> tuple[Node, ...]:
        """summation(body, k, low, high): `k` is a new integer name inside the body only."""
        body, index, low, high = arguments
        if not isinstance(index, ast.Name) or known(index.id) or is_constant_name(index.id, self.ctx) \
                or index.id in self.ctx.dims:
            raise self.fail(f"{spec.name}(body, k, low, high) needs a plain name as its index k", index)
        bounds = tuple(self.build(bound) for bound in (low, high))
        self.bound = self.bound | {index.id}
        try:
            built = self.build(body)
        finally:
            self.bound = self.bound - {index.id}
        if built.shape or any(bound.shape for bound in bounds):
            raise self.fail(f"{spec.name}(...) takes a scalar body and scalar bounds", node)
        name = Node("bound", (), index.id, (), self.source.original(index.col_offset))
        return (built, name, *bounds)

    def _derivative_arguments(self, spec, arguments: list, node: ast.Call) -> tuple[Node, ...]:
        """diff(body, x) or diff(body, x, n): by a declared scalar symbol, n a whole number 1..10."""
        body, by, *order = arguments
        if not isinstance(by, ast.Name) or by.id not in self.ctx.symbols or self.ctx.symbols[by.id].shape:
            raise self.fail(f"{node.func.id}(body, x) differentiates by a declared scalar symbol", by)
        times = order[0] if order else ast.Constant(1)
        if not (isinstance(times, ast.Constant) and type(times.value) is int and 1 <= times.value <= 10):
            raise self.fail(f"the order of {node.func.id}(...) must be a whole number from 1 to 10", node)
        built = self.build(body)
        if built.shape:
            raise self.fail(f"{node.func.id}(...) differentiates scalar expressions only", node)
        symbol = Node("sym", (), by.id, (), self.source.original(by.col_offset))
        return (built, symbol, Node("num", (), Fraction(times.value), ()))

    def _call_shape(self, spec, args: tuple[Node, ...], node: ast.Call) -> tuple:
        if spec.acts is Acts.ELEMENTWISE:
            if any(arg.shape for arg in args[1:]):
                raise self.fail(f"the arguments of {spec.name}(...) after the first must be scalars", node)
            return args[0].shape
        if spec.acts in (Acts.NORM, Acts.BINDS, Acts.DERIVATIVE):
            return ()
        if spec.acts is Acts.IDENTITY:
            return (args[0].value if args[0].op == "dim" else int(args[0].value),) * 2
        if spec.acts in (Acts.INVERSE, Acts.DET, Acts.TRACE):
            shape = args[0].shape
            if shape and shape[0] != shape[1]:
                raise self.fail(f"{spec.name}(...) needs a square matrix, got {shapes.show(shape)}", node)
            return shape if spec.acts is Acts.INVERSE else ()
        if spec.acts is Acts.DIAG:
            try:
                return shapes.diag(args[0].shape)
            except shapes.ShapeMismatch as exc:
                raise self.fail(str(exc), node) from None
        if any(arg.shape for arg in args):
            raise self.fail(f"{spec.name}(...) takes scalars, not vectors or matrices", node)
        if any(arg.is_constant and _size(arg) > 3 for arg in args):
            raise self.fail(f"{spec.name}(...) of a number above 1000 is not supported", node)
        return ()

    def _operator_offset(self, node: ast.BinOp) -> int:
        start, stop = node.left.end_col_offset, node.right.col_offset
        gap = self.source.python[start:stop]
        stripped = gap.lstrip(" )")
        return start + len(gap) - len(stripped) if stripped else start


_SPECIAL_ARGUMENTS = {Acts.IDENTITY: _Builder._size_argument, Acts.BINDS: _Builder._bound_arguments,
                      Acts.DERIVATIVE: _Builder._derivative_arguments}


def _rational(node: Node) -> Fraction | None:
    """The exact value of a small rational constant subtree, else None."""
    if node.op == "num":
        return node.value
    if node.op == "neg":
        inner = _rational(node.args[0])
        return None if inner is None else -inner
    if node.op in ("add", "sub", "mul", "div") and _size(node) < 50:
        left, right = (_rational(arg) for arg in node.args)
        if left is None or right is None or (node.op == "div" and right == 0):
            return None
        return _ARITHMETIC[node.op](left, right)
    return None


def _size(node: Node) -> float:
    """An upper bound on |log10| of a constant subtree's value (its size in digits, roughly)."""
    if node.op == "num":
        value = node.value
        return max(len(str(abs(value.numerator))), len(str(value.denominator)))
    if node.op in ("const", "bound", "dim"):
        return 1.0
    sizes = [_size(arg) for arg in node.args]
    if node.op in ("neg", "T", "call") and node.value not in ("exp", "factorial", "gamma", "sinh", "cosh"):
        return max(sizes) + 1
    if node.op in ("add", "sub"):
        return max(sizes) + 1
    if node.op in ("mul", "div", "matmul"):
        return sum(sizes)
    if node.op in ("pow", "matpow"):
        return sizes[0] * 10 ** min(sizes[1], 300) + 1
    return 10 ** min(max(sizes), 300)  # exp, factorial, ...


def _too_big(exponent: Node, value: Fraction | None) -> bool:
    return abs(value) > MAX_EXPONENT if value is not None else _size(exponent) > math.log10(MAX_EXPONENT)


def _magnitude(exponent: Node, value: Fraction | None) -> float:
    return float(abs(value)) if value is not None else 10 ** min(_size(exponent), 300)

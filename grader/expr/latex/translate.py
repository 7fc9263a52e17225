"""LaTeX tokens to the strict Python text the plain parser's builder reads, by a whitelist.

A recursive descent over TeX groups: every piece of output is chosen here (declared symbol names,
registry function names, digits, operators), never copied from the student, and each piece keeps the
position of the LaTeX it came from, so the builder's messages point into the student's LaTeX.
Products whose meaning depends on shapes (`\\cdot`, `\\times`, juxtaposition) become `%`, which the
builder hands to grader.expr.latex.products once the shapes of both sides are known.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from grader.expr.context import ExprContext
from grader.expr.errors import ExprError
from grader.expr.functions import FUNCTIONS, canonical, known
from grader.expr.latex.lexer import Token
from grader.expr.latex.spellings import GREEK, Spellings
from grader.expr.tokens import Source

MAX_NESTING = 40
_OPENERS = {"(": ")", "[": "]", r"\{": r"\}", "{": "}"}
_CLOSERS = set(_OPENERS.values())
_PRODUCTS = {r"\cdot": "cdot", r"\times": "times", "*": "cdot"}
_ELEMENTWISE = {r"\circ", r"\odot"}
_CONSTANTS = {r"\pi": "pi", "e": "E", r"\mathrm{e}": "E", r"\mathrm{i}": "I"}  # a lone i may be an index: refused
_TRANSPOSE = {r"\top", "T", r"\mathsf"}
_REFUSED = {
    r"\dots": "write out every term instead of `\\dots`", r"\cdots": "write out every term instead of `\\cdots`",
    r"\ldots": "write out every term instead of `\\ldots`", r"\partial": (
        "a derivative is one of the question's symbols; write it with one of the spellings listed"),
    r"\pm": "`\\pm` gives two answers; write one", r"\mp": "`\\mp` gives two answers; write one",
    "=": "write one expression (an equation's last right-hand side is read)",
    r"\neq": "comparisons are not allowed; write only the expression", "<": "comparisons are not allowed",
    ">": "comparisons are not allowed", r"\le": "comparisons are not allowed", r"\ge": "comparisons are not allowed",
    r"\leq": "comparisons are not allowed", r"\geq": "comparisons are not allowed",
    r"\approx": "write the expression itself, not an approximation",
    "\\\\": "write one formula (this holds several lines that are not one derivation)",
}


@dataclass
class Translation:
    """The Python text, the product kind at each `%` (by LaTeX position), and where `\\tanh^2` powers are."""

    pieces: list[tuple[str, int]] = field(default_factory=list)
    products: dict[int, str] = field(default_factory=dict)
    function_powers: set[int] = field(default_factory=set)

    def source(self) -> Source:
        parts, offsets = [], []
        for text, position in self.pieces:
            if parts:
                parts.append(" ")
                offsets.append(position)
            parts.append(text)
            offsets.extend([position] * len(text))
        last = self.pieces[-1][1] if self.pieces else 0
        offsets.append(last + 1)
        return Source("".join(parts), tuple(offsets))


def translate(tokens: list[Token], text: str, ctx: ExprContext, names: Spellings) -> Translation:
    reader = _Reader(tokens, text, ctx, names)
    reader.expression(closer=None, depth=0, commas=False)
    if reader.index < len(tokens):
        token = tokens[reader.index]
        raise reader.fail(f"`{token.text}` has no opening partner", token)
    return reader.out


def _braced(template: str) -> str | None:
    """The command of a registry template that takes TeX arguments (`\\binom{{{0}}}{{{1}}}`), else None."""
    command = template.split("{", 1)[0]
    return command if "{0}" in template and template.startswith("\\") and command[1:].isalpha() else None


class _Reader:
    def __init__(self, tokens: list[Token], text: str, ctx: ExprContext, names: Spellings):
        self.tokens, self.text, self.ctx, self.names = tokens, text, ctx, names
        self.index = 0
        self.out = Translation()

    # -- helpers -------------------------------------------------------------------------------
    def fail(self, message: str, token: Token | None = None) -> ExprError:
        position = token.position if token is not None else len(self.text.rstrip()) - 1
        return ExprError(message, self.text, max(position, 0))

    def peek(self, ahead: int = 0) -> Token | None:
        at = self.index + ahead
        return self.tokens[at] if at < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise self.fail("the formula ends too early (a group or an argument is missing)")
        self.index += 1
        return token

    def emit(self, text: str, position: int) -> None:
        self.out.pieces.append((text, position))

    # -- grammar -------------------------------------------------------------------------------
    def expression(self, closer: str | None, depth: int, commas: bool) -> None:
        """Items and operators up to `closer` (not consumed) or the end."""
        if depth > MAX_NESTING:
            raise self.fail(f"the formula is nested too deeply (more than {MAX_NESTING} levels)", self.peek())
        value_before = False
        while True:
            token = self.peek()
            if token is None or token.text in _CLOSERS or (closer == r"\|" and token.text == r"\|" and value_before) \
                    or (closer == "|" and token.text == "|" and value_before):
                if token is None and closer is not None:
                    return  # the group reports what is not closed
                if not value_before:
                    empty = self.out.pieces and self.out.pieces[-1][0] == "("
                    raise self.fail("this group is empty" if empty else "an operand is missing here", token)
                return
            if token.text in ("+", "-"):
                self.take()
                self.emit(token.text, token.position)
                value_before = False
                continue
            if token.text in _PRODUCTS or token.text in _ELEMENTWISE or token.text == "/":
                if not value_before:
                    raise self.fail(f"`{token.text}` needs something on its left", token)
                self.take()
                if token.text in _PRODUCTS:
                    self.emit("%", token.position)
                    self.out.products[token.position] = _PRODUCTS[token.text]
                else:
                    self.emit("*" if token.text in _ELEMENTWISE else "/", token.position)
                value_before = False
                continue
            if token.text == "," and commas:
                self.take()
                self.emit(",", token.position)
                value_before = False
                continue
            if value_before:  # two values side by side: a product whose kind the shapes decide
                self.emit("%", token.position)
                self.out.products[token.position] = "juxtaposition"
            self.item(depth)
            value_before = True

    def item(self, depth: int) -> None:
        """One value with its scripts: a symbol, number, group, fraction, root, norm or function."""
        token = self.peek()
        start = self.index
        matched = self.names.match(self.tokens, self.index)
        if matched is not None:
            name, self.index = matched
            self.emit(name, token.position)
        elif token.kind == "number":
            self.take()
            self.emit(token.text, token.position)
        elif token.key in _CONSTANTS:
            self.take()
            self.emit(_CONSTANTS[token.key], token.position)
        elif token.text in _OPENERS:
            self.group(depth, commas=False)
        elif token.text == r"\frac":
            self.take()
            self.emit("(", token.position)
            self.argument(depth)
            self.emit("/", token.position)
            self.argument(depth)
            self.emit(")", token.position)
        elif token.text == r"\sqrt":
            self.root(depth)
        elif token.text in (r"\|", "|"):
            self.bars(depth)
        elif self.function_name(token) is not None:
            self.function(depth)
            return
        else:
            raise self.unknown(token)
        self.scripts(depth, start if matched is not None else None)

    def group(self, depth: int, commas: bool) -> None:
        opener = self.take()
        closer = _OPENERS[opener.text]
        self.emit("(", opener.position)
        self.expression(closer, depth + 1, commas)
        token = self.peek()
        if token is None:
            raise self.fail(f"`{opener.text}` is not closed", opener)
        if token.text != closer:
            raise self.fail(f"`{opener.text}` is closed by `{token.text}`; expected `{closer}`", token)
        self.take()
        self.emit(")", token.position)

    def argument(self, depth: int) -> None:
        """A `{...}` group or a single token, as TeX takes a macro's argument."""
        token = self.peek()
        if token is None:
            raise self.fail("an argument is missing at the end")
        if token.text == "{":
            self.group(depth, commas=False)
        elif token.kind == "number" and len(token.text) > 1:  # \frac12 is 1/2: TeX takes one digit
            self.tokens[self.index] = Token("number", token.text[1:], token.position + 1)
            self.emit(token.text[0], token.position)
        elif token.kind in ("number", "letter", "word") or token.key in _CONSTANTS:
            matched = self.names.match(self.tokens, self.index)
            self.index = matched[1] if matched else self.index + 1
            text = matched[0] if matched else _CONSTANTS.get(token.key, token.text)
            if not matched and token.kind != "number" and token.key not in _CONSTANTS:
                raise self.unknown(token)
            self.emit(text, token.position)
        else:
            raise self.fail(f"`{token.text}` cannot stand alone as an argument; use braces", token)

    def root(self, depth: int) -> None:
        command = self.take()
        if self.peek() is not None and self.peek().text == "[":
            self.take()
            self.emit("((", command.position)
            mark = len(self.out.pieces)
            self.expression("]", depth + 1, commas=False)
            degree = self.out.pieces[mark:]
            del self.out.pieces[mark:]
            closing = self.take()
            if closing.text != "]":
                raise self.fail("the degree of `\\sqrt[n]{...}` must end with `]`", closing)
            self.argument(depth)
            self.emit(")**(1/(", command.position)
            self.out.pieces.extend(degree)
            self.emit(")))", command.position)
            return
        self.emit("sqrt(", command.position)
        self.argument(depth)
        self.emit(")", command.position)

    def bars(self, depth: int) -> None:
        """`\\|v\\|` (optionally `_2`) is norm(v); `|x|` is Abs(x)."""
        opener = self.take()
        self.emit("norm(" if opener.text == r"\|" else "Abs(", opener.position)
        self.expression(opener.text, depth + 1, commas=False)
        closing = self.peek()
        if closing is None or closing.text != opener.text:
            raise self.fail(f"`{opener.text}` is not closed", opener)
        self.take()
        self.emit(")", closing.position)
        if opener.text == r"\|" and self.peek() is not None and self.peek().text == "_":
            script = self.tokens[self.index:self.index + 4]
            if [t.text for t in script] != ["_", "{", "2", "}"]:
                raise self.fail("only the Euclidean norm \\|v\\|_2 is read", self.peek())
            self.index += 4

    def function_name(self, token: Token) -> str | None:
        """The registry name a command or word stands for: `\\tanh`, `\\ln`, `\\operatorname{diag}`."""
        if token.kind == "word" or (token.kind == "command" and token.text[1:].isalpha()):
            word = token.text.lstrip("\\")
            if known(word) and canonical(word) in self.ctx.functions:
                return canonical(word)
            for name, spec in FUNCTIONS.items():
                forms = (token.text, f"\\operatorname{{{word}}}", f"\\operatorname{{{{{word}}}}}")
                if name in self.ctx.functions and (spec.latex in forms or _braced(spec.latex) == token.text):
                    return name
        return None

    def function(self, depth: int) -> None:
        """`\\tanh(x)`, `\\tanh^2(x)` (the square of the value), `\\sigma'(z)`, `\\exp x`."""
        command = self.take()
        name = self.function_name(command)
        if _braced(FUNCTIONS[name].latex) == command.text:  # \binom{n}{k}: TeX arguments, as printed
            self.emit(f"{name}(", command.position)
            for number in range(FUNCTIONS[name].arity):
                if number:
                    self.emit(",", command.position)
                self.argument(depth)
            self.emit(")", command.position)
            self.scripts(depth)
            return
        if self.peek() is not None and self.peek().text == "'":
            self.take()
            if f"{name}_prime" not in self.ctx.functions:
                raise self.fail(f"`{command.text}'` is not a function the grader knows", command)
            name = f"{name}_prime"
        power = None
        if self.peek() is not None and self.peek().text == "^":
            power = self.take()
            mark = len(self.out.pieces)
            self.script_group(depth)
            exponent = self.out.pieces[mark:]
            del self.out.pieces[mark:]
            if [piece for piece, _ in exponent] == ["(", "-", "1", ")"]:
                raise self.fail(f"`{command.text}^{{-1}}` could be the inverse function or 1/{command.text}; "
                                "write the one you mean", power)
        token = self.peek()
        if token is None:
            raise self.fail(f"`{command.text}` needs an argument", command)
        self.emit(name, command.position)
        if token.text in ("(", "[", r"\{"):
            self.group(depth, commas=True)
        else:
            self.emit("(", token.position)
            self.argument(depth)
            self.emit(")", token.position)
        if power is not None:
            self.emit("**", power.position)
            self.out.function_powers.add(power.position)
            self.out.pieces.extend(exponent)
        self.scripts(depth)

    def scripts(self, depth: int, name_start: int | None = None) -> None:
        """What may follow a value: `^{...}` (a power, or `^\\top` / `^T` the transpose) and `'`.

        After a symbol, a subscript or a superscript in parentheses (`W_f^{(d)}`) is part of a name
        that is not declared."""
        while self.peek() is not None and self.peek().text in ("^", "'", "_"):
            index_like = [t.text for t in self.tokens[self.index + 1:self.index + 3]] == ["{", "("]
            if name_start is not None and (self.peek().text == "_" or index_like):
                self.index = name_start
                raise self.unknown(self.tokens[name_start])
            if self.peek().text == "_":
                raise self.fail(f"a subscript is not read here; {self.names.accepted()}", self.peek())
            token = self.take()
            if token.text == "'":
                self.emit(".T", token.position)
            elif self._transpose_follows():
                self.emit(".T", token.position)
            else:
                self.emit("**", token.position)
                self.script_group(depth)

    def _transpose_follows(self) -> bool:
        texts = [t.text for t in self.tokens[self.index:self.index + 3]]
        if len(texts) == 3 and texts[0] == "{" and texts[2] == "}" and texts[1] in _TRANSPOSE:
            if texts[1] == "T" and "T" in self.ctx.symbols:
                return False
            self.index += 3
            return True
        return False

    def script_group(self, depth: int) -> None:
        token = self.peek()
        if token is None or token.text != "{":
            raise self.fail("a superscript is missing", token)
        self.group(depth + 1, commas=False)

    def unknown(self, token: Token) -> ExprError:
        if token.text in _REFUSED:
            return self.fail(_REFUSED[token.text], token)
        if token.kind in ("letter", "word") or token.text.lstrip("\\") in GREEK:
            shown = self._name_as_written(token)
            if self._ambiguous_at():
                owners = self._ambiguous_at()
                return self.fail(f"`{shown}` could be {' or '.join(owners)}; write one of their spellings; "
                                 f"{self.names.accepted()}", token)
            return self.fail(f"unknown name `{shown}`; {self.names.accepted()}", token)
        if token.kind == "command":
            return self.fail(f"`{token.text}` is not a LaTeX command the grader reads", token)
        return self.fail(f"`{token.text}` is not expected here", token)

    def _ambiguous_at(self) -> tuple[str, ...]:
        for key, owners in self.names.ambiguous.items():
            if tuple(t.key for t in self.tokens[self.index:self.index + len(key)]) == key:
                return owners
        return ()

    def _name_as_written(self, token: Token) -> str:
        """The name with its sub- and superscripts, as the student typed it (for the message)."""
        end = self.index + 1
        while end < len(self.tokens) and self.tokens[end].text in ("_", "^"):
            end += 1
            if end < len(self.tokens) and self.tokens[end].text == "{":
                level = 0
                while end < len(self.tokens):
                    level += {"{": 1, "}": -1}.get(self.tokens[end].text, 0)
                    end += 1
                    if level == 0:
                        break
        if token.kind == "word" and end == self.index + 1:
            return token.text
        stop = self.tokens[end - 1].position + len(self.tokens[end - 1].text)
        return self.text[token.position:stop]

"""Lenient notation to strict Python syntax: unicode signs, `^`, implicit products.

The result is a string for `ast.parse` plus a map from its offsets back to the student's text,
so that every later error can point at what the student typed.
"""
from __future__ import annotations

import keyword
import re
import unicodedata
from dataclasses import dataclass

from grader.expr.errors import ExprError

MAX_LENGTH = 2000
MAX_TOKENS = 600
MAX_NESTING = 40
MAX_LITERAL_EXPONENT = 1000

_REPLACEMENTS = {
    "\u2212": "-", "\u2013": "-", "\u2014": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*", "\u2219": "*",
    "\u2218": "*", "\u00f7": "/", "^": "**", "\u03c0": "pi", "\u00b2": "**2", "\u00b3": "**3", "\u03c3": "sigma",
}
_FORBIDDEN = {
    "[": "square brackets are not allowed; use parentheses",
    "]": "square brackets are not allowed; use parentheses",
    "{": "braces are not allowed; use parentheses",
    "}": "braces are not allowed; use parentheses",
    "=": "`=` is not allowed: write only the expression, not an equation or assignment",
    "'": "quotes are not allowed: write the expression itself, not a string",
    '"': "quotes are not allowed: write the expression itself, not a string",
    ";": "`;` is not allowed: write a single expression",
    ":": "`:` is not allowed: write a single expression",
}
_SCRIPTS = ("<super>", "<sub>", "<fraction>")
_TOKEN = re.compile(
    r"(?P<space>\s+)|(?P<number>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?)|(?P<name>[^\W\d]\w*)"
    r"|(?P<op>\*\*|//|[-+*/@(),.])"
)


@dataclass(frozen=True)
class Token:
    kind: str  # number | name | op
    text: str
    position: int  # in the student's original text


@dataclass(frozen=True)
class Source:
    python: str  # strict Python expression text
    offsets: tuple[int, ...]  # python offset -> original offset

    def original(self, offset: int) -> int:
        return self.offsets[min(max(offset, 0), len(self.offsets) - 1)]


def normalise(text: str) -> tuple[str, list[int]]:
    """Replace lenient signs; return the new text and, per character, its original position."""
    chars: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        replacement = _REPLACEMENTS.get(char) or _compatible(char)
        chars.extend(replacement)
        origin.extend([position] * len(replacement))
    return "".join(chars), origin


def _compatible(char: str) -> str:
    """Fullwidth and other compatibility forms as ASCII, but never a superscript as a plain digit
    (2⁴ must not read as 24): those stay as they are and are refused by the tokenizer."""
    if not _plain(char):
        return char
    return "".join(_REPLACEMENTS.get(part, part) for part in unicodedata.normalize("NFKC", char))


def tokenize(text: str, is_function) -> list[Token]:
    """Tokens of the lenient text, with `*` inserted where a product is implied."""
    if len(text) > MAX_LENGTH:
        raise ExprError(f"the answer is too long ({len(text)} characters; at most {MAX_LENGTH})", text, None)
    normal, origin = normalise(text)
    tokens: list[Token] = []
    index = 0
    while index < len(normal):
        match = _TOKEN.match(normal, index)
        if match is None:
            raise ExprError(_FORBIDDEN.get(normal[index]) or _unexpected(normal[index]), text, origin[index])
        script = next((index + offset for offset, char in enumerate(match.group()) if not _plain(char)), None)
        if script is not None:
            raise ExprError(_unexpected(normal[script]), text, origin[script])
        kind = match.lastgroup
        if kind != "space":
            tokens.append(Token(kind, match.group(), origin[index]))
        index = match.end()
    if not tokens:
        raise ExprError("the answer is empty", text, None)
    if len(tokens) > MAX_TOKENS:
        raise ExprError(f"the answer is too long ({len(tokens)} symbols; at most {MAX_TOKENS})", text, None)
    _check_tokens(tokens, text)
    return _implicit_products(tokens, is_function, text)


def _plain(char: str) -> bool:
    return not unicodedata.decomposition(char).startswith(_SCRIPTS)


def _unexpected(char: str) -> str:
    if not _plain(char):
        return f"`{char}` is not read: write powers with ^ (z^4), indices with _ (x_1), fractions with /"
    shown = char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
    return f"unexpected character `{shown}`"


def _check_tokens(tokens: list[Token], text: str) -> None:
    depth = 0
    for index, token in enumerate(tokens):
        if token.kind == "name" and keyword.iskeyword(token.text):
            raise ExprError(f"`{token.text}` is not allowed in a mathematical expression", text, token.position)
        if token.kind == "name" and token.text.startswith("_"):
            raise ExprError(f"names starting with _ are not allowed (`{token.text}`)", text, token.position)
        if token.kind == "number" and _literal_exponent(token.text) > MAX_LITERAL_EXPONENT:
            raise ExprError(f"the number {token.text} is too large or too small", text, token.position)
        if token.text == "//":
            raise ExprError("`//` (floor division) is not allowed; use `/`", text, token.position)
        if token.text == ".":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or following.text != "T":
                raise ExprError("only `.T` (transpose) may follow a `.`; attribute access is not allowed",
                                text, token.position)
        depth += {"(": 1, ")": -1}.get(token.text, 0)
        if depth > MAX_NESTING:
            raise ExprError(f"parentheses are nested too deeply (more than {MAX_NESTING} levels)",
                            text, token.position)


def _literal_exponent(number: str) -> int:
    match = re.search(r"[eE]([+-]?\d+)$", number)
    digits = len(number.split(".")[0].lstrip("0"))
    return max(abs(int(match.group(1))) if match else 0, digits)


def _implicit_products(tokens: list[Token], is_function, text: str) -> list[Token]:
    result = [tokens[0]]
    for before, after in zip(tokens, tokens[1:]):
        if _implies_product(before, after, is_function, result):
            result.append(Token("op", "*", after.position))
        elif before.kind == "number" and after.kind == "number":
            raise ExprError("two numbers in a row; is an operator missing?", text, after.position)
        result.append(after)
    return result


def _implies_product(before: Token, after: Token, is_function, so_far: list[Token]) -> bool:
    """A value followed by the start of a value: `2z`, `)(`, `x(1 - x)`, `2 x`; never `f(`."""
    after_dot = len(so_far) >= 2 and so_far[-2].text == "." and before.text == "T"
    ends_value = before.kind == "number" or before.text == ")" or (
        before.kind == "name" and (after_dot or not is_function(before.text))
    )
    starts_value = after.kind == "name" or after.text == "(" or (after.kind == "number" and before.kind != "number")
    return ends_value and starts_value


def join(tokens: list[Token]) -> Source:
    """Strict Python text from tokens, with the offset map back to the original."""
    parts: list[str] = []
    offsets: list[int] = []
    for token in tokens:
        if parts:
            parts.append(" ")
            offsets.append(token.position)
        parts.append(token.text)
        offsets.extend([token.position] * len(token.text))
    offsets.append(tokens[-1].position + len(tokens[-1].text))
    return Source("".join(parts), tuple(offsets))

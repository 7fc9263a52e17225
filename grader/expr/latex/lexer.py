"""LaTeX source to a flat list of tokens, each pointing at what the student typed.

Only the LaTeX of formulas is read: commands, letters (each its own symbol, as TeX sets them),
numbers and a few signs. Presentation-only commands (spacing, `\\left`, font wrappers) are dropped
here, so the reader and the spelling table see one canonical form: `x_t` and `x_{t}` are the same
tokens, and so are `\\dfrac` and `\\frac`, `\\lVert` and `\\|`. Nothing is expanded: a command is a
name, never a definition.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from grader.expr.errors import ExprError

MAX_LENGTH = 4000  # LaTeX is wordier than the plain notation (2000)
MAX_TOKENS = 1500

_SPACING = {r"\,", r"\;", r"\:", r"\!", "\\ ", r"\quad", r"\qquad", r"\enspace", r"\thinspace", "~",
            r"\displaystyle", r"\textstyle", "&"}
_SIZING = {r"\left", r"\right", r"\middle", r"\big", r"\Big", r"\bigg", r"\Bigg", r"\bigl", r"\bigr",
           r"\Bigl", r"\Bigr", r"\biggl", r"\biggr", r"\Biggl", r"\Biggr"}
_FONTS = {r"\mathbf", r"\boldsymbol", r"\bm", r"\vec", r"\mathit", r"\pmb", r"\mathbold"}
_WORDS = {r"\mathrm", r"\operatorname", r"\text", r"\textrm", r"\textit", r"\mathsf", r"\mathtt"}
_SYNONYMS = {
    r"\dfrac": r"\frac", r"\tfrac": r"\frac", r"\cfrac": r"\frac",
    r"\lVert": r"\|", r"\rVert": r"\|", r"\Vert": r"\|", r"\lvert": "|", r"\rvert": "|", r"\vert": "|",
    r"\lbrace": r"\{", r"\rbrace": r"\}", r"\lbrack": "[", r"\rbrack": "]", r"\lparen": "(", r"\rparen": ")",
    r"\intercal": r"\top", r"\ast": "*", r"\div": "/", r"\colon": ":",
}
_DELIMITERS = {"$", r"\[", r"\]", r"\(", r"\)"}
_SIGNS = set("{}()[]^_'+-*/=,.|:;<>!")
_TOKEN = re.compile(r"(?P<space>\s+)|(?P<command>\\(?:[A-Za-z]+|.))|(?P<number>\d+(?:\.\d+)?)"
                    r"|(?P<letter>[A-Za-z])|(?P<sign>.)", re.S)


@dataclass(frozen=True)
class Token:
    kind: str  # command | number | letter | word | constant | sign
    text: str
    position: int  # in the student's text

    @property
    def key(self) -> str:
        """What spellings are compared by: a word is not the letters it is made of."""
        return f"word:{self.text}" if self.kind == "word" else self.text


def lex(text: str) -> list[Token]:
    """Canonical tokens of `text`; raise ExprError (with the position) for what is not LaTeX math."""
    if len(text) > MAX_LENGTH:
        raise ExprError(f"the answer is too long ({len(text)} characters; at most {MAX_LENGTH})", text, None)
    raw = []
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "space" or value in _DELIMITERS:
            continue
        if kind == "sign" and value not in _SIGNS and value not in _SPACING:
            shown = value if value.isprintable() else f"U+{ord(value):04X}"
            hint = "; write LaTeX commands such as \\sigma" if not value.isascii() else ""
            raise ExprError(f"unexpected character `{shown}`{hint}", text, match.start())
        raw.append(Token(kind, _SYNONYMS.get(value, value), match.start()))
        if len(raw) > MAX_TOKENS:
            raise ExprError(f"the answer is too long (more than {MAX_TOKENS} symbols)", text, None)
    tokens = _canonical(raw, text)
    if not tokens:
        raise ExprError("the answer is empty", text, None)
    return tokens


def _canonical(raw: list[Token], text: str) -> list[Token]:
    tokens: list[Token] = []
    index = 0
    while index < len(raw):
        token = raw[index]
        index += 1
        if token.text in _SPACING:
            continue
        if token.text in _SIZING:
            if index < len(raw) and raw[index].text == ".":
                index += 1  # \left. and \right. draw nothing
            continue
        if token.text in _WORDS:
            word, index = _word(raw, index, token, text)
            tokens.append(word)
            continue
        if token.text in _FONTS:  # \mathbf{h} is h; a longer argument stays a group
            if index + 2 < len(raw) and raw[index].text == "{" and raw[index + 2].text == "}":
                tokens.append(raw[index + 1])
                index += 3
            continue
        if token.text in ("^", "_") and index < len(raw) and raw[index].text != "{":
            tokens.extend(_braced_script(token, raw[index]))
            index += 1
            continue
        tokens.append(token)
    return tokens


def _word(raw: list[Token], index: int, command: Token, text: str) -> tuple[Token, int]:
    """`\\mathrm{diag}` and friends: one word token (a name), or an error if the braces hold more."""
    if index >= len(raw) or raw[index].text != "{":
        raise ExprError(f"`{command.text}` needs a name in braces, e.g. {command.text}{{diag}}", text, command.position)
    letters = []
    index += 1
    while index < len(raw) and raw[index].kind in ("letter", "number"):
        letters.append(raw[index].text)
        index += 1
    if index >= len(raw) or raw[index].text != "}" or not letters or not letters[0].isalpha():
        raise ExprError(f"`{command.text}{{...}}` may hold only a name (letters and digits)", text, command.position)
    word = "".join(letters)
    if word in ("e", "i"):  # upright e and i are the constants (ISO 80000-2), never a symbol
        return Token("constant", f"\\mathrm{{{word}}}", command.position), index + 1
    kind = "letter" if len(word) == 1 else "word"
    return Token(kind, word, command.position), index + 1


def _braced_script(script: Token, following: Token) -> list[Token]:
    """`x^2` as `x^{2}`; TeX takes one character, so `x^23` is `x^{2}3`."""
    if following.kind == "number" and len(following.text) > 1:
        first = Token("number", following.text[0], following.position)
        rest = Token("number", following.text[1:], following.position + 1)
        return [script, Token("sign", "{", following.position), first, Token("sign", "}", following.position), rest]
    return [script, Token("sign", "{", following.position), following, Token("sign", "}", following.position)]

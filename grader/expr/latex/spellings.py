"""Which LaTeX spellings name which declared symbol.

A spelling is a token sequence (after the lexer's canonical form). Each symbol gets the spellings
the spec lists under `latex:` and defaults from its name: `c` is `c` or `c_t` (a quantity at time
t), `c_prev` is `c_{t-1}` or `c_{prev}`, `Uf` is `U_f`, `Uf_d` is `U_f^{(d)}` or `U_{f,d}`, `theta` is
`\\theta`. A spec spelling beats a default, a default naming the symbol itself beats the time
convention, and a default that two symbols would share names neither (the spec must then say).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from grader.expr.context import ExprContext
from grader.expr.errors import ExprError
from grader.expr.latex.lexer import Token, lex

GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
         "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "tau", "upsilon", "phi", "varphi", "chi", "psi",
         "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega"}
_TIME = {"prev": "t-1", "next": "t+1"}
SPEC, OWN, TIME = 0, 1, 2  # who gave a spelling; the lower wins


@dataclass(frozen=True)
class Spellings:
    """Token keys -> symbol name, with what to show a student who used an unknown name."""

    names: dict[tuple[str, ...], str]
    shown: dict[str, tuple[str, ...]]  # symbol -> its spellings as written, for messages
    ambiguous: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    longest: int = 1

    def match(self, tokens: list[Token], start: int) -> tuple[str, int] | None:
        """The symbol whose spelling starts at `start` (the longest one) and the index after it."""
        for length in range(min(self.longest, len(tokens) - start), 0, -1):
            key = tuple(token.key for token in tokens[start:start + length])
            if key in self.names:
                return self.names[key], start + length
        return None

    def accepted(self) -> str:
        parts = [f"{' or '.join(spelled[:2])} ({name})" for name, spelled in sorted(self.shown.items())]
        return "accepted LaTeX names: " + ("; ".join(parts) or "none")


def spellings(ctx: ExprContext) -> Spellings:
    """The table for `ctx`; raise ValueError when the spec's own spellings clash or do not read.
    Built once per set of symbols and spellings (every LaTeX answer reads with it)."""
    return _table(tuple((name, symbol.latex) for name, symbol in ctx.symbols.items()))


@lru_cache(maxsize=64)
def _table(symbols: tuple[tuple[str, tuple[str, ...]], ...]) -> Spellings:
    candidates: dict[tuple[str, ...], dict[int, set[str]]] = {}
    written: dict[tuple[str, ...], str] = {}
    for name, latex in symbols:
        for tier, spelling in [(SPEC, s) for s in latex] + default_spellings(name):
            try:
                key = tuple(token.key for token in lex(spelling))
            except ExprError as exc:
                raise ValueError(f"symbol `{name}`: the LaTeX spelling {spelling!r} does not read: {exc}") from None
            candidates.setdefault(key, {}).setdefault(tier, set()).add(name)
            written.setdefault(key, spelling)
    names: dict[tuple[str, ...], str] = {}
    ambiguous: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key, tiers in candidates.items():
        best = min(tiers)
        owners = sorted(tiers[best])
        if len(owners) == 1:
            names[key] = owners[0]
        elif best == SPEC:
            raise ValueError(f"the LaTeX spelling {written[key]!r} is given for both {owners[0]} and {owners[1]}")
        else:
            ambiguous[key] = tuple(owners)
    shown: dict[str, list[str]] = {}
    for key, name in names.items():
        shown.setdefault(name, []).append(written[key])
    longest = max((len(key) for key in names), default=1)
    return Spellings(names, {name: tuple(spelled) for name, spelled in shown.items()}, ambiguous, longest)


def default_spellings(name: str) -> list[tuple[int, str]]:
    """Spellings a symbol gets without the spec saying, each with its tier."""
    base, _, suffix = name.partition("_")
    if base in GREEK:
        stems = [f"\\{base}"]
    elif len(base) == 1:
        stems = [base]
    elif base.isalpha():
        stems = [f"{base[0]}_{{{base[1:]}}}", f"\\mathrm{{{base}}}"]
    else:
        stems = [f"\\mathrm{{{base}}}"]
    single = [stem for stem in stems if "_" not in stem]
    if not suffix:
        return [(OWN, stem) for stem in stems] + [(TIME, f"{stem}_{{t}}") for stem in single]
    if not suffix.isalnum():
        return []
    written = [suffix, f"\\mathrm{{{suffix}}}"] if len(suffix) > 1 else [suffix]  # c_{prev}, c_{\mathrm{prev}}
    own = [(OWN, f"{stem}_{{{sub}}}") for stem in single for sub in written]
    if suffix in _TIME:
        return own + [(TIME, f"{stem}_{{{_TIME[suffix]}}}") for stem in single]
    own += [(OWN, f"{stem}^{{({suffix})}}") for stem in stems]
    own += [(OWN, f"{base[0]}_{{{base[1:]},{suffix}}}") for stem in stems if "_" in stem]
    return own

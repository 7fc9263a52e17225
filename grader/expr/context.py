"""What an expression may mention: declared symbols (domain, shape), dimensions, functions."""
from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Mapping

from grader.expr.functions import ALIASES, CONSTANTS, DEFAULT_FUNCTIONS, FUNCTIONS, canonical, known

DOMAINS = ("real", "positive", "nonnegative", "negative", "integer", "complex", "interval")
_IDENTIFIER = re.compile(r"[^\W\d]\w*\Z")


@dataclass(frozen=True)
class Dim:
    name: str
    low: int
    high: int


@dataclass(frozen=True)
class SymbolSpec:
    name: str
    domain: str = "real"
    interval: tuple[Fraction, Fraction] | None = None
    shape: tuple = ()  # () for a scalar, else (rows, cols) of ints or dimension names
    latex: tuple[str, ...] = ()  # LaTeX spellings the spec gives, besides the defaults (grader.expr.latex)


@dataclass(frozen=True)
class ExprContext:
    symbols: Mapping[str, SymbolSpec] = field(default_factory=dict)
    dims: Mapping[str, Dim] = field(default_factory=dict)
    functions: frozenset[str] = DEFAULT_FUNCTIONS  # all but the opt-in ones (diff), unless `functions:` says
    star_is_matmul: bool = False  # sympy convention: `*` between two matrices is the matrix product

    @property
    def names(self) -> tuple[str, ...]:
        """The symbol names an answer may use."""
        return tuple(sorted(self.symbols))

    def allowed_names(self) -> str:
        return "allowed names: " + (", ".join(self.names) or "none")

    def allowed_functions(self) -> str:
        return "allowed functions: " + ", ".join(sorted(self.functions))

    @classmethod
    def from_declarations(
        cls,
        symbols: Mapping[str, str | dict],
        functions: Iterable[str] | None = None,
        *,
        star_is_matmul: bool = False,
    ) -> "ExprContext":
        """Read a YAML-style `symbols:` map; raise ValueError naming the symbol and the problem."""
        dims: dict[str, Dim] = {}
        raw: dict[str, dict] = {}
        for name, declaration in symbols.items():
            _check_name(name)
            spec = {"domain": declaration} if isinstance(declaration, str) else declaration
            if not isinstance(spec, Mapping):
                raise ValueError(f"symbol `{name}`: expected a domain name or a mapping, got {declaration!r}")
            if "dim" in spec:
                dims[name] = _dim(name, spec)
            else:
                raw[name] = dict(spec)
        declared = {name: _symbol(name, spec, dims) for name, spec in raw.items()}
        return cls(declared, dims, _functions(functions), star_is_matmul)


def _check_name(name: object) -> None:
    if not isinstance(name, str) or not _IDENTIFIER.match(name) or keyword.iskeyword(name):
        raise ValueError(f"symbol {name!r}: not a valid name (letters, digits and _, not starting with a digit)")
    if name.startswith("_"):
        raise ValueError(f"symbol `{name}`: names may not start with _")
    if known(name):
        raise ValueError(f"symbol `{name}`: clashes with the function of that name")


def _dim(name: str, spec: Mapping) -> Dim:
    value = spec["dim"]
    try:
        if isinstance(value, int):
            low = high = value
        elif isinstance(value, (list, tuple)) and len(value) == 2:
            low, high = int(value[0]), int(value[1])
        else:
            low_text, high_text = str(value).split("..")
            low, high = int(low_text), int(high_text)
    except (ValueError, TypeError):
        raise ValueError(f"symbol `{name}`: dim must look like 3..6, [3, 6] or 4, got {value!r}") from None
    if not 1 <= low <= high <= 64:
        raise ValueError(f"symbol `{name}`: dim range {low}..{high} must satisfy 1 <= low <= high <= 64")
    return Dim(name, low, high)


def _symbol(name: str, spec: dict, dims: Mapping[str, Dim]) -> SymbolSpec:
    unknown = set(spec) - {"domain", "interval", "shape", "latex"}
    if unknown:
        raise ValueError(f"symbol `{name}`: unknown keys {sorted(unknown)}; use domain, interval, shape, latex or dim")
    interval = None
    domain = spec.get("domain", "real")
    if "interval" in spec:
        interval = _interval(name, spec["interval"])
        domain = "interval"
    if domain not in DOMAINS:
        raise ValueError(f"symbol `{name}`: unknown domain {domain!r}; use one of {', '.join(DOMAINS)}")
    if domain == "interval" and interval is None:
        raise ValueError(f"symbol `{name}`: domain interval needs `interval: [low, high]`")
    return SymbolSpec(name, domain, interval, _shape(name, spec.get("shape"), dims), _latex(name, spec.get("latex")))


def _latex(name: str, value: object) -> tuple[str, ...]:
    spellings = [value] if isinstance(value, str) else value if value is not None else []
    if not isinstance(spellings, list) or not all(isinstance(s, str) and s.strip() for s in spellings):
        raise ValueError(f"symbol `{name}`: latex must be a spelling or a list of spellings, got {value!r}")
    return tuple(spellings)


def _interval(name: str, value: object) -> tuple[Fraction, Fraction]:
    try:
        low, high = (Fraction(str(v)) for v in value)
    except (TypeError, ValueError):
        raise ValueError(f"symbol `{name}`: interval must be [low, high] numbers, got {value!r}") from None
    if not low < high:
        raise ValueError(f"symbol `{name}`: interval [{low}, {high}] is empty")
    return low, high


def _shape(name: str, value: object, dims: Mapping[str, Dim]) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)) or len(value) not in (1, 2):
        raise ValueError(f"symbol `{name}`: shape must be [rows, cols] or [rows], got {value!r}")
    sizes = tuple(value) if len(value) == 2 else (value[0], 1)
    for size in sizes:
        if isinstance(size, str) and size not in dims:
            raise ValueError(f"symbol `{name}`: shape uses `{size}`, which is not declared with `dim:`")
        if not isinstance(size, (int, str)) or isinstance(size, bool) or (isinstance(size, int) and size < 1):
            raise ValueError(f"symbol `{name}`: shape entries must be positive ints or dim names, got {size!r}")
    return sizes


def _functions(functions: Iterable[str] | None) -> frozenset[str]:
    if functions is None:
        return DEFAULT_FUNCTIONS
    chosen = []
    for name in functions:
        if not known(name):
            raise ValueError(f"unknown function {name!r}; known: {', '.join(sorted(set(FUNCTIONS) | set(ALIASES)))}")
        chosen.append(canonical(name))
    return frozenset(chosen)


def is_constant_name(name: str, ctx: ExprContext) -> bool:
    return name in CONSTANTS and name not in ctx.symbols

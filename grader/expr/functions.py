"""The registry of functions an answer may call: arity, how it acts on shapes, its numeric and
symbolic meaning and how it prints. One entry per function; aliases map to entries."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable


class Acts(Enum):
    ELEMENTWISE = "elementwise"  # scalar function, applied entry by entry to vectors and matrices
    SCALAR = "scalar"  # scalars only (binomial, factorial, ...)
    DIAG = "diag"  # k x 1 vector -> k x k diagonal matrix; square matrix -> its diagonal
    NORM = "norm"  # Euclidean (Frobenius) norm -> scalar


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    arity: int
    acts: Acts
    numeric: Callable | None  # (mp context, *scalar args) -> mp value, for ELEMENTWISE/SCALAR
    sympy_name: str  # attribute of sympy, or of grader.expr.sympy_build for custom functions
    latex: str  # LaTeX command or template with {0}
    grows_fast: bool = False  # huge arguments are refused at a point (exp, trig reduction, gamma)
    informative_within: float | None = None  # |argument| beyond which the value is flat (saturated)


def _sigma(m, x):
    return 1 / (1 + m.exp(-x))


def _sigma_prime(m, x):
    """exp(-x)/(1 + exp(-x))**2 on the side where exp cannot overflow (it is even), so no cancellation."""
    t = m.exp(-x if m.re(x) >= 0 else x)
    return t / (1 + t) ** 2


_GROWS_FAST = {"exp", "sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "gamma", "factorial", "binomial"}


_SATURATES = {"sigma": 20.0, "sigma_prime": 20.0, "tanh": 20.0, "exp": 40.0, "sinh": 40.0, "cosh": 40.0}


def _entry(name, arity, acts, numeric, sympy_name, latex):
    return name, FunctionSpec(name, arity, acts, numeric, sympy_name, latex, name in _GROWS_FAST,
                              _SATURATES.get(name))


def _mp(attr):
    return lambda m, *args: getattr(m, attr)(*args)


E, S = Acts.ELEMENTWISE, Acts.SCALAR
FUNCTIONS: dict[str, FunctionSpec] = dict(
    [
        _entry("exp", 1, E, _mp("exp"), "exp", r"\exp"),
        _entry("log", 1, E, _mp("log"), "log", r"\log"),
        _entry("sqrt", 1, E, _mp("sqrt"), "sqrt", r"\sqrt{{{0}}}"),
        _entry("sin", 1, E, _mp("sin"), "sin", r"\sin"),
        _entry("cos", 1, E, _mp("cos"), "cos", r"\cos"),
        _entry("tan", 1, E, _mp("tan"), "tan", r"\tan"),
        _entry("sec", 1, E, _mp("sec"), "sec", r"\sec"),
        _entry("csc", 1, E, _mp("csc"), "csc", r"\csc"),
        _entry("cot", 1, E, _mp("cot"), "cot", r"\cot"),
        _entry("asin", 1, E, _mp("asin"), "asin", r"\arcsin"),
        _entry("acos", 1, E, _mp("acos"), "acos", r"\arccos"),
        _entry("atan", 1, E, _mp("atan"), "atan", r"\arctan"),
        _entry("sinh", 1, E, _mp("sinh"), "sinh", r"\sinh"),
        _entry("cosh", 1, E, _mp("cosh"), "cosh", r"\cosh"),
        _entry("tanh", 1, E, _mp("tanh"), "tanh", r"\tanh"),
        _entry("asinh", 1, E, _mp("asinh"), "asinh", r"\operatorname{arsinh}"),
        _entry("acosh", 1, E, _mp("acosh"), "acosh", r"\operatorname{arcosh}"),
        _entry("atanh", 1, E, _mp("atanh"), "atanh", r"\operatorname{artanh}"),
        _entry("Abs", 1, E, lambda m, x: abs(x), "Abs", r"\left|{0}\right|"),
        _entry("conjugate", 1, E, _mp("conj"), "conjugate", r"\overline{{{0}}}"),
        _entry("re", 1, E, _mp("re"), "re", r"\operatorname{{Re}}"),
        _entry("im", 1, E, _mp("im"), "im", r"\operatorname{{Im}}"),
        _entry("sigma", 1, E, _sigma, "sigma", r"\sigma"),
        _entry("sigma_prime", 1, E, _sigma_prime, "sigma_prime", r"\sigma'"),
        _entry("binomial", 2, S, _mp("binomial"), "binomial", r"\binom{{{0}}}{{{1}}}"),
        _entry("factorial", 1, S, _mp("factorial"), "factorial", r"{0}!"),
        _entry("gamma", 1, S, _mp("gamma"), "gamma", r"\Gamma"),
        _entry("diag", 1, Acts.DIAG, None, "", r"\operatorname{{diag}}"),
        _entry("norm", 1, Acts.NORM, None, "", r"\left\lVert {0} \right\rVert"),
    ]
)
ALIASES = {"ln": "log", "abs": "Abs", "arcsin": "asin", "arccos": "acos", "arctan": "atan", "conj": "conjugate"}
CONSTANTS = ("pi", "E", "I", "e")  # `e` is Euler's number unless declared as a symbol
BOUNDED_ARGUMENT = 1e8  # larger arguments to exp/trig make the point unusable instead of slow


def canonical(name: str) -> str:
    return ALIASES.get(name, name)


def known(name: str) -> bool:
    return canonical(name) in FUNCTIONS

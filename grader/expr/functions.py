"""The registry of functions an answer may call: arity, how it acts on shapes, its numeric and
symbolic meaning, its domain and how it prints. One entry per function; aliases map to entries.

Each entry's `numeric` is its mpmath meaning (`(mp context, *scalar args) -> mp value`); another
evaluator adds its own column beside it (a float64 one, say) without touching the others.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable


class Acts(Enum):
    ELEMENTWISE = "elementwise"  # scalar function of its first argument, entry by entry; other arguments scalars
    SCALAR = "scalar"  # scalars only (binomial, factorial, Max, ...)
    DIAG = "diag"  # k x 1 vector -> k x k diagonal matrix; square matrix -> its diagonal
    NORM = "norm"  # Euclidean (Frobenius) norm -> scalar
    INVERSE = "inverse"  # square matrix -> its inverse (a scalar -> 1/x)
    DET = "det"  # square matrix -> scalar
    TRACE = "trace"  # square matrix -> scalar
    IDENTITY = "identity"  # a size (dimension name or whole number) -> identity matrix
    BINDS = "binds"  # summation/product(body, index, low, high): the index is bound in the body
    DERIVATIVE = "derivative"  # diff(body, symbol[, order])


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    arity: tuple[int, int | None]  # fewest and most arguments (None: any number)
    acts: Acts
    numeric: Callable | None  # (mp context, *scalar args) -> mp value, for ELEMENTWISE/SCALAR
    sympy_name: str  # attribute of sympy, or of grader.expr.sympy_build for custom functions
    latex: str  # LaTeX command, or a template with {0}, {1}, ...
    grows_fast: bool = False  # huge arguments are refused at a point (exp, trig reduction, gamma)
    informative_within: float | None = None  # |argument| beyond which the value is flat (saturated)
    real_only: bool = False  # undefined where an argument is not real (floor, Max, ...)
    opt_in: bool = False  # allowed only where a question's `functions:` names it (diff, Derivative)

    def arity_text(self) -> str:
        low, high = self.arity
        if high == low:
            return f"{low} argument{'s' * (low > 1)}"
        return f"at least {low} argument{'s' * (low > 1)}" if high is None else f"{low} to {high} arguments"


def _sigma(m, x):
    return 1 / (1 + m.exp(-x))


def _sigma_prime(m, x):
    """exp(-x)/(1 + exp(-x))**2 on the side where exp cannot overflow (it is even), so no cancellation."""
    t = m.exp(-x if m.re(x) >= 0 else x)
    return t / (1 + t) ** 2


def _log(m, x, base=None):
    return m.log(x) if base is None else m.log(x) / m.log(base)


def _root(m, x, n):
    """The principal n-th root x**(1/n), as sympy's root (root(-8, 3) is 1 + 1.732i, not -2)."""
    return m.power(x, 1 / n)


def _real(function):
    return lambda m, *args: function(m, *(m.re(a) for a in args))


_GROWS_FAST = {"exp", "sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "sech", "csch", "gamma",
               "factorial", "binomial"}
_SATURATES = {"sigma": 20.0, "sigma_prime": 20.0, "tanh": 20.0, "coth": 20.0, "exp": 40.0, "sinh": 40.0,
              "cosh": 40.0, "sech": 40.0, "csch": 40.0}
_REAL_ONLY = {"floor", "ceiling", "Max", "Min"}


def _entry(name, arity, acts, numeric, sympy_name, latex, opt_in=False):
    arity = (arity, arity) if isinstance(arity, int) else arity
    return name, FunctionSpec(name, arity, acts, numeric, sympy_name, latex, name in _GROWS_FAST,
                              _SATURATES.get(name), name in _REAL_ONLY, opt_in)


def _mp(attr):
    return lambda m, *args: getattr(m, attr)(*args)


E, S = Acts.ELEMENTWISE, Acts.SCALAR
_TRIG = ["sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh", "sech", "csch", "coth"]
_INVERSE_TRIG = {"asin": r"\arcsin", "acos": r"\arccos", "atan": r"\arctan", "acot": r"\operatorname{arccot}",
                 "asec": r"\operatorname{arcsec}", "acsc": r"\operatorname{arccsc}",
                 "asinh": r"\operatorname{arsinh}", "acosh": r"\operatorname{arcosh}",
                 "atanh": r"\operatorname{artanh}", "acoth": r"\operatorname{arcoth}",
                 "asech": r"\operatorname{arsech}", "acsch": r"\operatorname{arcsch}"}
_LATEX_TRIG = {"sech": r"\operatorname{sech}", "csch": r"\operatorname{csch}"}
FUNCTIONS: dict[str, FunctionSpec] = dict(
    [
        _entry("exp", 1, E, _mp("exp"), "exp", r"\exp"),
        _entry("log", (1, 2), E, _log, "log", r"\log"),
        _entry("sqrt", 1, E, _mp("sqrt"), "sqrt", r"\sqrt{{{0}}}"),
        _entry("root", 2, E, _root, "root", r"\sqrt[{1}]{{{0}}}"),
        *(_entry(name, 1, E, _mp(name), name, _LATEX_TRIG.get(name, "\\" + name)) for name in _TRIG),
        *(_entry(name, 1, E, _mp(name), name, latex) for name, latex in _INVERSE_TRIG.items()),
        _entry("Abs", 1, E, lambda m, x: abs(x), "Abs", r"\left|{0}\right|"),
        _entry("sign", 1, E, _mp("sign"), "sign", r"\operatorname{sign}"),
        _entry("floor", 1, E, _real(_mp("floor")), "floor", r"\left\lfloor {0} \right\rfloor"),
        _entry("ceiling", 1, E, _real(_mp("ceil")), "ceiling", r"\left\lceil {0} \right\rceil"),
        _entry("conjugate", 1, E, _mp("conj"), "conjugate", r"\overline{{{0}}}"),
        _entry("re", 1, E, _mp("re"), "re", r"\operatorname{{Re}}"),
        _entry("im", 1, E, _mp("im"), "im", r"\operatorname{{Im}}"),
        _entry("sigma", 1, E, _sigma, "sigma", r"\sigma"),
        _entry("sigma_prime", 1, E, _sigma_prime, "sigma_prime", r"\sigma'"),
        _entry("Max", (1, None), S, lambda m, *args: max(args), "Max", r"\max"),
        _entry("Min", (1, None), S, lambda m, *args: min(args), "Min", r"\min"),
        _entry("binomial", 2, S, _mp("binomial"), "binomial", r"\binom{{{0}}}{{{1}}}"),
        _entry("factorial", 1, S, _mp("factorial"), "factorial", r"{0}!"),
        _entry("gamma", 1, S, _mp("gamma"), "gamma", r"\Gamma"),
        _entry("summation", (4, 4), Acts.BINDS, None, "Sum", r"\sum_{{{1}={2}}}^{{{3}}} {0}"),
        _entry("product", (4, 4), Acts.BINDS, None, "Product", r"\prod_{{{1}={2}}}^{{{3}}} {0}"),
        _entry("diff", (2, 3), Acts.DERIVATIVE, None, "Derivative",
               r"\frac{{\mathrm{{d}}^{{{2}}}}}{{\mathrm{{d}}{1}^{{{2}}}}}\left({0}\right)", opt_in=True),
        _entry("diag", 1, Acts.DIAG, None, "", r"\operatorname{{diag}}"),
        _entry("norm", 1, Acts.NORM, None, "", r"\left\lVert {0} \right\rVert"),
        _entry("inv", 1, Acts.INVERSE, None, "Inverse", r"{{{0}}}^{{-1}}"),
        _entry("det", 1, Acts.DET, None, "Determinant", r"\det"),
        _entry("trace", 1, Acts.TRACE, None, "Trace", r"\operatorname{{tr}}"),
        _entry("Identity", 1, Acts.IDENTITY, None, "Identity", r"I_{{{0}}}"),
    ]
)
ALIASES = {"ln": "log", "abs": "Abs", "arcsin": "asin", "arccos": "acos", "arctan": "atan", "arccot": "acot",
           "arcsec": "asec", "arccsc": "acsc", "arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh",
           "arsinh": "asinh", "arcosh": "acosh", "artanh": "atanh", "arccoth": "acoth", "arcsech": "asech",
           "arccsch": "acsch", "conj": "conjugate", "ceil": "ceiling", "max": "Max", "min": "Min", "sum": "summation",
           "Sum": "summation", "Product": "product", "Derivative": "diff", "eye": "Identity", "Inverse": "inv",
           "tr": "trace", "Trace": "trace", "Determinant": "det"}
CONSTANTS = ("pi", "E", "I", "e")  # `e` is Euler's number unless declared as a symbol
BOUNDED_ARGUMENT = 1e8  # larger arguments to exp/trig make the point unusable instead of slow
DEFAULT_FUNCTIONS = frozenset(name for name, spec in FUNCTIONS.items() if not spec.opt_in)


def canonical(name: str) -> str:
    return ALIASES.get(name, name)


def known(name: str) -> bool:
    return canonical(name) in FUNCTIONS

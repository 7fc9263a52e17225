"""Are two expressions equal? Seeded high-precision sampling first (cheap, and decisive when it
finds a difference confirmed at growing precision), then a time-bounded symbolic proof. Both see
the normal forms of the two trees, and the draws are seeded from them, so that no verdict depends
on how an answer is spaced or ordered. Undecided is said, never hidden."""
from __future__ import annotations

import time

from grader.expr import canonical, clock, symbolic
from grader.expr.confirm import LADDER
from grader.expr.context import ExprContext
from grader.expr.nodes import Expr
from grader.expr.normal import digest, normal_form
from grader.expr.parser import parse
from grader.expr.sampling import HIGH_DPS, Sample, sample, show_value
from grader.expr.tolerance import NOISE_FLOOR
from grader.expr.shapes import show
from grader.expr.verdict import Verdict, VerdictStatus

SCALAR_POINTS, MATRIX_POINTS, FEWEST_POINTS = 24, 12, 6
CONFIRMING = ", ".join(map(str, LADDER[:-1])) + f" and {LADDER[-1]}"
SYMBOLIC_SHARE = 0.8  # of the time left after sampling


def equivalent(answer: Expr | str, reference: Expr | str, ctx: ExprContext, *, rtol: float = 1e-8,
               atol: float = 1e-12, seed: int | str = 0, time_limit_s: float = 2.0) -> Verdict:
    """Compare `answer` with `reference`. rtol = atol = 0 asks for exact equality (only rounding
    noise at 60 digits is forgiven); otherwise sampled values may differ within the tolerance."""
    start, cpu_start = time.perf_counter(), clock.now()
    answer = answer if isinstance(answer, Expr) else parse(answer, ctx)
    reference = reference if isinstance(reference, Expr) else parse(reference, ctx)

    def verdict(status: VerdictStatus, method: str, note: str, counterexample: dict | None = None) -> Verdict:
        return Verdict(status, method, time.perf_counter() - start, counterexample, note)

    if tuple(answer.shape) != tuple(reference.shape):
        return verdict(VerdictStatus.NOT_EQUAL, f"shapes differ: {show(answer.shape)} vs {show(reference.shape)}",
                       "shape_mismatch")
    varies = bool(answer.names | reference.names)
    wanted = (MATRIX_POINTS if answer.shape else SCALAR_POINTS) if varies else 1
    deadline = cpu_start + time_limit_s  # CPU seconds of this thread (grader.expr.clock)
    answer_tree, reference_tree = normal_form(answer.node), normal_form(reference.node)
    draws = draw_seed(seed, answer_tree, reference_tree)
    found = sample(answer_tree, reference_tree, ctx, wanted=wanted, seed=draws, rtol=rtol, atol=atol,
                   deadline=cpu_start + time_limit_s * 0.5)
    if found.counterexample is not None:
        return verdict(VerdictStatus.NOT_EQUAL, _differs(found.counterexample, ctx), "counterexample",
                       found.counterexample)
    undefined = _undefined_side(found, ctx)
    if undefined:
        method, note, counterexample = undefined
        return verdict(VerdictStatus.NOT_EQUAL, method, note, counterexample)
    sampled = found.agreed >= (FEWEST_POINTS if varies else 1)
    checked = _checked(found, rtol, atol, varies, ctx, answer.names | reference.names, bool(answer.shape))
    proof = None
    if canonical.proves_equal(answer_tree, reference_tree):
        proof = symbolic.Proof("equal", "canonical form")
    elif deadline - clock.now() > 0.05 and _sympy_may_prove(answer_tree, reference_tree):
        proof = symbolic.prove(answer.node, reference.node, ctx, (deadline - clock.now()) * SYMBOLIC_SHARE)
    if proof is not None and proof.status == "equal":
        also = f"; {checked}" if found.agreed else _cancelled(found)
        return verdict(VerdictStatus.EQUAL, f"proved equal symbolically ({proof.step}){also}", "proved_equal")
    exact = rtol == 0 and atol == 0
    if proof is not None and proof.status == "not_equal" and exact:  # under a tolerance, a constant gap may pass
        return verdict(VerdictStatus.NOT_EQUAL,
                       f"proved unequal symbolically: the difference is the constant {proof.difference}",
                       "proved_unequal")
    if sampled:
        return verdict(VerdictStatus.EQUAL, checked, "sampled_equal")
    return verdict(VerdictStatus.UNDECIDED, _undecided(found, proof, time_limit_s), "undecided")


# What sympy's matrix algebra knows beyond the canonical form (which expands sums, elementwise and
# matrix products, whole powers, transposes and the exp family): anywhere else in a matrix answer,
# sympy's matrix steps (its own canonical form, doit, expand) meet only where ours already met.
_MATRIX_ALGEBRA = frozenset({"matpow"})
_MATRIX_FUNCTIONS = frozenset({"inv", "det", "trace", "Identity", "diag", "norm", "summation", "product", "diff"})


def _sympy_may_prove(*trees) -> bool:
    """Whether a sympy proof can still change the verdict's wording once the canonical form failed:
    always for scalars; for matrices only where a tree uses what sympy's matrix algebra knows more of."""
    if not trees[0].shape:
        return True
    return any(node.op in _MATRIX_ALGEBRA or (node.op == "call" and node.value in _MATRIX_FUNCTIONS)
               or (node.op == "pow" and not node.args[1].op == "num") for tree in trees for node in tree.walk())


def draw_seed(seed: int | str, answer_tree, reference_tree) -> str:
    """The sampling seed: the caller's, mixed with both normal forms' keys (the trees, never their text)."""
    return f"{seed}\0{digest(answer_tree)}\0{digest(reference_tree)}"


def _undecided(found: Sample, proof, time_limit_s: float) -> str:
    if found.out_of_time and found.agreed < FEWEST_POINTS:
        sampled = f"sampling ran out of time ({time_limit_s:g} s) after {found.agreed} agreeing points"
    else:
        sampled = f"both sides could be evaluated at only {found.agreed} sampled points"
    if proof is None:
        proved = "no time was left for a symbolic proof"
    elif proof.status == "timeout":
        proved = "the symbolic proof ran out of time"
    else:
        proved = "no symbolic proof was found"
    return f"undecided: {sampled} and {proved}"


def _checked(found: Sample, rtol: float, atol: float, varies: bool, ctx: ExprContext, names: frozenset,
             matrix: bool) -> str:
    error = f"{found.worst_error:.1e}"
    if found.worst_error > NOISE_FLOOR and (rtol or atol):
        error += f", within rtol {rtol:g}" + (f" / atol {atol:g}" if atol else "")
    if not varies:
        return f"the constants agree to {HIGH_DPS} significant digits" if found.worst_error <= NOISE_FLOOR \
            else f"the constants differ by a relative {error}"
    sizes = sorted({size for name in names for size in ctx.symbols[name].shape if isinstance(size, str)})
    ranges = ", ".join(f"{size} in {ctx.dims[size].low}..{ctx.dims[size].high}" for size in sizes)
    at = f" with random sizes {ranges}" if ranges else ""
    measured = "each entry against the larger of itself and the matrix's root-mean-square entry" if matrix \
        else "relative"
    digits = f" at {HIGH_DPS} digits" if not found.in_double else (
        f": {found.agreed - found.in_double} at {HIGH_DPS} digits, {found.in_double} in double precision within its "
        "rounding bound")
    text = f"checked at {found.agreed} sampled points{at}{digits} (largest {measured} error {error})"
    return text + _cancelled(found)


def _cancelled(found: Sample) -> str:
    if not found.cancelled:
        return ""
    points = "point was" if found.cancelled == 1 else "points were"
    return (f"; {found.cancelled} {points} redrawn: the values there needed {found.cancelled_at} digits to agree "
            "(cancellation)")


def _differs(counterexample: dict, ctx: ExprContext) -> str:
    point, yours, expected = counterexample["point"], counterexample["answer_text"], counterexample["reference_text"]
    where = _point_text(point, ctx)
    entry = counterexample.get("entry")
    at = f" in entry ({entry[0] + 1}, {entry[1] + 1})" if entry is not None else ""
    where = f" at {where}" if where else ""
    return (f"differs{where}{at}: {yours} (answer) vs {expected} (reference), "
            f"confirmed at {CONFIRMING} digits")


def _undefined_side(found: Sample, ctx: ExprContext):
    """NOT_EQUAL when one side is undefined at many points where the other has a value."""
    if len(found.one_sided) < 2 and not (found.one_sided and not found.agreed):
        return None
    point, side, values = found.one_sided[0]
    other = "reference" if side == "answer" else "answer"
    value = values[other][1]
    shown = show_value(value) if not hasattr(value, "shape") else "defined"
    method = f"the {side} is undefined at {_point_text(point, ctx) or 'the point'}, where the {other} is {shown}"
    plain = {name: (v.tolist() if hasattr(v, "tolist") else v) for name, v in point.items()}
    return method, f"undefined_{side}", {"point": plain, side: None}


def _point_text(point: dict, ctx: ExprContext) -> str:
    matrices = any(isinstance(value, list) for value in point.values())
    scalars = [f"{name}={_number(value)}" for name, value in point.items()
               if not isinstance(value, list) and (matrices or name not in ctx.dims)]
    if matrices:
        scalars.append("random entries")
    return ", ".join(scalars)


def _number(value) -> str:
    if isinstance(value, complex):
        return _number(value.real) if value.imag == 0 else f"{value.real:.4g}{value.imag:+.4g}i"
    return f"{value:.4g}" if isinstance(value, float) else str(value)

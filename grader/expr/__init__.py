"""The expression engine: a safe parser, a numeric evaluator for scalar, vector and matrix
expressions, and an equivalence engine that proves or samples within a time bound."""
from grader.expr.calculus import differentiate
from grader.expr.context import ExprContext
from grader.expr.diagnose import diagnose
from grader.expr.equivalence import equivalent
from grader.expr.errors import ExprError
from grader.expr.nodes import Expr
from grader.expr.numeric import evaluate
from grader.expr.parser import parse
from grader.expr.points import draw_points
from grader.expr.printing import to_latex
from grader.expr.symbolic import warm_up
from grader.expr.verdict import Verdict, VerdictStatus

__all__ = ["ExprContext", "ExprError", "Expr", "parse", "equivalent", "Verdict", "VerdictStatus", "diagnose",
           "to_latex", "differentiate", "draw_points", "evaluate", "warm_up"]

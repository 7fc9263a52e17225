"""Wrong answers grouped so that answers equal to each other form one cluster.

Expression answers are parsed with the question's names; spellings with one normal form (terms
reordered, spacing, parentheses: normal.py) join at once, and other answers are compared with the
engine's `equivalent` only where they could be equal: same shape, and the same score and status
(equal answers are graded alike, as their verdicts depend only on the mathematics). Two answers
join only when the engine says EQUAL (proved, or agreeing at every sampled point), so an
undecided pair stays apart. Other answers (and expressions that do not parse) group by their
exact text. A class of 300 made 522 comparisons of 263 spellings before (7 s); see
benchmarks/class_report.py.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from grader.results import QuestionResult, Status

CLUSTERED = (Status.INCORRECT, Status.PARTIAL, Status.INVALID, Status.ERROR)
PAIR_TIME_LIMIT_S = 1.0


@dataclass(frozen=True)
class Cluster:
    texts: tuple[str, ...]  # the distinct spellings, most frequent first
    expression: object  # the parsed tree of the first spelling (an expr Node), or None
    submissions: tuple[str, ...]
    scores: tuple[float, ...]
    statuses: tuple[str, ...]  # distinct, most frequent first
    feedback: tuple[tuple[str, int], ...]  # distinct feedback with how often it was given

    @property
    def count(self) -> int:
        return len(self.submissions)


@dataclass
class _Group:
    expression: object
    shape: tuple
    members: list[tuple[str, QuestionResult]]  # (submission, result)


def cluster_answers(answers: list[tuple[str, QuestionResult]], question=None, env=None) -> tuple[Cluster, ...]:
    """Clusters of the wrong answers among `answers` ((submission, result) pairs), largest first."""
    by_text: dict[str, list[tuple[str, QuestionResult]]] = {}
    for submission, result in answers:
        if result.status in CLUSTERED and result.answer:
            by_text.setdefault(result.answer, []).append((submission, result))
    ordered = sorted(by_text.items(), key=lambda item: (-len(item[1]), item[0]))
    compare = _comparer(question, env)
    groups: list[_Group] = []
    by_form: dict[str, _Group] = {}  # normal form key -> its group
    for text, members in ordered:
        parsed = compare.parse(text) if compare else None
        home = None
        if parsed is not None:
            form = compare.form(parsed)
            grade = _grade(members)
            home = by_form.get(form) or next(
                (g for g in groups if g.expression is not None and g.shape == parsed.shape
                 and _grade(g.members) == grade and compare.equal(parsed, g.expression, text)), None)
        if home is None:
            home = _Group(parsed, parsed.shape if parsed is not None else (), list(members))
            groups.append(home)
        else:
            home.members.extend(members)
        if parsed is not None:
            by_form[form] = home
    clusters = [_cluster(group) for group in groups]
    return tuple(sorted(clusters, key=lambda c: -c.count))


def _grade(members: list[tuple[str, QuestionResult]]) -> tuple[float, Status]:
    """The score and status of a spelling's (or a group's first) submission."""
    result = members[0][1]
    return result.score, result.status


def parsed_answers(results: list[QuestionResult], question, env) -> dict[str, object]:
    """Answer text -> parsed tree, for the expression answers that parse (to show them as math)."""
    compare = _comparer(question, env)
    if not compare:
        return {}
    trees = {}
    for result in results:
        if result.answer and result.answer not in trees:
            parsed = compare.parse(result.answer)
            if parsed is not None:
                trees[result.answer] = parsed.node
    return trees


def _cluster(group: _Group) -> Cluster:
    texts = Counter(result.answer for _, result in group.members)
    statuses = Counter(result.status.value for _, result in group.members)
    feedback = Counter(result.feedback for _, result in group.members)
    return Cluster(
        tuple(text for text, _ in texts.most_common()),
        group.expression.node if group.expression is not None else None,
        tuple(submission for submission, _ in group.members),
        tuple(result.score for _, result in group.members),
        tuple(status for status, _ in statuses.most_common()),
        tuple(feedback.most_common()),
    )


class _Comparer:
    def __init__(self, question, env):
        self.question, self.env = question, env
        self.ctx = env.expr_context(question, answer=True)

    def parse(self, text: str):
        from grader.expr import ExprError
        from grader.expr.latex import read

        try:
            return read(text, self.ctx, self.question.latex_products)  # plain notation or LaTeX
        except ExprError:
            return None

    def form(self, parsed) -> str:
        from grader.expr.normal import key

        return key(parsed.node)

    def equal(self, a, b, text: str) -> bool:
        from grader.expr import VerdictStatus, equivalent

        verdict = equivalent(a, b, self.ctx, rtol=self.question.rtol, atol=self.question.atol,
                             seed=self.env.seed(self.question.id, text), time_limit_s=PAIR_TIME_LIMIT_S)
        return verdict.status is VerdictStatus.EQUAL


def _comparer(question, env) -> _Comparer | None:
    if question is None or env is None or question.kind != "expression":
        return None
    return _Comparer(question, env)

"""The class summary: totals and their distribution, run errors, times, and per question the score
histogram, status counts, which partial-credit rule or accepted alternative matched how often, the
clusters of wrong answers and the free-text answers to read."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from grader.results import Status, SubmissionResult
from grader.summary.clusters import Cluster, cluster_answers, parsed_answers
from grader.summary.stats import Bin, distribution, mean, median

_RULE = re.compile(r"^rule (\d+):")
_ACCEPTED = re.compile(r"^matched accepted value (\d+)\b")
MANUAL_METHODS = ("manual grading", "graded by hand")


@dataclass(frozen=True)
class Match:
    """A partial-credit rule or an accepted alternative, and the submissions it matched."""

    label: str  # "rule 1", "accepted value 2"
    detail: str  # the rule's expression and message, or the accepted value (from the spec)
    score: float | None
    submissions: tuple[str, ...]


@dataclass(frozen=True)
class TextAnswer:
    submission: str
    text: str
    feedback: str  # the sentence-count warning, or the TA's comment once merged
    score: float
    graded: bool


@dataclass(frozen=True)
class QuestionSummary:
    id: str
    title: str
    points: float
    kind: str  # "" when no spec was given
    visibility: str
    scores: tuple[float, ...]
    histogram: tuple[Bin, ...]
    statuses: tuple[tuple[str, int], ...]  # every status, in the order of Status, with its count
    matches: tuple[Match, ...]
    clusters: tuple[Cluster, ...]
    texts: tuple[TextAnswer, ...]

    @property
    def mean(self) -> float | None:
        return mean(list(self.scores))

    @property
    def manual(self) -> bool:
        return bool(self.texts) or self.kind == "text"


@dataclass(frozen=True)
class ClassSummary:
    assignment: str
    max_score: float
    results: tuple[SubmissionResult, ...]
    totals: tuple[float, ...]
    histogram: tuple[Bin, ...]
    errors: tuple[tuple[str, str], ...]  # (submission, message) for every run error
    seconds: tuple[float, ...]
    time_histogram: tuple[Bin, ...]
    questions: tuple[QuestionSummary, ...]
    expressions: dict  # (question id, answer text) -> parsed tree, for showing answers as math
    equivalence: bool  # whether wrong answers were clustered by equivalence (a spec was given)

    @property
    def mean(self) -> float | None:
        return mean(list(self.totals))

    @property
    def median(self) -> float | None:
        return median(list(self.totals))

    @property
    def seconds_median(self) -> float | None:
        return median(list(self.seconds))

    @property
    def seconds_max(self) -> float | None:
        return max(self.seconds, default=None)

    @property
    def flagged(self) -> tuple[str, ...]:
        """Submissions with a question the grader failed on or could not decide."""
        return tuple(r.submission for r in self.results if any(q.status is Status.ERROR for q in r.questions))


def summarize(assignment: str, max_score: float, results: list[SubmissionResult], spec=None) -> ClassSummary:
    """Everything the class report shows; with the spec, wrong expression answers are clustered by
    equivalence and rules are named by their text, without it by exact text and number."""
    from grader.check import CheckEnv

    results = tuple(results)
    env = CheckEnv(spec) if spec is not None else None
    declared = {q.id: q for q in spec.questions} if spec is not None else {}
    order: dict[str, None] = {}
    for result in results:
        for question in result.questions:
            order.setdefault(question.id, None)
    questions, expressions = [], {}
    for qid in order:
        summary, trees = _question(qid, results, declared.get(qid), env)
        questions.append(summary)
        expressions.update({(qid, text): tree for text, tree in trees.items()})
    totals = tuple(r.score for r in results)
    seconds = tuple(r.seconds for r in results)
    return ClassSummary(
        assignment, max_score, results, totals, distribution(list(totals), max_score),
        tuple((r.submission, e) for r in results for e in r.errors), seconds,
        distribution(list(seconds), max(seconds, default=1.0), most_bins=10), tuple(questions), expressions,
        env is not None,
    )


def _question(qid: str, results, question, env):
    answered = [(r.submission, q) for r in results for q in r.questions if q.id == qid]
    first = answered[0][1]
    points = float(question.points) if question is not None else first.max_score
    scores = tuple(q.score for _, q in answered)
    counts = Counter(q.status for _, q in answered)
    texts = tuple(TextAnswer(s, q.answer, q.feedback, q.score, q.method == "graded by hand")
                  for s, q in answered if q.method in MANUAL_METHODS)
    summary = QuestionSummary(
        qid, first.title, points, question.kind if question is not None else "", first.visibility, scores,
        distribution(list(scores), points, most_bins=10), tuple((status.value, counts.get(status, 0)) for status in Status),
        _matches(answered, question), cluster_answers(answered, question, env), texts,
    )
    return summary, parsed_answers([q for _, q in answered], question, env) if question is not None else {}


def _matches(answered, question) -> tuple[Match, ...]:
    """Per rule (expression questions) or accepted value (exact ones): the submissions it decided.
    With the spec every rule is listed, so a rule that never fired shows with none."""
    hits: dict[str, list[str]] = {}
    for submission, result in answered:
        label = matched_by(result.method)
        if label:
            hits.setdefault(label, []).append(submission)
    declared = _declared(question)
    labels = list(declared) + sorted(set(hits) - set(declared))
    return tuple(Match(label, *declared.get(label, ("", None)), tuple(hits.get(label, ()))) for label in labels)


def matched_by(method: str) -> str:
    """'rule 2' or 'accepted value 1' when a question's method names one (as the checks word it)."""
    rule = _RULE.match(method)
    if rule:
        return f"rule {rule.group(1)}"
    accepted = _ACCEPTED.match(method)
    return f"accepted value {accepted.group(1)}" if accepted else ""


def _declared(question) -> dict[str, tuple[str, float | None]]:
    if question is None:
        return {}
    found = {}
    for number, rule in enumerate(getattr(question, "rules", None) or (), start=1):
        if rule.equals is not None:
            what = f"equals {rule.equals}"
        elif rule.missing_one_of is not None:
            what = "missing one of " + ", ".join(rule.missing_one_of)
        else:
            what = "the right direction, not normalised"
        found[f"rule {number}"] = (f"{what}: {rule.message}", float(rule.score))
    for number, accepted in enumerate(getattr(question, "accept", None) or (), start=1):
        found[f"accepted value {number}"] = (f"{accepted.value!r}" + (f": {accepted.message}" if accepted.message else ""),
                                             float(accepted.score))
    return found

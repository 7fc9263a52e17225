"""The class at a glance, computed once from the results (and the spec, when given), for the renderers."""
from grader.summary.classview import ClassSummary, QuestionSummary, summarize

__all__ = ["ClassSummary", "QuestionSummary", "summarize"]

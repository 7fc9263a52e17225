"""`grader explain`: everything behind one verdict, for a TA answering a regrade request."""
from grader.explain.trace import Section, explain

__all__ = ["Section", "explain"]

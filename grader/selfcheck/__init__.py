"""Student self-check: a published file that tells students whether their answers will be graded
(and, where the instructor allows, whether they are right) without holding the reference."""
from grader.selfcheck.notebook import Checker

__all__ = ["Checker"]

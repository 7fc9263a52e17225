"""The assignment spec: YAML in, validated typed models out."""
from grader.spec.errors import ConfigError
from grader.spec.load import load_spec
from grader.spec.models import AssignmentSpec, QuestionBase

__all__ = ["AssignmentSpec", "ConfigError", "QuestionBase", "load_spec"]

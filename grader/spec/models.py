"""The YAML spec as typed, validated models: each key is declared once, here.

Validation and the JSON Schema for editors both come from these declarations.
"""
from __future__ import annotations

import keyword
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Visibility = Literal["visible", "hidden", "after_published"]
SelfCheck = Literal["format", "verify"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Defaults(_Strict):
    """Settings every question and run inherits unless it says otherwise."""

    time_limit_s: float = Field(10.0, gt=0, le=600, description="Wall and CPU time allowed to one run.")
    memory_mb: int = Field(1024, ge=64, le=65536, description="Address-space limit of one run.")
    visibility: Visibility = Field("visible", description="When students see a question's feedback.")
    self_check: SelfCheck = Field("format", description="What `grader check` may tell a student.")


class Rule(_Strict):
    """A known answer other than the reference, with its own score and message (tried in order)."""

    equals: str | None = Field(None, description="An expression; an answer equivalent to it matches.")
    missing_one_of: list[str] | None = Field(
        None, description="Terms of the reference; an answer equal to the reference less one of them matches."
    )
    same_direction: bool = Field(
        False, description="Matches an answer that is a positive multiple of the reference (not normalised)."
    )
    score: float = Field(..., ge=0, description="Points earned when the rule matches.")
    message: str = Field(..., min_length=1, description="Feedback; `{term}` names the missing term.")

    @model_validator(mode="after")
    def _one_test(self) -> "Rule":
        tests = [self.equals is not None, self.missing_one_of is not None, self.same_direction]
        if sum(tests) != 1:
            raise ValueError("a rule needs exactly one of `equals`, `missing_one_of`, `same_direction: true`")
        return self


class Accepted(_Strict):
    """Another accepted exact value, with its own score and message."""

    value: int | float | list[int]
    score: float = Field(..., ge=0)
    message: str = ""


class Derivative(_Strict):
    """A reference given as a derivative to take instead of typed out."""

    derivative_of: str
    by: str


class QuestionBase(_Strict):
    id: str = Field(..., min_length=1, description="Stable question id, e.g. `1b`.")
    title: str = Field("", description="Short title shown in reports.")
    prompt: str = Field("", description="The question, short.")
    answer: str = Field(..., description="The variable the submission sets.")
    points: float = Field(..., ge=0, description="Points the question is worth.")
    visibility: Visibility | None = Field(None, description="Overrides `defaults.visibility`.")
    self_check: SelfCheck | None = Field(None, description="Overrides `defaults.self_check`.")

    @field_validator("answer")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not value.isidentifier() or keyword.iskeyword(value):
            raise ValueError(f"`{value}` is not a Python variable name")
        return value

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value


class BooleanQuestion(QuestionBase):
    kind: Literal["boolean"]


class TextQuestion(QuestionBase):
    """Free text for the instructor to grade by hand; never auto-scored."""

    kind: Literal["text"]
    max_sentences: int | None = Field(None, ge=1, description="Warn when the answer runs longer.")


class ExpressionQuestion(QuestionBase):
    """A scalar, vector or matrix expression, compared by the equivalence engine."""

    kind: Literal["expression"]
    shape: list[str | int] | None = Field(None, description="Expected shape, e.g. [k, k]; none for a scalar.")
    names: list[str] | None = Field(None, description="Symbols the answer may use (default: all declared).")
    functions: list[str] | None = Field(None, description="Functions the answer may use (default: all).")
    require_functions: list[str] = Field(default_factory=list, description="Functions the answer must use.")
    forbid_functions: list[str] = Field(default_factory=list, description="Functions the answer must not use.")
    accept_transpose: bool = Field(False, description="Also accept the transpose (row or column form).")
    reference: str | Derivative | None = Field(None, description="Overrides the solution file's answer.")
    rules: list[Rule] = Field(default_factory=list)
    rtol: float = Field(0.0, ge=0, lt=1, description="Relative tolerance; 0 (the default) means exactly equal.")
    atol: float = Field(0.0, ge=0, description="Absolute tolerance; 0 (the default) means exactly equal.")


class IntegerQuestion(QuestionBase):
    """An exact integer; `count` also requires it to be non-negative."""

    kind: Literal["integer", "count"]
    accept_if: str | None = Field(
        None, description="A condition on the answer `n`, e.g. `floor((n + 2 - 9)/3) + 1 == 16`."
    )
    accept: list[Accepted] = Field(default_factory=list)


class NumberQuestion(QuestionBase):
    """A real number compared within a tolerance."""

    kind: Literal["number"]
    rtol: float = Field(1e-6, ge=0, lt=1)
    atol: float = Field(0.0, ge=0)
    accept: list[Accepted] = Field(default_factory=list)


class ShapeQuestion(QuestionBase):
    """A tuple of non-negative integers, e.g. the size of a feature map."""

    kind: Literal["shape"]
    accept: list[Accepted] = Field(default_factory=list)


class ChoiceQuestion(QuestionBase):
    """One of a fixed list of strings."""

    kind: Literal["choice"]
    choices: list[str] = Field(..., min_length=2)


Question = Annotated[
    Union[
        BooleanQuestion,
        TextQuestion,
        ExpressionQuestion,
        IntegerQuestion,
        NumberQuestion,
        ShapeQuestion,
        ChoiceQuestion,
    ],
    Field(discriminator="kind"),
]


class AssignmentSpec(_Strict):
    assignment: str = Field(..., min_length=1, description="The assignment's name, e.g. `week08`.")
    title: str = ""
    solution: str | None = Field(
        None, description="Reference solution, relative to the spec (default: ../solutions/<assignment>.py)."
    )
    defaults: Defaults = Field(default_factory=Defaults)
    symbols: dict[str, str | dict] = Field(default_factory=dict, description="Symbols shared by questions.")
    questions: list[Question] = Field(..., min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "AssignmentSpec":
        for attr in ("id", "answer"):
            seen: set[str] = set()
            for q in self.questions:
                value = getattr(q, attr)
                if value in seen:
                    raise ValueError(f"two questions share the {attr} `{value}`")
                seen.add(value)
        return self

    def visibility(self, question: QuestionBase) -> str:
        return question.visibility or self.defaults.visibility

    def self_check(self, question: QuestionBase) -> str:
        return question.self_check or self.defaults.self_check

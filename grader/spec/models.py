"""The YAML spec as typed, validated models: each key is declared once, here.

Validation and the JSON Schema for editors both come from these declarations.
"""
from __future__ import annotations

import keyword
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

Visibility = Literal["visible", "hidden", "after_published"]
SelfCheck = Literal["format", "verify"]
Diagnose = Literal[False, "terms", "full"]
Symbols = dict[str, Union[str, dict]]
SYMBOLS_HELP = (
    "name: domain (real, positive, nonnegative, negative, integer, complex), or a mapping with "
    "`domain`, `interval: [low, high]`, `shape: [rows, cols]` (dims or ints), or `dim: 3..6` for a size."
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Defaults(_Strict):
    """Settings every question and run inherits unless it says otherwise."""

    time_limit_s: float = Field(10.0, gt=0, le=600, description="Wall and CPU time allowed to one run.")
    memory_mb: int = Field(1024, ge=64, le=65536, description="Address-space limit of one run.")
    visibility: Visibility = Field("visible", description="When students see a question's feedback.")
    self_check: SelfCheck = Field("format", description="What `grader check` may tell a student.")
    diagnose: Diagnose = Field(
        "full", description="What a wrong expression or array answer is told: false, terms or full (see README)."
    )


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


class AcceptedArray(_Strict):
    """Another accepted array (compared within the question's tolerance), with its own score and message."""

    value: list[float] | list[list[float]]
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
    symbols: Symbols = Field(
        default_factory=dict,
        description="Symbols of this question only, declared or overriding the assignment's. " + SYMBOLS_HELP,
    )
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
    diagnose: Diagnose | None = Field(None, description="Overrides `defaults.diagnose`.")
    latex_products: dict[Literal["cdot", "times", "juxtaposition"], Literal["shape", "elementwise", "dot", "jacobian"]] = Field(
        default_factory=dict,
        description="How a LaTeX answer's \\cdot, \\times and juxtaposition read (default `shape`; see grader/expr/latex).",
    )


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


class ArrayQuestion(QuestionBase):
    """A vector or matrix of numbers, compared entry by entry within a tolerance."""

    kind: Literal["array"]
    shape: list[int] | None = Field(
        None, description="Expected shape, e.g. [2, 2] or [3] (checked against the reference); default: the reference's."
    )
    accept_transpose: bool = Field(False, description="Also accept the transpose of a matrix.")
    rtol: float = Field(1e-6, ge=0, lt=1, description="Relative tolerance per entry.")
    atol: float = Field(1e-9, ge=0, description="Absolute tolerance per entry (so an exact 0 forgives rounding).")
    accept: list[AcceptedArray] = Field(default_factory=list)
    diagnose: Diagnose | None = Field(None, description="Overrides `defaults.diagnose`.")

    @field_validator("shape")
    @classmethod
    def _sizes(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and not (1 <= len(value) <= 2 and all(size >= 1 for size in value)):
            raise ValueError("an array shape is [n] or [rows, cols] of positive sizes")
        return value


class Choice(_Strict):
    """A choice with other spellings that count as it."""

    choice: str = Field(..., min_length=1)
    aliases: list[str] = Field(default_factory=list, description="Other spellings accepted as this choice.")


class ChoiceQuestion(QuestionBase):
    """One of a fixed list of choices."""

    kind: Literal["choice"]
    case_sensitive: bool = Field(False, description="Whether `relu` and `ReLU` are different answers.")
    choices: list[str | Choice] = Field(..., min_length=2, description="Each a string or {choice, aliases}.")

    @property
    def options(self) -> dict[str, list[str]]:
        """Each choice with its aliases."""
        return _options(self.choices)

    @field_validator("choices")
    @classmethod
    def _distinct(cls, choices: list, info: ValidationInfo) -> list:
        seen: dict[str, str] = {}
        for choice, aliases in _options(choices).items():
            for spelling in (choice, *aliases):
                key = spelling.strip() if info.data.get("case_sensitive") else spelling.strip().casefold()
                if key in seen:
                    raise ValueError(f"`{spelling}` names two choices (`{seen[key]}` and `{choice}`)"
                                     if seen[key] != choice else f"`{spelling}` is given twice for `{choice}`")
                seen[key] = choice
        return choices


def _options(choices: list) -> dict[str, list[str]]:
    return {(c if isinstance(c, str) else c.choice): ([] if isinstance(c, str) else list(c.aliases)) for c in choices}


Question = Annotated[
    Union[
        BooleanQuestion,
        TextQuestion,
        ExpressionQuestion,
        IntegerQuestion,
        NumberQuestion,
        ShapeQuestion,
        ArrayQuestion,
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
    symbols: Symbols = Field(
        default_factory=dict, description="Symbols shared by the questions (each may override them). " + SYMBOLS_HELP
    )
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

    def diagnose(self, question: QuestionBase) -> Diagnose:
        own = getattr(question, "diagnose", None)
        return self.defaults.diagnose if own is None else own

"""The student-side check file (`week08.check.json`): declared once here, validated on load.

It holds what a student may know (ids, answer names, kinds, points, expected shapes of
expression answers, allowed names) and, for `verify` questions, a fingerprint that can
recognise a right answer without containing it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from grader.distribution import NAME, installed_version
from grader.expr.points import POINTS_VERSION

FORMAT = "grader-check/2"  # bump when a field changes meaning, or a reader of the old format would misread it


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SlowHashes(_Frozen):
    """scrypt digests (salted per question) of the canonical text of every full-marks value."""

    method: Literal["scrypt"] = "scrypt"
    salt: str = Field(..., description="Hex salt, drawn per question at publish time.")
    n: int
    r: int
    p: int
    digests: list[str] = Field(..., description="Hex digests, sorted, so their order tells nothing.")


class PointValues(_Frozen):
    """Values of every full-marks expression at points drawn from `seed`; no expression text."""

    method: Literal["points"] = "points"
    seed: int
    draw: int = Field(..., description="Points drawn; `use` lists those where the reference is finite.")
    drawing: str = Field(..., description="Digest of the drawn points (fingerprint.drawing_digest).")
    use: list[int]
    rtol: float
    atol: float
    targets: list[list[object]] = Field(..., description="Per full-marks expression, its value at each used point.")


Fingerprint = Annotated[Union[SlowHashes, PointValues], Field(discriminator="method")]


class ExpressionForm(_Frozen):
    """What an expression answer must look like (shape as declared, names and functions allowed)."""

    shape: list[str | int] | None
    symbols: dict[str, str | dict] = Field({}, description="The question's own symbols, over the file's.")
    names: list[str] | None
    functions: list[str] | None
    require_functions: list[str] = []
    forbid_functions: list[str] = []
    accept_transpose: bool = False
    latex_products: dict[str, str] = {}


class ArrayForm(_Frozen):
    """The shape an array answer must have (a vector in any orientation), and whether its transpose counts."""

    shape: list[int]
    accept_transpose: bool = False


class PublishedQuestion(_Frozen):
    id: str
    title: str = ""
    prompt: str = ""
    answer: str
    kind: str
    points: float
    verify: bool = Field(False, description="Whether `check` may say right or not yet right.")
    expression: ExpressionForm | None = None
    choices: list[str] | None = None
    choice_aliases: dict[str, list[str]] | None = Field(None, description="Each choice with its other spellings.")
    case_sensitive: bool = False
    array: ArrayForm | None = None
    max_sentences: int | None = None
    fingerprint: Fingerprint | None = None


class CheckFile(_Frozen):
    format: Literal["grader-check/2"] = FORMAT
    points_version: int = Field(POINTS_VERSION, description="How expression fingerprints' points were drawn.")
    written_by: str = Field(..., description="The distribution and version that wrote it, e.g. 'mathgrader 0.2.0'.")
    numpy_version: str = Field(..., description="numpy where it was written: the points are drawn with numpy's generator.")
    assignment: str
    title: str = ""
    time_limit_s: float
    memory_mb: int
    symbols: dict[str, str | dict]
    questions: list[PublishedQuestion]

    def question(self, question_id: str) -> PublishedQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise KeyError(f"no question {question_id!r} in {self.assignment}; the questions are {known}")


class CheckFileError(ValueError):
    """The check file is missing or not one that `grader publish` wrote."""


def writer() -> str:
    return f"{NAME} {installed_version()}"


def load_check_file(path: Path) -> CheckFile:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        _readable(path, data)
        check_file = CheckFile.model_validate(data)
        _same_points(path, check_file)
        return check_file
    except CheckFileError:
        raise
    except OSError as exc:
        raise CheckFileError(f"{path}: cannot read it ({exc.strerror})") from None
    except ValueError as exc:  # bad JSON, or a ValidationError (a ValueError) naming the field
        summary = _first_error(exc) if isinstance(exc, ValidationError) else str(exc)
        raise CheckFileError(f"{path}: not a check file written by `grader publish` ({summary})") from None


def _readable(path: Path, data: object) -> None:
    """Refuse a file of another format or point drawing, naming the version that reads it: read with
    the wrong points, right answers would be called wrong."""
    if type(data) is not dict or type(data.get("format")) is not str or not data["format"].startswith("grader-check/"):
        return  # not a check file at all: validation says what is wrong
    theirs = (data["format"], data.get("points_version", 1))
    if theirs == (FORMAT, POINTS_VERSION):
        return
    written_by = data.get("written_by")
    version = written_by.rpartition(" ")[2] if type(written_by) is str else ""
    install = (f'install the version that wrote it: pip install "{NAME}=={version}"'
               if version and version != "unknown" and version[:1].isdigit()
               else f"ask your instructor which {NAME} version wrote it, or for a file published with {writer()}")
    raise CheckFileError(
        f"{path}: this check file is format {theirs[0]} with point drawing {theirs[1]}"
        f"{f', written by {written_by}' if type(written_by) is str else ''}; this checker ({writer()}) reads format "
        f"{FORMAT} with point drawing {POINTS_VERSION}. To check with it, {install}.")


def _same_points(path: Path, check_file: CheckFile) -> None:
    """Refuse a file whose expression fingerprints were made at points this checker does not draw."""
    import numpy

    from grader.selfcheck.fingerprint import draws_the_same_points

    if draws_the_same_points(check_file):
        return
    theirs = check_file.numpy_version
    install = (f'install that numpy: pip install "numpy=={theirs}"' if theirs != numpy.__version__
               else f'install the version that wrote it: pip install "{check_file.written_by.replace(" ", "==")}"')
    raise CheckFileError(
        f"{path}: this checker draws other sample points than the one that wrote the file (numpy "
        f"{numpy.__version__} here, {theirs} there), so it would misjudge expression answers. To check with it, "
        f"{install}.")


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else error["msg"]

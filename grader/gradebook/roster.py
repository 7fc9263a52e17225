"""Students matched to submission files, for the LMS exports.

The roster is a CSV with a `name` column and any of `id` (the LMS's user id), `sis_user_id`,
`sis_login_id`, `email`, `username`, `section` and `pattern`. A student's submission is the file whose
name matches their `pattern` (shell-style, e.g. `*alice*`; several separated by `;`), or, without a
pattern, the file whose name contains one of their ids (or the part of their email before the @) as a
whole word. A submission that matches no student, or more than one, and a student with two
submissions are refused, each named, before anything is written.
"""
from __future__ import annotations

import csv
import fnmatch
import io
import re
from dataclasses import dataclass
from pathlib import PurePath

from grader.gradebook.report_file import ReportError
from grader.results import SubmissionResult

IDENTIFIERS = ("id", "sis_user_id", "sis_login_id", "email", "username")


@dataclass(frozen=True)
class Student:
    name: str
    id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    email: str = ""
    username: str = ""
    section: str = ""
    pattern: str = ""

    def keys(self) -> set[str]:
        """The words of a file name that identify this student."""
        found = {getattr(self, field).strip().lower() for field in IDENTIFIERS}
        if self.email:
            found.add(self.email.split("@", 1)[0].strip().lower())
        return {key for key in found if key}

    def matches(self, submission: str) -> bool:
        file_name = PurePath(submission).name
        if self.pattern.strip():
            return any(fnmatch.fnmatch(file_name, p.strip()) or fnmatch.fnmatch(submission, p.strip())
                       for p in self.pattern.split(";") if p.strip())
        stem = PurePath(file_name).stem.lower()
        words = {stem, *re.split(r"[^a-z0-9@.]+", stem), *re.split(r"[^a-z0-9]+", stem)}
        return bool(self.keys() & words)


@dataclass(frozen=True)
class Enrolment:
    student: Student
    result: SubmissionResult | None  # None: the student has no submission


def load_roster(text: str, source: str) -> list[Student]:
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "name" not in rows[0]:
        raise ReportError(f"{source}: a roster needs a header with `name` and an id or a `pattern` column")
    fields = set(Student.__dataclass_fields__)
    students = []
    for number, row in enumerate(rows, start=2):
        values = {key.strip(): (value or "").strip() for key, value in row.items() if key and key.strip() in fields}
        student = Student(**values)
        if not student.name:
            raise ReportError(f"{source} row {number}: the name is empty")
        if not student.keys() and not student.pattern:
            raise ReportError(f"{source} row {number} ({student.name}): no id, email, username or pattern to "
                              "find the submission by")
        students.append(student)
    return students


def enrol(students: list[Student], results: tuple[SubmissionResult, ...], source: str) -> list[Enrolment]:
    """Each student with their one submission (or none), in roster order."""
    problems, owner = [], {}
    for result in results:
        matching = [s for s in students if s.matches(result.submission)]
        if not matching:
            problems.append(f"{result.submission}: matches no student in {source}")
        elif len(matching) > 1:
            problems.append(f"{result.submission}: matches several students in {source}: "
                            + ", ".join(s.name for s in matching))
        else:
            owner.setdefault(matching[0], []).append(result)
    for student, submitted in owner.items():
        if len(submitted) > 1:
            problems.append(f"{student.name} ({source}) has {len(submitted)} submissions: "
                            + ", ".join(r.submission for r in submitted))
    if problems:
        raise ReportError("\n".join(problems))
    return [Enrolment(s, owner[s][0] if s in owner else None) for s in students]

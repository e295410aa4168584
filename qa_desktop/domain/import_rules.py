"""The rules of the historic audit import (CSV kept in spreadsheets before QA Desktop).

A header row; columns ``audit_ref``, ``case_ref``, ``team``, ``completed_on`` (YYYY-MM-DD),
``overall_grade``; optional ``form``, ``auditor``, ``practitioner``, ``audit_type``; one
``grade:<section id>`` column per practice area; one column per question named by its id with
``yes``, ``partly``, ``no``, ``na`` or blank. Grades as words or O/G/RI/I, any case.

This module checks a file's rows against the forms and says what is wrong where (row and
column, counting the header as row 1, as a spreadsheet does). It never stops at the first
problem: a person fixes a file once, not once per error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.forms import AnswerType, FormDefinition
from qa_desktop.domain.grades import Grade

REQUIRED = ("audit_ref", "case_ref", "team", "completed_on", "overall_grade")
OPTIONAL = ("form", "auditor", "practitioner", "audit_type")
GRADE_PREFIX = "grade:"
DEFAULT_FORM = "learning-audit"
MAX_REFERENCE = 20
MAX_PROBLEMS = 1000  # a file this wrong is the wrong file: stop listing


@dataclass(frozen=True)
class ImportProblem:
    row: int  # 1 is the header
    column: str  # "" when the problem is the whole row or file
    message: str

    def line(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


Problem = Callable[[str, str], None]  # problem(column, message): one found in the current row


@dataclass(frozen=True)
class ImportedAudit:
    row: int
    audit_ref: str
    case_ref: str
    team: str
    completed_on: date
    overall_grade: Grade | None
    form_key: str
    auditor: str
    practitioner: str
    audit_type: AuditType
    section_grades: tuple[tuple[str, Grade], ...] = ()
    answers: tuple[tuple[str, Answer], ...] = ()


@dataclass(frozen=True)
class Layout:
    """Where each column of a file is, once the header has been checked."""

    fixed: Mapping[str, int]
    grades: Mapping[str, int]  # section id -> column index
    questions: Mapping[str, int]  # question id -> column index
    width: int


@dataclass
class CheckedFile:
    audits: list[ImportedAudit] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def _clean(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip()


def check_header(
    header: Sequence[str], forms: Mapping[str, FormDefinition]
) -> tuple[Layout | None, list[ImportProblem]]:
    """The layout of a header row, or the problems with it (each naming its column)."""
    problems: list[ImportProblem] = []
    names = [_clean(h) for h in header]
    questions = {q.id for f in forms.values() for q in f.questions()}
    sections = {s.id for f in forms.values() for s in f.graded_sections()}
    fixed: dict[str, int] = {}
    grades: dict[str, int] = {}
    answers: dict[str, int] = {}
    seen: set[str] = set()
    for index, name in enumerate(names):
        label = name or f"(column {index + 1})"
        if not name:
            problems.append(ImportProblem(1, label, "a column has no name"))
            continue
        lowered = name.lower()
        if lowered in seen:
            problems.append(ImportProblem(1, name, "this column appears twice"))
            continue
        seen.add(lowered)
        if lowered in REQUIRED or lowered in OPTIONAL:
            fixed[lowered] = index
        elif lowered.startswith(GRADE_PREFIX):
            section = name[len(GRADE_PREFIX) :].strip()
            if section not in sections:
                problems.append(
                    ImportProblem(
                        1, name, f"'{section}' is not a graded section of any form in this store"
                    )
                )
            else:
                grades[section] = index
        elif name in questions:
            answers[name] = index
        else:
            problems.append(
                ImportProblem(
                    1,
                    name,
                    "unknown column: not one of "
                    + ", ".join(REQUIRED + OPTIONAL)
                    + ", a grade:<section> column or a question id of a form in this store",
                )
            )
    for name in REQUIRED:
        if name not in fixed:
            problems.append(ImportProblem(1, name, "this required column is missing"))
    if problems:
        return None, problems
    return Layout(fixed, grades, answers, len(names)), []


def check_rows(
    rows: Iterable[tuple[int, Sequence[str]]],
    layout: Layout,
    forms: Mapping[str, FormDefinition],
    today: date,
) -> CheckedFile:
    """Read every data row (with its row number), collecting audits and problems."""
    result = CheckedFile()
    titles = {f.title.lower(): key for key, f in forms.items()}
    references: dict[str, int] = {}
    form_questions = {
        key: {q.id: q for q in f.questions() if q.answer_type is AnswerType.YES_NO}
        for key, f in forms.items()
    }
    form_sections = {key: {s.id for s in f.graded_sections()} for key, f in forms.items()}
    # A file holds a handful of distinct answer texts over hundreds of thousands of cells:
    # each is parsed once (to its answer, or to the problem it is).
    parsed: dict[str, Answer | str] = {}
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue  # spreadsheets leave empty lines at the end
        problems: list[ImportProblem] = []

        def cell(name: str, cells: Sequence[str] = cells) -> str:
            index = layout.fixed.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        def problem(
            column: str,
            message: str,
            problems: list[ImportProblem] = problems,
            number: int = number,
        ) -> None:
            problems.append(ImportProblem(number, column, message))

        if len(cells) > layout.width:
            problem("", f"{len(cells)} cells, but the header names {layout.width} columns")
        for name in REQUIRED:
            if name != "overall_grade" and not cell(name):
                problem(name, "this cell is empty")
        reference = cell("audit_ref")
        if len(reference) > MAX_REFERENCE:
            problem("audit_ref", f"longer than {MAX_REFERENCE} characters")
        elif reference:
            if reference.lower() in references:
                problem(
                    "audit_ref", f"the same reference is on row {references[reference.lower()]}"
                )
            else:
                references[reference.lower()] = number
        completed = _parse_date(cell("completed_on"), today, problem)
        overall = _parse_grade(cell("overall_grade"), "overall_grade", problem)
        form_text = cell("form") or DEFAULT_FORM
        form_key = form_text if form_text in forms else titles.get(form_text.lower())
        if form_key is None:
            problem("form", f"'{form_text}' is not a form in this store")
        elif forms[form_key].has_overall and not cell("overall_grade"):
            problem("overall_grade", "this cell is empty")
        audit_type = AuditType.ROUTINE
        if cell("audit_type"):
            try:
                audit_type = _audit_type(cell("audit_type"))
            except ValueError as exc:
                problem("audit_type", str(exc))
        section_grades: list[tuple[str, Grade]] = []
        for section, index in layout.grades.items():
            text = cells[index].strip() if index < len(cells) else ""
            if not text:
                continue
            grade = _parse_grade(text, GRADE_PREFIX + section, problem)
            if form_key is not None and section not in form_sections[form_key]:
                problem(GRADE_PREFIX + section, f"{forms[form_key].title} has no graded {section}")
            elif grade is not None:
                section_grades.append((section, grade))
        answers: list[tuple[str, Answer]] = []
        asked = form_questions[form_key] if form_key is not None else {}
        width = len(cells)
        for question_id, index in layout.questions.items():
            text = cells[index].strip() if index < width else ""
            if not text:
                continue  # unanswered
            answer = parsed.get(text)
            if answer is None:
                answer = parsed[text] = _parse_answer(text)
            if not isinstance(answer, Answer):  # (an answer is text too: ask the other way)
                problem(question_id, answer)
                continue
            if form_key is None:
                continue
            question = asked.get(question_id)
            if question is None:
                problem(question_id, f"{forms[form_key].title} does not ask {question_id}")
            elif answer is Answer.NA and not question.na_allowed:
                problem(question_id, "N/A is not allowed for this question")
            else:
                answers.append((question_id, answer))
        if problems:
            result.problems.extend(problems)
        elif completed is not None and form_key is not None:
            result.audits.append(
                ImportedAudit(
                    row=number,
                    audit_ref=reference,
                    case_ref=cell("case_ref"),
                    team=cell("team"),
                    completed_on=completed,
                    overall_grade=overall,
                    form_key=form_key,
                    auditor=cell("auditor"),
                    practitioner=cell("practitioner"),
                    audit_type=audit_type,
                    section_grades=tuple(section_grades),
                    answers=tuple(answers),
                )
            )
        if len(result.problems) >= MAX_PROBLEMS:
            result.problems.append(
                ImportProblem(number, "", f"more than {MAX_PROBLEMS} problems: stopped reading")
            )
            break
    return result


def _parse_answer(text: str) -> Answer | str:
    """The answer a cell holds, or what is wrong with it."""
    try:
        return Answer.parse(text)
    except ValueError as exc:
        return str(exc)


def _parse_date(text: str, today: date, problem: Problem) -> date | None:
    if not text:
        return None
    try:
        value = date.fromisoformat(text)
        if len(text) != 10:
            raise ValueError(text)
    except ValueError:
        problem("completed_on", f"'{text}' is not a date written YYYY-MM-DD")
        return None
    if value > today:
        problem("completed_on", f"{text} is in the future")
        return None
    return value


def _parse_grade(text: str, column: str, problem: Problem) -> Grade | None:
    if not text:
        return None
    try:
        return Grade.parse(text)
    except ValueError as exc:
        problem(column, str(exc))
        return None


def _audit_type(text: str) -> AuditType:
    key = text.strip().lower()
    for kind in AuditType:
        if key in (kind.value, kind.value.replace("_", " "), kind.label.lower()):
            return kind
    raise ValueError(
        f"'{text}' is not an audit type (use one of " + ", ".join(k.value for k in AuditType) + ")"
    )

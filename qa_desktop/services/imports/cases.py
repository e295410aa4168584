"""Importing the open cases from the case-recording system's CSV export.

Columns (any order, header row first): ``case_ref, initials, age, legal_status, team,
practitioner``; age is a number of years or ``unborn``. A byte-order mark and any line endings
are accepted. The whole file is checked before anything changes: a file with errors changes
nothing, and every error names its row and column.

A re-import updates the cases it lists and closes the open cases it no longer lists; their
audits are never touched.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from qa_desktop.domain.forms import LegalStatus
from qa_desktop.domain.roles import Capability
from qa_desktop.errors import Translate, ValidationError
from qa_desktop.services.actors import Caller, require
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

COLUMNS = ("case_ref", "initials", "age", "legal_status", "team", "practitioner")
MAX_AGE = 25
MAX_PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (row as numbered in a spreadsheet, column) and
    what, as a message template with its values."""

    row: int
    column: str
    template: str
    params: Mapping[str, Any]

    def render(self, translate: Translate) -> str:
        where = translate("Row {row}, column {column}: ").format(row=self.row, column=self.column)
        return where + translate(self.template).format(**self.params)


class CaseListError(ValidationError):
    """The case list cannot be imported; nothing has been changed."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "The case list {file} has {count} problem(s), so nothing has been changed:\n{details}",
            file=file,
            count=len(problems),
        )

    def render(self, translate: Translate = lambda text: text) -> str:
        shown = [p.render(translate) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            shown.append(
                translate("… and {more} more.").format(more=len(self.problems) - MAX_PROBLEMS_SHOWN)
            )
        return translate(self.template).format(**{**self.params, "details": "\n".join(shown)})


@dataclass(frozen=True)
class CaseRow:
    """One valid row of the file."""

    row: int
    reference: str
    initials: str
    age_years: int | None
    unborn: bool
    legal_status: LegalStatus
    team_id: str
    practitioner_id: str | None


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    closed: int
    unchanged: int

    @property
    def listed(self) -> int:
        return self.added + self.updated + self.unchanged


def decode(data: bytes, file: str) -> str:
    """The file's text: UTF-8 with or without a byte-order mark, any line endings."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "The case list {file} is not UTF-8 text (byte {position}). Export it again as "
            "CSV UTF-8; nothing has been changed.",
            file=file,
            position=exc.start + 1,
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _status(text: str) -> LegalStatus | None:
    key = text.strip().lower()
    for status in LegalStatus:
        if key in (status.value, status.label.lower(), status.value.replace("_", " ")):
            return status
    return None


def parse_case_list(
    data: bytes,
    file: str,
    teams: Mapping[str, str],
    practitioners: Mapping[str, str],
) -> list[CaseRow]:
    """The rows of a case list, checked; :class:`CaseListError` lists every problem.

    ``teams`` and ``practitioners`` map lower-case names to ids.
    """
    text = decode(data, file)
    if not text.strip():
        raise ValidationError(
            "The case list {file} is empty. Export the open cases again (the first row names "
            "the columns: {columns}); nothing has been changed.",
            file=file,
            columns=", ".join(COLUMNS),
        )
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CaseListError(
            file,
            [
                Problem(
                    1,
                    c,
                    "this column is missing (the columns are {columns}).",
                    {"columns": ", ".join(COLUMNS)},
                )
                for c in missing
            ],
        )
    where = {name: header.index(name) for name in COLUMNS}
    problems: list[Problem] = []
    rows: list[CaseRow] = []
    first_seen: dict[str, int] = {}
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        cells = {name: (record[i].strip() if i < len(record) else "") for name, i in where.items()}
        before = len(problems)

        def problem(column: str, template: str, **params: Any) -> None:
            problems.append(Problem(number, column, template, params))  # noqa: B023

        reference = cells["case_ref"]
        if not reference:
            problem("case_ref", "the case reference is empty.")
        elif len(reference) > 40:
            problem("case_ref", "the case reference is longer than 40 characters.")
        elif reference.upper() in first_seen:
            problem(
                "case_ref",
                "{reference} is listed twice (first on row {first}).",
                reference=reference,
                first=first_seen[reference.upper()],
            )
        else:
            first_seen[reference.upper()] = number
        initials = cells["initials"]
        if not initials or len(initials) > 8:
            problem("initials", "give the child's initials (1 to 8 characters).")
        age_text = cells["age"].lower()
        age: int | None = None
        unborn = age_text == "unborn"
        if not unborn:
            if age_text.isdigit() and int(age_text) <= MAX_AGE:
                age = int(age_text)
            else:
                problem(
                    "age",
                    "'{value}' is not an age: give a number of years (0 to {max}) or 'unborn'.",
                    value=cells["age"],
                    max=MAX_AGE,
                )
        status = _status(cells["legal_status"])
        if status is None:
            problem(
                "legal_status",
                "'{value}' is not a legal status (use one of: {choices}).",
                value=cells["legal_status"],
                choices=", ".join(s.value for s in LegalStatus),
            )
        team_id = teams.get(cells["team"].lower())
        if team_id is None:
            problem(
                "team",
                "there is no team called '{value}' in this store.",
                value=cells["team"],
            )
        practitioner_id: str | None = None
        if cells["practitioner"]:
            practitioner_id = practitioners.get(cells["practitioner"].lower())
            if practitioner_id is None:
                problem(
                    "practitioner",
                    "there is no person called '{value}' in this store.",
                    value=cells["practitioner"],
                )
        if len(problems) == before:
            assert status is not None and team_id is not None
            rows.append(
                CaseRow(
                    number,
                    reference,
                    initials.upper(),
                    age,
                    unborn,
                    status,
                    team_id,
                    practitioner_id,
                )
            )
    if problems:
        raise CaseListError(file, problems)
    if not rows:
        raise ValidationError(
            "The case list {file} has its header row but no cases. Export the open cases "
            "again; nothing has been changed.",
            file=file,
        )
    return rows


class CaseImportService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    @writes(Change.CASES)
    def import_file(self, path: Path, actor: Caller) -> ImportSummary:
        _may_import(actor)  # before the file is read: a refusal says so, not "cannot be read"
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(
                "The case list {file} cannot be read ({reason}).",
                file=str(path),
                reason=exc.strerror or type(exc).__name__,
            ) from exc
        return self.import_bytes(data, path.name, actor)

    @writes(Change.CASES)
    def import_bytes(self, data: bytes, file: str, actor: Caller) -> ImportSummary:
        """Check the whole file, then apply it in one transaction (all or nothing)."""
        _may_import(actor)
        with self._store.session() as session:
            teams = {
                name.lower(): tid for tid, name in session.execute(select(m.Team.id, m.Team.name))
            }
            practitioners: dict[str, str] = {}
            for pid, name in session.execute(
                select(m.Person.id, m.Person.name).order_by(m.Person.active.desc())
            ):
                practitioners.setdefault(name.lower(), pid)
            rows = parse_case_list(data, file, teams, practitioners)
            recorder = Recorder(session, actor.id, self._clock())
            existing = {c.reference.upper(): c for c in session.scalars(select(m.Case))}
            added = updated = unchanged = closed = 0
            listed: set[str] = set()
            for row in rows:
                key = row.reference.upper()
                listed.add(key)
                values = {
                    "initials": row.initials,
                    "age_years": row.age_years,
                    "unborn": row.unborn,
                    "legal_status": row.legal_status.value,
                    "team_id": row.team_id,
                    "practitioner_id": row.practitioner_id,
                    "is_open": True,
                }
                case = existing.get(key)
                if case is None:
                    recorder.insert(m.Case, reference=row.reference, **values)
                    added += 1
                elif recorder.update(case, **values):
                    updated += 1
                else:
                    unchanged += 1
            for key, case in existing.items():
                if key not in listed and case.is_open:
                    recorder.update(case, is_open=False)
                    closed += 1
        return ImportSummary(added, updated, closed, unchanged)


def _may_import(actor: Caller) -> None:
    require(actor, Capability.MANAGE_PROGRAMME, "Only the QA team can import the case list.")

"""Importing historic audits from CSV, so that a service moving from spreadsheets keeps its
trend. All or nothing: a file with any error imports nothing, and every error is listed with
its row and column. Imported audits are closed, dated by ``completed_on`` from the file, and
written through the Recorder in bulk: sync capture for every row, one history row per audit
(its values with its answers and grades), and the report tables rebuilt once at the end."""

from __future__ import annotations

import csv
import io
import logging
import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qa_desktop.domain.forms import FormDefinition
from qa_desktop.domain.import_rules import (
    ImportedAudit,
    ImportProblem,
    check_header,
    check_rows,
)
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import Caller, require
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, today
from qa_desktop.services.programme.forms import form_from_source
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder
from qa_desktop.store.reporting import tables

log = logging.getLogger(__name__)
CHUNK = 2000  # audits written per bulk statement (one transaction for the whole file)
# From this many audits, and from half as many as the store already holds, the report tables
# are rebuilt once instead of kept row by row: a rebuild costs what the whole store holds,
# the triggers what the file adds. Into a 10,000-audit county, 1,000 rows took 28-31 s with a
# rebuild and 6-11 s without; 5,000 rows 37 s and 38 s.
BULK = 500
IMPORTED = "Imported (historic)"  # area and service of teams created by an import
UNKNOWN_AUDITOR = "Historic auditor (not recorded)"


class ImportRefused(ValidationError):
    """The file has problems; nothing was imported. ``problems`` lists each one."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "Nothing was imported: the file has {count} problem(s). The first: {first}",
            count=len(problems),
            first=problems[0].line() if problems else "",
        )


@dataclass(frozen=True)
class ImportResult:
    audits: int
    answers: int
    created: int  # teams, cases and people created with --create-missing
    seconds: float


class HistoricImport:
    """The historic import service: the Programme screen's "Historic audits" tab and
    ``qa-desktop import audits`` call it."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    @writes(Change.AUDITS | Change.CASES | Change.PEOPLE)
    def import_audits(
        self, path: Path, *, create_missing: bool = False, actor: Caller
    ) -> ImportResult:
        """Import a file: only the QA team may (all or nothing; raises ImportRefused listing
        every problem with its row and column)."""
        return self.import_file(path, actor, create_missing=create_missing)

    def import_file(
        self, path: Path, actor: Caller, *, create_missing: bool = False
    ) -> ImportResult:
        _may_import(actor)  # before the file is read: a refusal says so, not "cannot be read"
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(
                "{path} cannot be read ({reason}).", path=str(path), reason=exc.strerror
            ) from None
        return self.import_bytes(data, actor, create_missing=create_missing)

    def import_bytes(
        self, data: bytes, actor: Caller, *, create_missing: bool = False
    ) -> ImportResult:
        """Check every row, then write them all in one transaction (all or nothing)."""
        _may_import(actor)
        started = time.perf_counter()
        text = _decode(data)
        rows = _rows(text)
        try:
            header = next(rows)[1]
        except StopIteration:
            raise ImportRefused([ImportProblem(1, "", "the file is empty")]) from None
        except csv.Error as exc:
            raise ImportRefused([ImportProblem(1, "", f"not a CSV file ({exc})")]) from None
        with self._store.session() as session:
            forms, version_ids = _forms(session, header)
            layout, problems = check_header(header, forms)
            if layout is None:
                raise ImportRefused(problems)
            try:
                checked = check_rows(rows, layout, forms, today(self._clock))
            except csv.Error as exc:
                raise ImportRefused([ImportProblem(0, "", f"not a CSV file ({exc})")]) from None
            problems = checked.problems
            writer = _Writer(session, Recorder(session, actor.id, self._clock()), version_ids)
            problems += writer.resolve(checked.audits, create_missing)
            if problems:
                problems.sort(key=lambda p: p.row)
                raise ImportRefused(problems)  # the session rolls back: nothing is kept
            answers = writer.write(checked.audits)
        seconds = time.perf_counter() - started
        log.info("imported %d historic audits in %.1f s", len(checked.audits), seconds)
        return ImportResult(len(checked.audits), answers, writer.created, seconds)


def _decode(data: bytes) -> str:
    """UTF-8 with or without a byte-order mark; else Windows-1252 (Excel's "CSV")."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Rows with their numbers (a quoted cell may span lines: the row is where it starts)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    yield from enumerate(reader, start=1)


def _forms(session: Session, header: list[str]) -> tuple[dict[str, FormDefinition], dict[str, str]]:
    """For each form, the version the file's audits were done on: the newest version that
    asks every question column of the file known to the form (a spreadsheet of audits done
    on version 1 keeps its version 1 question ids), else the newest version."""
    columns = {cell.strip() for cell in header}
    by_key: dict[str, list[tuple[str, FormDefinition]]] = {}
    for version_id, key, title, number, source in session.execute(
        select(
            m.FormVersion.id, m.Form.key, m.Form.title, m.FormVersion.version, m.FormVersion.source
        )
        .join(m.Form, m.Form.id == m.FormVersion.form_id)
        .order_by(m.Form.key, m.FormVersion.version.desc())
    ):
        by_key.setdefault(key, []).append(
            (version_id, form_from_source(source, f"{title} v{number}"))
        )
    forms: dict[str, FormDefinition] = {}
    version_ids: dict[str, str] = {}
    for key, versions in by_key.items():
        asked = [{q.id for q in form.questions()} for _, form in versions]
        wanted = columns & set().union(*asked)
        index = next((i for i, ids in enumerate(asked) if wanted <= ids), 0)
        version_ids[key], forms[key] = versions[index]
    return forms, version_ids


class _Writer:
    """Finds (or creates) the teams, cases and people a file names, then writes the audits."""

    def __init__(self, session: Session, recorder: Recorder, version_ids: dict[str, str]) -> None:
        self.session = session
        self.recorder = recorder
        self.version_ids = version_ids
        self.teams = {n.lower(): i for i, n in session.execute(select(m.Team.id, m.Team.name))}
        self.cases = {r.lower(): i for i, r in session.execute(select(m.Case.id, m.Case.reference))}
        self.people: dict[str, str] = {}
        for pid, name in session.execute(
            select(m.Person.id, m.Person.name).order_by(m.Person.active.desc())
        ):
            self.people.setdefault(name.lower(), pid)
        self.created = 0
        self.ids: dict[str, m.IdRun] = {}  # by table: the rows' ids, made for the whole file
        self.change_ids = m.IdRun(0)  # and the ids of their outbox changes, one per audit

    def resolve(self, audits: list[ImportedAudit], create_missing: bool) -> list[ImportProblem]:
        problems: list[ImportProblem] = []
        refs = [a.audit_ref for a in audits]
        existing: set[str] = set()
        for start in range(0, len(refs), 900):
            existing.update(
                r.lower()
                for r in self.session.scalars(
                    select(m.Audit.reference).where(
                        func.lower(m.Audit.reference).in_(
                            [x.lower() for x in refs[start : start + 900]]
                        )
                    )
                )
            )
        missing_teams: dict[str, str] = {}
        missing_cases: dict[str, tuple[str, str]] = {}
        missing_people: dict[str, tuple[str, str, str]] = {}
        for audit in audits:
            if audit.audit_ref.lower() in existing:
                problems.append(
                    ImportProblem(
                        audit.row,
                        "audit_ref",
                        "an audit with this reference is already in the store",
                    )
                )
            if audit.team.lower() not in self.teams:
                if create_missing:
                    missing_teams.setdefault(audit.team.lower(), audit.team)
                else:
                    problems.append(
                        ImportProblem(
                            audit.row,
                            "team",
                            f"there is no team called '{audit.team}' (use --create-missing to create it)",
                        )
                    )
            if audit.case_ref.lower() not in self.cases:
                if create_missing:
                    missing_cases.setdefault(audit.case_ref.lower(), (audit.case_ref, audit.team))
                else:
                    problems.append(
                        ImportProblem(
                            audit.row,
                            "case_ref",
                            f"there is no case '{audit.case_ref}' (use --create-missing to create it)",
                        )
                    )
            for column, name, role in (
                ("auditor", audit.auditor, Role.TEAM_MANAGER),
                ("practitioner", audit.practitioner, Role.PRACTITIONER),
            ):
                if not name or name.lower() in self.people:
                    continue
                if create_missing:
                    missing_people.setdefault(name.lower(), (name, role.value, audit.team))
                else:
                    problems.append(
                        ImportProblem(
                            audit.row,
                            column,
                            f"there is no person called '{name}' (use --create-missing to create them)",
                        )
                    )
        if not problems:
            self._create(missing_teams, missing_cases, missing_people)
        return problems

    def _create(
        self,
        teams: dict[str, str],
        cases: dict[str, tuple[str, str]],
        people: dict[str, tuple[str, str, str]],
    ) -> None:
        r = self.recorder
        if teams:
            area_id = self._named(m.Area, IMPORTED)
            service_id = self._named(m.Service, IMPORTED)
            rows: list[dict[str, Any]] = [
                {"id": m.new_id(), "name": name, "area_id": area_id, "service_id": service_id}
                for name in teams.values()
            ]
            r.insert_many(m.Team, rows)
            self.teams.update({row["name"].lower(): row["id"] for row in rows})
            self.created += len(rows)
        if people:
            rows = [
                {
                    "id": m.new_id(),
                    "name": name,
                    "role": role,
                    "team_id": self.teams[team.lower()]
                    if role == Role.PRACTITIONER.value
                    else None,
                    "is_auditor": role != Role.PRACTITIONER.value,
                    "is_moderator": False,
                    "active": False,  # historic: they may have left; the QA team can turn them on
                }
                for name, role, team in people.values()
            ]
            r.insert_many(m.Person, rows)
            self.people.update({row["name"].lower(): row["id"] for row in rows})
            self.created += len(rows)
        if cases:
            rows = [
                {
                    "id": m.new_id(),
                    "reference": reference,
                    "initials": "",
                    "age_years": None,
                    "unborn": False,
                    "legal_status": "unknown",  # not in the file; the case list import sets it
                    "team_id": self.teams[team.lower()],
                    "practitioner_id": None,
                    "is_open": False,
                }
                for reference, team in cases.values()
            ]
            r.insert_many(m.Case, rows)
            self.cases.update({row["reference"].lower(): row["id"] for row in rows})
            self.created += len(rows)

    def _named(self, model: type[m.Area] | type[m.Service], name: str) -> str:
        found = self.session.scalar(select(model.id).where(model.name == name))
        if found:
            return found
        row_id = m.new_id()
        self.recorder.insert_many(model, [{"id": row_id, "name": name}])
        return row_id

    def _unknown_auditor(self) -> str:
        key = UNKNOWN_AUDITOR.lower()
        if key not in self.people:
            row_id = m.new_id()
            self.recorder.insert_many(
                m.Person,
                [
                    {
                        "id": row_id,
                        "name": UNKNOWN_AUDITOR,
                        "role": Role.QA_OFFICER.value,
                        "team_id": None,
                        "is_auditor": False,
                        "is_moderator": False,
                        "active": False,
                    }
                ],
            )
            self.people[key] = row_id
        return self.people[key]

    def write(self, audits: list[ImportedAudit]) -> int:
        """Every audit, its answers and grades in bulk; one history row per audit carrying
        them all; the report tables rebuilt once at the end for a large file."""
        connection = self.recorder.connection()
        held = self.session.scalar(select(func.count()).select_from(m.Audit)) or 0
        rebuild = len(audits) >= max(BULK, held / 2)
        bulk = tables.rebuilt_once(connection) if rebuild else nullcontext()
        # Ids for the whole file, ascending across its chunks (rows and their outbox changes):
        # every index then grows at one end, where ids ascending only within each chunk had
        # each chunk sweep the indexes again (SQLite alone took 27.6 s for the answers of
        # 50,000 rows so, about 7 s with the file's ids in one run).
        sizes = {
            "audits": len(audits),
            "answers": sum(len(a.answers) for a in audits),
            "section_reviews": sum(len(a.section_grades) for a in audits),
        }
        self.ids = {table: m.IdRun(count) for table, count in sizes.items()}
        # One outbox change per audit, carrying its answers and grades (a bundle).
        self.change_ids = m.IdRun(len(audits) if self.recorder.capture else 0)
        with bulk:
            return sum(
                self._write_chunk(audits[start : start + CHUNK])
                for start in range(0, len(audits), CHUNK)
            )

    def _write_chunk(self, audits: list[ImportedAudit]) -> int:
        now = self.recorder.now
        audit_rows: list[dict[str, Any]] = []
        answer_rows: list[dict[str, Any]] = []
        review_rows: list[dict[str, Any]] = []
        history: list[tuple[str, dict[str, Any]]] = []
        bundles: list[tuple[str, dict[str, list[dict[str, Any]]]]] = []
        # Ids ascending in the order the rows are written: each table's indexes (and the
        # answers' by audit) grow at one end instead of all over.
        audit_ids = iter(self.ids["audits"].take(len(audits)))
        answer_ids = iter(self.ids["answers"].take(sum(len(a.answers) for a in audits)))
        review_ids = iter(
            self.ids["section_reviews"].take(sum(len(a.section_grades) for a in audits))
        )
        for audit in audits:
            audit_id = next(audit_ids)
            day = audit.completed_on
            row = {
                "id": audit_id,
                "reference": audit.audit_ref,
                "case_id": self.cases[audit.case_ref.lower()],
                "form_version_id": self.version_ids[audit.form_key],
                "audit_type": audit.audit_type.value,
                "state": AuditState.CLOSED.value,
                "auditor_id": self.people[audit.auditor.lower()]
                if audit.auditor
                else self._unknown_auditor(),
                "practitioner_id": self.people[audit.practitioner.lower()]
                if audit.practitioner
                else None,
                "started_on": day,
                "submitted_on": day,
                "completed_on": day,
                "closed_on": day,
                "overall_grade": audit.overall_grade.value if audit.overall_grade else None,
                "created_at": now,
            }
            audit_rows.append(row)
            given = {q: a.value for q, a in audit.answers}  # (an enum's value is a property)
            graded = {s: g.value for s, g in audit.section_grades}
            answers = [
                {"id": next(answer_ids), "audit_id": audit_id, "question_id": q, "value": v}
                for q, v in given.items()
            ]
            reviews = [
                {"id": next(review_ids), "audit_id": audit_id, "section_id": s, "grade": v}
                for s, v in graded.items()
            ]
            answer_rows += answers
            review_rows += reviews
            plain: dict[str, Any] = {
                k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()
            }
            bundles.append(
                (audit_id, {"audits": [plain], "answers": answers, "section_reviews": reviews})
            )
            snapshot = dict(plain)
            snapshot["answers"] = given
            snapshot["grades"] = graded
            history.append((audit_id, snapshot))
        for model, rows in (
            (m.Audit, audit_rows),
            (m.Answer, answer_rows),
            (m.SectionReview, review_rows),
        ):
            self.recorder.insert_many(model, rows, history=False, capture=False)
        self.recorder.history_many(m.Audit.__tablename__, history)
        self.recorder.capture_bundles(m.Audit.__tablename__, bundles, self.change_ids)
        return len(answer_rows)


def _may_import(actor: Caller) -> None:
    require(actor, Capability.MANAGE_PROGRAMME, "Only the QA team can import historic audits.")

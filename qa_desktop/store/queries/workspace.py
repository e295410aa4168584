"""Reads for the audit workspace: one audit as the workspace edits it, case search, and the
history of one field. Each returns frozen plain data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import BindParameter, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased

from qa_desktop.store import models as m


@dataclass(frozen=True)
class AnswerRow:
    question_id: str
    value: str | None
    na_reason: str
    evidence: str


@dataclass(frozen=True)
class AreaRow:
    section_id: str
    grade: str | None
    suggested_grade: str | None
    rationale: str
    working_well: str
    worried: str
    even_better_if: str
    practitioner_reflection: str
    reflection_author_id: str | None
    unmanaged_risk: bool


@dataclass(frozen=True)
class ActionRow:
    id: str
    description: str
    owner_id: str
    due_on: date
    status: str


@dataclass(frozen=True)
class ParticipantRow:
    person_id: str
    role: str


@dataclass(frozen=True)
class ConflictRow:
    """An open sync conflict on one field of the audit, its answers or its practice areas:
    the value shown now (it reached the central database first) and the other one, kept."""

    table_name: str  # audits, answers or section_reviews
    key: str  # "" for the audit, the question id, or the section id
    field: str
    current_value: object
    current_actor_id: str | None
    current_author: str
    current_at: str | None
    other_value: object
    other_actor_id: str | None
    other_author: str
    other_at: str | None


@dataclass(frozen=True)
class AuditRows:
    """One audit with everything the workspace shows, ids included."""

    id: str
    reference: str
    state: str
    audit_type: str
    case_reference: str
    case_initials: str
    legal_status: str
    team: str
    form_source: str
    form_title: str
    form_version: int
    auditor_id: str
    practitioner_id: str | None
    voice_of_child: str
    impact: str
    overall_grade: str | None
    overall_suggested: str | None
    overall_rationale: str
    outstanding_practice: bool
    escalation: bool
    escalation_note: str
    auditor_signed_at: datetime | None
    practitioner_signed_at: datetime | None
    practitioner_disagrees: bool
    practitioner_disagreement: str
    answers: tuple[AnswerRow, ...]
    areas: tuple[AreaRow, ...]
    actions: tuple[ActionRow, ...]
    participants: tuple[ParticipantRow, ...]
    names: dict[str, str]  # person id -> name, for the people this audit mentions
    conflicts: tuple[ConflictRow, ...] = ()


def audit_rows(session: Session, audit_id: str) -> AuditRows | None:
    found = session.execute(
        select(m.Audit, m.Case, m.Team.name, m.FormVersion.source, m.FormVersion.version, m.Form)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .join(m.FormVersion, m.Audit.form_version_id == m.FormVersion.id)
        .join(m.Form, m.FormVersion.form_id == m.Form.id)
        .where(m.Audit.id == audit_id, m.Audit.deleted_at.is_(None))
    ).first()
    if found is None:
        return None
    audit, case, team, source, version, form = found
    answers = tuple(
        AnswerRow(a.question_id, a.value, a.na_reason, a.evidence)
        for a in session.scalars(select(m.Answer).where(m.Answer.audit_id == audit_id))
    )
    areas = tuple(
        AreaRow(
            s.section_id,
            s.grade,
            s.suggested_grade,
            s.rationale,
            s.working_well,
            s.worried,
            s.even_better_if,
            s.practitioner_reflection,
            s.reflection_author_id,
            s.unmanaged_risk,
        )
        for s in session.scalars(
            select(m.SectionReview).where(m.SectionReview.audit_id == audit_id)
        )
    )
    actions = tuple(
        ActionRow(a.id, a.description, a.owner_id, a.due_on, a.status)
        for a in session.scalars(
            select(m.Action)
            .where(m.Action.audit_id == audit_id, m.Action.deleted_at.is_(None))
            .order_by(m.Action.due_on, m.Action.created_at)
        )
    )
    participants = tuple(
        ParticipantRow(p.person_id, p.role)
        for p in session.scalars(
            select(m.Participant).where(
                m.Participant.audit_id == audit_id, m.Participant.deleted_at.is_(None)
            )
        )
    )
    ids = {audit.auditor_id, audit.practitioner_id or ""}
    ids |= {a.owner_id for a in actions} | {p.person_id for p in participants}
    ids |= {a.reflection_author_id or "" for a in areas}
    ids.discard("")
    names: dict[str, str] = {
        pid: name
        for pid, name in session.execute(
            select(m.Person.id, m.Person.name).where(m.Person.id.in_(ids))
        )
    }
    return AuditRows(
        id=audit.id,
        reference=audit.reference,
        state=audit.state,
        audit_type=audit.audit_type,
        case_reference=case.reference,
        case_initials=case.initials,
        legal_status=case.legal_status,
        team=team,
        form_source=source,
        form_title=form.title,
        form_version=version,
        auditor_id=audit.auditor_id,
        practitioner_id=audit.practitioner_id,
        voice_of_child=audit.voice_of_child,
        impact=audit.impact,
        overall_grade=audit.overall_grade,
        overall_suggested=audit.overall_suggested,
        overall_rationale=audit.overall_rationale,
        outstanding_practice=audit.outstanding_practice,
        escalation=audit.escalation,
        escalation_note=audit.escalation_note,
        auditor_signed_at=audit.auditor_signed_at,
        practitioner_signed_at=audit.practitioner_signed_at,
        practitioner_disagrees=audit.practitioner_disagrees,
        practitioner_disagreement=audit.practitioner_disagreement,
        answers=answers,
        areas=areas,
        actions=actions,
        participants=participants,
        names=names,
        conflicts=open_conflicts(session, audit_id),
    )


_ANY_OPEN_CONFLICT = select(m.SyncConflict.id).where(m.SyncConflict.settled_at.is_(None)).limit(1)
_c, _current, _other = m.SyncConflict, aliased(m.Person), aliased(m.Person)
_AUDIT: BindParameter[str] = bindparam("audit_id")
_OPEN_CONFLICTS = (
    select(
        _c.table_name,
        _c.field,
        _c.current_value,
        _c.current_actor_id,
        _c.current_at,
        _c.other_value,
        _c.other_actor_id,
        _c.other_at,
        func.coalesce(m.Answer.question_id, m.SectionReview.section_id, "").label("key"),
        func.coalesce(_current.name, _c.current_actor_id, "").label("current_author"),
        func.coalesce(_other.name, _c.other_actor_id, "").label("other_author"),
    )
    .outerjoin(m.Answer, and_(_c.table_name == "answers", m.Answer.id == _c.row_id))
    .outerjoin(
        m.SectionReview,
        and_(_c.table_name == "section_reviews", m.SectionReview.id == _c.row_id),
    )
    .outerjoin(_current, _current.id == _c.current_actor_id)
    .outerjoin(_other, _other.id == _c.other_actor_id)
    .where(
        _c.settled_at.is_(None),
        or_(
            and_(_c.table_name == "audits", _c.row_id == _AUDIT),
            m.Answer.audit_id == _AUDIT,
            m.SectionReview.audit_id == _AUDIT,
        ),
    )
    .order_by(_c.seq)
)


def open_conflicts(session: Session, audit_id: str) -> tuple[ConflictRow, ...]:
    """The audit's open conflicts, by field. Nearly always there are none anywhere: one
    cheap look answers that, before the query that joins them to the audit's rows."""
    if session.execute(_ANY_OPEN_CONFLICT).first() is None:
        return ()
    rows = session.execute(_OPEN_CONFLICTS, {"audit_id": audit_id}).all()
    return tuple(
        ConflictRow(
            table_name=row.table_name,
            key=row.key,
            field=row.field,
            current_value=_decode(row.current_value),
            current_actor_id=row.current_actor_id,
            current_author=row.current_author,
            current_at=row.current_at,
            other_value=_decode(row.other_value),
            other_actor_id=row.other_actor_id,
            other_author=row.other_author,
            other_at=row.other_at,
        )
        for row in rows
    )


@dataclass(frozen=True)
class CaseRow:
    id: str
    reference: str
    initials: str
    team: str
    legal_status: str
    practitioner_id: str | None
    practitioner: str


def search_cases(session: Session, text: str, limit: int = 50) -> list[CaseRow]:
    """Open cases whose reference or initials contain ``text`` (any case)."""
    like = f"%{text.strip().lower()}%"
    stmt = (
        select(m.Case, m.Team.name, func.coalesce(m.Person.name, ""))
        .join(m.Team, m.Case.team_id == m.Team.id)
        .outerjoin(m.Person, m.Case.practitioner_id == m.Person.id)
        .where(
            m.Case.is_open.is_(True),
            or_(func.lower(m.Case.reference).like(like), func.lower(m.Case.initials).like(like)),
        )
        .order_by(m.Case.reference)
        .limit(limit)
    )
    return [
        CaseRow(c.id, c.reference, c.initials, team, c.legal_status, c.practitioner_id, name)
        for c, team, name in session.execute(stmt)
    ]


@dataclass(frozen=True)
class FieldChange:
    at: datetime
    actor: str
    old: object
    new: object
    origin: str | None = None  # where a value not typed in this store came from: FIRST_SYNC


def field_history(
    session: Session, table: str, row_id: str, field: str, *, audit_id: str | None = None
) -> list[FieldChange]:
    """Every recorded change of one field, oldest first. The row's insert counts as the first
    change when it carried a value for the field. ``audit_id``: the audit an answer or a
    section's review belongs to; a row that came with its audit in the first sync has no
    history row of its own (the audit's stands for it), so its first change is the value it
    came with, said to have come with the first sync."""
    stmt = (
        select(m.History, func.coalesce(m.Person.name, ""))
        .outerjoin(m.Person, m.History.actor_id == m.Person.id)
        .where(
            m.History.table_name == table,
            m.History.row_id == row_id,
            m.History.field.in_([field, "*"]),
        )
        .order_by(m.History.id)
    )
    changes: list[FieldChange] = []
    inserted = False
    for row, actor in session.execute(stmt):
        old = _decode(row.old_value)
        new = _decode(row.new_value)
        origin = None
        if row.field == "*":
            inserted = True
            if not isinstance(new, dict) or new.get(field) in (None, "", False):
                continue
            old, new, origin = None, new[field], new.get(m.ORIGIN)
        changes.append(FieldChange(row.at, actor, old, new, origin))
    if audit_id is not None and table != m.Audit.__tablename__ and not inserted:
        changes[:0] = _came_with_audit(session, table, row_id, field, audit_id, changes)
    return changes


def _came_with_audit(
    session: Session,
    table: str,
    row_id: str,
    field: str,
    audit_id: str,
    later: list[FieldChange],
) -> list[FieldChange]:
    """The value a row's field came with in the first sync, as its first change (none if the
    audit did not come with the first sync, or the field came empty). Who made the row is not
    kept; when is when it came."""
    marked = session.scalar(
        select(m.History.new_value)
        .where(
            m.History.table_name == m.Audit.__tablename__,
            m.History.row_id == audit_id,
            m.History.field == "*",
        )
        .order_by(m.History.id)
        .limit(1)
    )
    values = _decode(marked)
    if not isinstance(values, dict) or values.get(m.ORIGIN) != m.FIRST_SYNC:
        return []
    came = session.scalar(
        select(m.History.at).where(
            m.History.table_name == "store", m.History.row_id == m.FIRST_SYNC
        )
    )
    if later:
        value = later[0].old
    else:
        column = m.Base.metadata.tables[table].c
        value = session.scalar(select(column[field]).where(column.id == row_id))
        if isinstance(value, date):
            value = value.isoformat()
    if came is None or value in (None, "", False):
        return []
    return [FieldChange(came, "", None, value, m.FIRST_SYNC)]


def _decode(text: str | None) -> object:
    return None if text is None else json.loads(text)

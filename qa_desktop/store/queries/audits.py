"""Read queries. Each returns frozen plain data, never live ORM objects, so results can cross
from the background worker to the screens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.people import PersonInfo
from qa_desktop.domain.roles import Role
from qa_desktop.store import models as m


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


@dataclass(frozen=True)
class TeamChoice:
    id: str
    name: str
    area_id: str
    service_id: str


@dataclass(frozen=True)
class FilterOptions:
    areas: tuple[Choice, ...]
    services: tuple[Choice, ...]
    teams: tuple[TeamChoice, ...]
    forms: tuple[Choice, ...]  # id is the form key


@dataclass(frozen=True)
class AuditFilter:
    search: str = ""
    period: Period | None = None
    area_id: str | None = None
    service_id: str | None = None
    team_id: str | None = None
    grade: Grade | None = None
    states: tuple[AuditState, ...] = ()
    form_key: str | None = None
    # When set, only audits this person takes part in (practitioners see their own).
    involving_person_id: str | None = None
    auditor_id: str | None = None
    limit: int = 5000


@dataclass(frozen=True)
class AuditRow:
    id: str
    reference: str
    case_reference: str
    case_initials: str
    team: str
    service: str
    area: str
    form_title: str
    form_version: int
    audit_type: str
    state: AuditState
    auditor: str
    practitioner: str
    overall_grade: Grade | None
    moderated_grade: Grade | None
    due_on: date | None
    completed_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class AnswerView:
    question_id: str
    value: str | None
    na_reason: str
    evidence: str


@dataclass(frozen=True)
class SectionReviewView:
    section_id: str
    grade: Grade | None
    suggested_grade: Grade | None
    rationale: str
    working_well: str
    worried: str
    even_better_if: str
    practitioner_reflection: str
    reflection_author: str
    unmanaged_risk: bool


@dataclass(frozen=True)
class ParticipantView:
    name: str
    role: str


@dataclass(frozen=True)
class ActionView:
    id: str
    description: str
    owner: str
    due_on: date
    status: str
    completed_on: date | None


@dataclass(frozen=True)
class ModerationView:
    section_id: str
    moderator: str
    auditor_grade: Grade | None
    moderated_grade: Grade
    reason: str
    decided_at: datetime


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor: str
    from_state: AuditState
    to_state: AuditState
    reason: str


@dataclass(frozen=True)
class AuditRecord:
    """Everything stored about one audit (the form itself is read by the service)."""

    row: AuditRow
    form_version_id: str
    form_source: str
    legal_status: str
    case_age: str
    overall_suggested: Grade | None
    overall_rationale: str
    voice_of_child: str
    impact: str
    outstanding_practice: bool
    escalation: bool
    escalation_note: str
    auditor_signed_at: datetime | None
    practitioner_signed_at: datetime | None
    practitioner_disagrees: bool
    practitioner_disagreement: str
    reaudit_of_reference: str | None
    people_involved: frozenset[str]  # ids of the auditor, practitioner and participants
    answers: dict[str, AnswerView] = field(default_factory=dict)
    sections: dict[str, SectionReviewView] = field(default_factory=dict)
    participants: tuple[ParticipantView, ...] = ()
    actions: tuple[ActionView, ...] = ()
    moderations: tuple[ModerationView, ...] = ()
    events: tuple[EventView, ...] = ()


def _grade(value: str | None) -> Grade | None:
    return Grade(value) if value else None


# -- people and organisation -------------------------------------------------------------------


def people(
    session: Session, *, active_only: bool = True, person_id: str | None = None
) -> list[PersonInfo]:
    team, service, area = m.Team, m.Service, m.Area
    own_service = aliased(m.Service)
    own_area = aliased(m.Area)
    stmt = (
        select(
            m.Person,
            team.name,
            func.coalesce(service.name, own_service.name, ""),
            func.coalesce(area.name, own_area.name, ""),
        )
        .outerjoin(team, m.Person.team_id == team.id)
        .outerjoin(service, team.service_id == service.id)
        .outerjoin(area, team.area_id == area.id)
        .outerjoin(own_service, m.Person.service_id == own_service.id)
        .outerjoin(own_area, m.Person.area_id == own_area.id)
        .order_by(m.Person.name)
    )
    if active_only:
        stmt = stmt.where(m.Person.active.is_(True))
    if person_id is not None:
        stmt = stmt.where(m.Person.id == person_id)
    return [
        PersonInfo(
            id=p.id,
            name=p.name,
            role=Role(p.role),
            is_auditor=p.is_auditor,
            is_moderator=p.is_moderator,
            team_id=p.team_id,
            team_name=team_name or "",
            service_name=service_name,
            area_name=area_name,
        )
        for p, team_name, service_name, area_name in session.execute(stmt)
    ]


def person(session: Session, person_id: str) -> PersonInfo | None:
    found = people(session, active_only=False, person_id=person_id)
    return found[0] if found else None


def filter_options(session: Session) -> FilterOptions:
    areas = tuple(
        Choice(a.id, a.name) for a in session.scalars(select(m.Area).order_by(m.Area.name))
    )
    services = tuple(
        Choice(s.id, s.name) for s in session.scalars(select(m.Service).order_by(m.Service.name))
    )
    teams = tuple(
        TeamChoice(t.id, t.name, t.area_id, t.service_id)
        for t in session.scalars(select(m.Team).order_by(m.Team.name))
    )
    forms = tuple(
        Choice(f.key, f.title) for f in session.scalars(select(m.Form).order_by(m.Form.title))
    )
    return FilterOptions(areas, services, teams, forms)


# -- audits ------------------------------------------------------------------------------------

_auditor = aliased(m.Person)
_practitioner = aliased(m.Person)


PAGE_SIZE = 200  # rows a list fetches at a time; more come as the person scrolls


@dataclass(frozen=True)
class PageKey:
    """Where the next page of a list starts: after this audit in the list's order."""

    listed_on: str
    reference: str


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    next: PageKey | None  # None: this was the last page


def _moderated_grade() -> ColumnElement[str | None]:
    """The moderator's overall grade, read only for the rows a query returns."""
    return (
        select(m.Moderation.moderated_grade)
        .where(m.Moderation.audit_id == m.Audit.id, m.Moderation.section_id == m.OVERALL)
        .scalar_subquery()
    )


def listed_on() -> ColumnElement[str]:
    """The list's order key, as migration 0013's index ``ix_audits_listed`` holds it (the
    same expression, so SQLite walks the index): the audit's date, "" when it has none."""
    return type_coerce(
        func.coalesce(
            m.Audit.completed_on, m.Audit.started_on, m.Audit.due_on, literal_column("''")
        ),
        String,
    )


def audit_date() -> ColumnElement[date]:
    """The date an audit belongs to in lists and reports: completed, else started, else due."""
    return func.coalesce(m.Audit.completed_on, m.Audit.started_on, m.Audit.due_on)


# The audit's own columns a row shows, read as plain values: a list of 200 audits spent a
# third of its Python building ORM objects it only read eight fields of.
_AUDIT_COLUMNS = (
    m.Audit.id,
    m.Audit.reference,
    m.Audit.audit_type,
    m.Audit.state,
    m.Audit.overall_grade,
    m.Audit.due_on,
    m.Audit.completed_on,
    m.Audit.closed_on,
)


def _audit_select() -> Select[*tuple[Any, ...]]:  # the row _row() reads
    return (
        select(
            *_AUDIT_COLUMNS,
            m.Case.reference,
            m.Case.initials,
            m.Team.name,
            m.Service.name,
            m.Area.name,
            m.Form.title,
            m.FormVersion.version,
            _auditor.name,
            func.coalesce(_practitioner.name, ""),
            _moderated_grade(),
        )
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .join(m.Service, m.Team.service_id == m.Service.id)
        .join(m.Area, m.Team.area_id == m.Area.id)
        .join(m.FormVersion, m.Audit.form_version_id == m.FormVersion.id)
        .join(m.Form, m.FormVersion.form_id == m.Form.id)
        .join(_auditor, m.Audit.auditor_id == _auditor.id)
        .outerjoin(_practitioner, m.Audit.practitioner_id == _practitioner.id)
        .where(m.Audit.deleted_at.is_(None))
    )


def _row(result: Sequence[Any]) -> AuditRow:
    (
        audit_id,
        reference,
        audit_type,
        state,
        overall,
        due_on,
        completed_on,
        closed_on,
        case_ref,
        initials,
        team,
        service,
        area,
        form_title,
        version,
        auditor,
        practitioner,
        mod,
        *_listed_on,
    ) = result
    return AuditRow(
        id=audit_id,
        reference=reference,
        case_reference=case_ref,
        case_initials=initials,
        team=team,
        service=service,
        area=area,
        form_title=form_title,
        form_version=version,
        audit_type=audit_type,
        state=AuditState(state),
        auditor=auditor,
        practitioner=practitioner,
        overall_grade=_grade(overall),
        moderated_grade=_grade(mod),
        due_on=due_on,
        completed_on=completed_on,
        closed_on=closed_on,
    )


def _conditions(flt: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.search.strip():
        like = f"%{flt.search.strip().lower()}%"
        conditions.append(
            or_(
                func.lower(m.Audit.reference).like(like),
                func.lower(m.Case.reference).like(like),
                func.lower(m.Case.initials).like(like),
                func.lower(_auditor.name).like(like),
                func.lower(_practitioner.name).like(like),
            )
        )
    if flt.period is not None:
        conditions.append(audit_date().between(flt.period.start, flt.period.end))
    if flt.area_id:
        conditions.append(m.Team.area_id == flt.area_id)
    if flt.service_id:
        conditions.append(m.Team.service_id == flt.service_id)
    if flt.team_id:
        conditions.append(m.Case.team_id == flt.team_id)
    if flt.grade is not None:
        conditions.append(m.Audit.overall_grade == flt.grade.value)
    if flt.states:
        conditions.append(m.Audit.state.in_([s.value for s in flt.states]))
    if flt.form_key:
        conditions.append(m.Form.key == flt.form_key)
    if flt.auditor_id:
        conditions.append(m.Audit.auditor_id == flt.auditor_id)
    if flt.involving_person_id:
        pid = flt.involving_person_id
        participant = select(m.Participant.audit_id).where(
            m.Participant.person_id == pid, m.Participant.deleted_at.is_(None)
        )
        conditions.append(
            or_(
                m.Audit.auditor_id == pid,
                m.Audit.practitioner_id == pid,
                m.Audit.id.in_(participant),
            )
        )
    return conditions


def _narrow(
    column: ColumnElement[Any] | InstrumentedAttribute[Any], flt: AuditFilter
) -> Select[Any]:
    """``column`` over the audits matching the filter, joining only the tables its conditions
    read (the count, and the ids of a page before its rows are read whole). Migration 0015's
    indexes let SQLite answer these from indexes alone: a team's cases, then their audits
    in the list's order."""
    stmt = select(column).select_from(m.Audit).where(m.Audit.deleted_at.is_(None))
    if flt.search.strip() or flt.area_id or flt.service_id or flt.team_id:
        stmt = stmt.join(m.Case, m.Audit.case_id == m.Case.id)
    if flt.area_id or flt.service_id:
        stmt = stmt.join(m.Team, m.Case.team_id == m.Team.id)
    if flt.form_key:
        stmt = stmt.join(m.FormVersion, m.Audit.form_version_id == m.FormVersion.id).join(
            m.Form, m.FormVersion.form_id == m.Form.id
        )
    if flt.search.strip():
        stmt = stmt.join(_auditor, m.Audit.auditor_id == _auditor.id).outerjoin(
            _practitioner, m.Audit.practitioner_id == _practitioner.id
        )
    return stmt.where(*_conditions(flt))


def count_audits(session: Session, flt: AuditFilter) -> int:
    """How many audits match the filter (every one, whatever a list shows)."""
    return session.scalar(_narrow(func.count(), flt)) or 0


def list_audits(session: Session, flt: AuditFilter) -> tuple[list[AuditRow], int]:
    """Audits matching the filter, newest first, at most ``flt.limit``; and how many match."""
    stmt = _audit_select().where(*_conditions(flt))
    stmt = stmt.order_by(listed_on().desc(), m.Audit.reference).limit(flt.limit)
    return [_row(r) for r in session.execute(stmt)], count_audits(session, flt)


def audit_page(
    session: Session, flt: AuditFilter, after: PageKey | None = None, size: int = PAGE_SIZE
) -> AuditPage:
    """One page of the audits matching the filter, newest first, starting after ``after``
    (keyset paging on the list's index: a page far down costs what the first one does)."""
    key = listed_on()
    # The page's ids first, from the narrow query (indexes only), then those rows whole: the
    # joins and the moderated grade are read for a page, not for every audit of the filter.
    ids = _narrow(m.Audit.id, flt)
    if after is not None:
        ids = ids.where(
            or_(
                key < after.listed_on,
                and_(key == after.listed_on, m.Audit.reference > after.reference),
            )
        )
    # Not correlated: the inner query reads the audits afresh, not the outer row.
    ids = ids.order_by(key.desc(), m.Audit.reference).limit(size + 1).correlate(None)
    stmt = _audit_select().add_columns(key).where(m.Audit.id.in_(ids.scalar_subquery()))
    found = session.execute(stmt.order_by(key.desc(), m.Audit.reference)).all()
    rows = [_row(r) for r in found[:size]]
    more = len(found) > size
    return AuditPage(rows, PageKey(found[size - 1][-1], rows[-1].reference) if more else None)


def audit_record(session: Session, audit_id: str) -> AuditRecord | None:
    result = session.execute(
        _audit_select().add_columns(m.Audit).where(m.Audit.id == audit_id)
    ).first()
    if result is None:
        return None
    row = _row(tuple(result))
    audit: m.Audit = result[-1]
    case = session.get(m.Case, audit.case_id)
    version = session.get(m.FormVersion, audit.form_version_id)
    assert case is not None and version is not None
    names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
    answers = {
        a.question_id: AnswerView(a.question_id, a.value, a.na_reason, a.evidence)
        for a in session.scalars(select(m.Answer).where(m.Answer.audit_id == audit_id))
    }
    sections = {
        s.section_id: SectionReviewView(
            section_id=s.section_id,
            grade=_grade(s.grade),
            suggested_grade=_grade(s.suggested_grade),
            rationale=s.rationale,
            working_well=s.working_well,
            worried=s.worried,
            even_better_if=s.even_better_if,
            practitioner_reflection=s.practitioner_reflection,
            reflection_author=names.get(s.reflection_author_id or "", ""),
            unmanaged_risk=s.unmanaged_risk,
        )
        for s in session.scalars(
            select(m.SectionReview).where(m.SectionReview.audit_id == audit_id)
        )
    }
    participant_rows = session.scalars(
        select(m.Participant).where(
            m.Participant.audit_id == audit_id, m.Participant.deleted_at.is_(None)
        )
    ).all()
    participants = tuple(
        ParticipantView(names.get(p.person_id, ""), p.role) for p in participant_rows
    )
    participant_ids = {p.person_id for p in participant_rows}
    actions = tuple(
        ActionView(
            a.id, a.description, names.get(a.owner_id, ""), a.due_on, a.status, a.completed_on
        )
        for a in session.scalars(
            select(m.Action)
            .where(m.Action.audit_id == audit_id, m.Action.deleted_at.is_(None))
            .order_by(m.Action.due_on)
        )
    )
    moderations = tuple(
        ModerationView(
            d.section_id,
            names.get(d.moderator_id, ""),
            _grade(d.auditor_grade),
            Grade(d.moderated_grade),
            d.reason,
            d.decided_at,
        )
        for d in session.scalars(select(m.Moderation).where(m.Moderation.audit_id == audit_id))
    )
    events = tuple(
        EventView(
            e.at,
            names.get(e.actor_id or "", ""),
            AuditState(e.from_state),
            AuditState(e.to_state),
            e.reason,
        )
        for e in session.scalars(
            select(m.AuditEvent).where(m.AuditEvent.audit_id == audit_id).order_by(m.AuditEvent.at)
        )
    )
    original = session.get(m.Audit, audit.reaudit_of_id) if audit.reaudit_of_id else None
    return AuditRecord(
        row=row,
        form_version_id=version.id,
        form_source=version.source,
        legal_status=case.legal_status,
        case_age="unborn" if case.unborn else f"{case.age_years}",
        overall_suggested=_grade(audit.overall_suggested),
        overall_rationale=audit.overall_rationale,
        voice_of_child=audit.voice_of_child,
        impact=audit.impact,
        outstanding_practice=audit.outstanding_practice,
        escalation=audit.escalation,
        escalation_note=audit.escalation_note,
        auditor_signed_at=audit.auditor_signed_at,
        practitioner_signed_at=audit.practitioner_signed_at,
        practitioner_disagrees=audit.practitioner_disagrees,
        practitioner_disagreement=audit.practitioner_disagreement,
        reaudit_of_reference=original.reference if original else None,
        people_involved=frozenset(
            {audit.auditor_id, audit.practitioner_id or ""} | participant_ids
        ),
        answers=answers,
        sections=sections,
        participants=participants,
        actions=actions,
        moderations=moderations,
        events=events,
    )

"""Live safeguarding escalations: the audits an auditor has flagged, for the people they go to.

An escalation goes straight to the child's team manager and to the head of service of the
team's service (in its area, where the head leads one area). It shows as soon as the auditor
ticks it in the workspace (the tick saves at once); sign-off is not needed.

When an escalation is done with: there is no field to acknowledge one (adding one needs a
schema change), so My work lists every escalation of an audit that is not yet closed or
cancelled, and, after that, for :data:`RECENT_DAYS` days from when it was raised, so that an
escalation raised just before the audit closed is still seen. Unticking the escalation takes
it off the lists at once. Who raised it and when come from the audit's history (pulled changes
keep their own author and time there); where the history holds no tick (seed or imported
records), the audit's auditor is named and the time is unknown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import local_day
from qa_desktop.store import models as m

RECENT_DAYS = 30
# An audit in one of these states is finished: its escalation shows only while recent.
_FINISHED = (AuditState.CLOSED.value, AuditState.CANCELLED.value)
_TICKED = json.dumps(True)


@dataclass(frozen=True)
class Escalation:
    audit_id: str
    reference: str  # the audit's
    case_reference: str
    team: str
    state: AuditState
    raised_by: str  # a person's name
    raised_at: datetime | None  # None: not in the history (seed or imported records)
    note: str


def receives_escalations(role: Role) -> bool:
    return role in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE)


def escalations_for(session: Session, person_id: str, on: date) -> list[Escalation]:
    """The escalations that go to this person, newest first: none unless they manage a team
    or lead a service."""
    person = session.get(m.Person, person_id)
    if person is None or not person.active or not receives_escalations(Role(person.role)):
        return []
    stmt = _escalated_audits()
    if person.role == Role.TEAM_MANAGER.value:
        if person.team_id is None:
            return []
        stmt = stmt.where(m.Team.id == person.team_id)
    else:
        if person.service_id is None:
            return []
        stmt = stmt.where(m.Team.service_id == person.service_id)
        if person.area_id is not None:
            stmt = stmt.where(m.Team.area_id == person.area_id)
    rows = session.execute(stmt).all()
    raised = _raised(session, [row.id for row in rows])
    since = on - timedelta(days=RECENT_DAYS)
    found = []
    for row in rows:
        by, at = raised.get(row.id, (None, None))
        if row.state in _FINISHED and (at is None or local_day(at) < since):
            continue
        found.append(
            Escalation(
                audit_id=row.id,
                reference=row.reference,
                case_reference=row.case_reference,
                team=row.team,
                state=AuditState(row.state),
                raised_by=by or row.auditor,
                raised_at=at,
                note=row.escalation_note,
            )
        )
    return sorted(found, key=lambda e: (e.raised_at is not None, e.raised_at), reverse=True)


def _escalated_audits() -> Select[str, str, str, str | None, str, str, str]:
    return (
        select(
            m.Audit.id,
            m.Audit.reference,
            m.Audit.state,
            m.Audit.escalation_note,
            m.Case.reference.label("case_reference"),
            m.Team.name.label("team"),
            m.Person.name.label("auditor"),
        )
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .join(m.Person, m.Audit.auditor_id == m.Person.id)
        .where(m.Audit.escalation.is_(True), m.Audit.deleted_at.is_(None))
    )


def _raised(session: Session, audit_ids: list[str]) -> dict[str, tuple[str | None, datetime]]:
    """For each audit, who last ticked the escalation and when, from the history: an update
    of the field, or the audit's insert with it ticked (an audit first pulled ticked)."""
    if not audit_ids:
        return {}
    rows = session.execute(
        select(m.History.row_id, m.History.at, m.History.field, m.History.new_value, m.Person.name)
        .outerjoin(m.Person, m.History.actor_id == m.Person.id)
        .where(
            m.History.table_name == m.Audit.__tablename__,
            m.History.row_id.in_(audit_ids),
            m.History.field.in_(("escalation", "*")),
        )
        .order_by(m.History.at, m.History.id)
    ).all()
    raised: dict[str, tuple[str | None, datetime]] = {}
    for row_id, at, field, new_value, name in rows:  # the latest tick wins
        ticked = new_value == _TICKED if field == "escalation" else _inserted_ticked(new_value)
        if ticked:
            raised[row_id] = (name, at)
    return raised


def _inserted_ticked(snapshot: str | None) -> bool:
    try:
        values = json.loads(snapshot) if snapshot else None
    except ValueError:
        return False
    return isinstance(values, dict) and values.get("escalation") is True

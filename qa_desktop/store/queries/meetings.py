"""Read queries for documents: an audit by its reference, and the reflective meeting that
follows an audit, as frozen plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qa_desktop.store import models as m
from qa_desktop.store.queries.audits import ActionView


@dataclass(frozen=True)
class MeetingRecord:
    id: str
    head_of_service: str
    due_on: date
    held_on: date | None
    attendees: str
    barriers: str
    lived_experience: str
    signed_off_at: datetime | None
    reaudit_due_on: date | None
    reaudit_reference: str | None  # the re-audit, once it has been planned
    actions: tuple[ActionView, ...]


def audit_id_by_reference(session: Session, reference: str) -> str | None:
    """The id of the audit with this reference (any case; surrounding spaces ignored)."""
    return session.scalar(
        select(m.Audit.id).where(
            func.upper(m.Audit.reference) == reference.strip().upper(),
            m.Audit.deleted_at.is_(None),
        )
    )


def meeting_record(session: Session, audit_id: str) -> MeetingRecord | None:
    """The reflective meeting for an audit (the latest, should there be more than one)."""
    meeting = session.scalars(
        select(m.Meeting).where(m.Meeting.audit_id == audit_id).order_by(m.Meeting.due_on.desc())
    ).first()
    if meeting is None:
        return None
    names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
    actions = tuple(
        ActionView(
            a.id, a.description, names.get(a.owner_id, ""), a.due_on, a.status, a.completed_on
        )
        for a in session.scalars(
            select(m.Action)
            .where(m.Action.meeting_id == meeting.id, m.Action.deleted_at.is_(None))
            .order_by(m.Action.due_on, m.Action.created_at)
        )
    )
    reaudit = session.scalar(
        select(m.Audit.reference)
        .where(m.Audit.reaudit_of_id == audit_id, m.Audit.deleted_at.is_(None))
        .order_by(m.Audit.created_at)
        .limit(1)
    )
    return MeetingRecord(
        id=meeting.id,
        head_of_service=names.get(meeting.head_of_service_id, ""),
        due_on=meeting.due_on,
        held_on=meeting.held_on,
        attendees=meeting.attendees,
        barriers=meeting.barriers,
        lived_experience=meeting.lived_experience,
        signed_off_at=meeting.signed_off_at,
        reaudit_due_on=meeting.reaudit_due_on,
        reaudit_reference=reaudit,
        actions=actions,
    )

"""What one team's cases still wait for, as its manager chases it each week: audits planned
or in progress, reflective meetings not yet held and actions not yet done, each with who is
to do it and when it falls due (up to a given day; earlier ones are overdue and included).

Moderation is the follow-up service's queue (it works out when moderation falls due)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.store import models as m

DONE = "done"


@dataclass(frozen=True)
class TeamWorkRow:
    reference: str  # the audit's
    case_reference: str
    what: str  # an audit's type, an action's description; empty for a meeting
    responsible: str
    due_on: date


def open_audits(session: Session, team_id: str, due_by: date) -> list[tuple[TeamWorkRow, str]]:
    """Audits planned or in progress of the team's cases due by ``due_by``, each with its
    audit type (a re-audit is one)."""
    rows = session.execute(
        select(m.Audit.reference, m.Case.reference, m.Audit.audit_type, m.Person.name)
        .add_columns(m.Audit.due_on)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Person, m.Person.id == m.Audit.auditor_id)
        .where(
            m.Case.team_id == team_id,
            m.Audit.state.in_([AuditState.PLANNED.value, AuditState.IN_PROGRESS.value]),
            m.Audit.deleted_at.is_(None),
            m.Audit.due_on <= due_by,
        )
    )
    return [
        (TeamWorkRow(ref, case_ref, "", auditor, due), audit_type)
        for ref, case_ref, audit_type, auditor, due in rows
    ]


def meetings_not_held(session: Session, team_id: str, due_by: date) -> list[TeamWorkRow]:
    """Reflective meetings on the team's audits not yet held, due by ``due_by``."""
    rows = session.execute(
        select(m.Audit.reference, m.Case.reference, m.Person.name, m.Meeting.due_on)
        .join(m.Audit, m.Meeting.audit_id == m.Audit.id)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Person, m.Person.id == m.Meeting.head_of_service_id)
        .where(
            m.Case.team_id == team_id,
            m.Meeting.held_on.is_(None),
            m.Audit.deleted_at.is_(None),
            m.Meeting.due_on <= due_by,
        )
    )
    return [TeamWorkRow(ref, case_ref, "", holder, due) for ref, case_ref, holder, due in rows]


def actions_not_done(session: Session, team_id: str, due_by: date) -> list[TeamWorkRow]:
    """Actions of the team's audits and their meetings not yet done, due by ``due_by``."""
    meeting = aliased(m.Meeting)
    rows = session.execute(
        select(m.Audit.reference, m.Case.reference, m.Action.description, m.Person.name)
        .add_columns(m.Action.due_on)
        .select_from(m.Action)
        .outerjoin(meeting, m.Action.meeting_id == meeting.id)
        .join(m.Audit, m.Audit.id == func.coalesce(m.Action.audit_id, meeting.audit_id))
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Person, m.Person.id == m.Action.owner_id)
        .where(
            m.Case.team_id == team_id,
            m.Action.status != DONE,
            m.Action.deleted_at.is_(None),
            m.Audit.deleted_at.is_(None),
            m.Action.due_on <= due_by,
        )
    )
    return [
        TeamWorkRow(ref, case_ref, " ".join(what.split()), owner, due)
        for ref, case_ref, what, owner, due in rows
    ]

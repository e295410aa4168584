"""What follows a signed-off audit: moderation or closing, and for a confirmed Inadequate
grade the reflective meeting (due within N working days, owned by the head of service of the
child's service) whose re-audit falls due N weeks after it is held.

The audit workspace calls :func:`route_signed_audit` once both sign-offs are in; moderation
calls :func:`confirm_grade` when it closes an audit.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.calendar import add_working_days
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.moderation import SelectionReason, moderation_reason
from qa_desktop.domain.published_settings import (
    MEETING_WORKING_DAYS,
    MODERATION_SEED,
    MODERATION_SHARE_PERCENT,
)
from qa_desktop.domain.roles import Role
from qa_desktop.services.followup.reaudits import record_reaudit_outcome
from qa_desktop.services.published import read_setting
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder


def record_transition(
    recorder: Recorder, audit: m.Audit, target: AuditState, reason: str = ""
) -> None:
    """Move the audit to ``target`` and keep the step in its lifecycle log."""
    source = audit.state
    recorder.update(audit, state=target.value)
    recorder.insert(
        m.AuditEvent,
        audit_id=audit.id,
        at=recorder.now,
        actor_id=recorder.actor_id,
        from_state=source,
        to_state=target.value,
        reason=reason,
    )


def route_signed_audit(recorder: Recorder, audit: m.Audit, today: date) -> SelectionReason | None:
    """After both sign-offs: to moderation if selected, else closed (and followed up)."""
    session = recorder.session
    grade = Grade(audit.overall_grade) if audit.overall_grade else None
    reason = moderation_reason(
        audit.id,
        grade,
        disputed=audit.practitioner_disagrees,
        share_percent=read_setting(session, MODERATION_SHARE_PERCENT),
        seed=read_setting(session, MODERATION_SEED),
    )
    if reason is not None:
        record_transition(recorder, audit, AuditState.IN_MODERATION, reason.label)
        return reason
    record_transition(recorder, audit, AuditState.CLOSED)
    recorder.update(audit, closed_on=today)
    confirm_grade(recorder, audit, grade, today)
    return None


def head_of_service_for(session: Session, audit: m.Audit) -> m.Person | None:
    """The head of service of the child's team's service (in its area if there are several)."""
    case = session.get(m.Case, audit.case_id)
    team = session.get(m.Team, case.team_id) if case else None
    if team is None:
        return None
    heads = session.scalars(
        select(m.Person).where(
            m.Person.role == Role.HEAD_OF_SERVICE.value,
            m.Person.service_id == team.service_id,
            m.Person.active.is_(True),
        )
    ).all()
    in_area = [h for h in heads if h.area_id == team.area_id]
    chosen = in_area or [h for h in heads if h.area_id is None] or list(heads)
    return min(chosen, key=lambda h: h.name) if chosen else None


def confirm_grade(
    recorder: Recorder, audit: m.Audit, confirmed: Grade | None, on: date
) -> m.Meeting | None:
    """A confirmed Inadequate grade makes a reflective meeting fall due (once); a closed
    re-audit keeps its grade movement."""
    record_reaudit_outcome(recorder, audit, confirmed, on)
    if confirmed is not Grade.INADEQUATE:
        return None
    session = recorder.session
    existing = session.scalar(select(m.Meeting).where(m.Meeting.audit_id == audit.id))
    if existing is not None:
        return existing
    head = head_of_service_for(session, audit)
    if head is None:
        return None
    days = read_setting(session, MEETING_WORKING_DAYS)
    return recorder.insert(
        m.Meeting,
        audit_id=audit.id,
        head_of_service_id=head.id,
        due_on=add_working_days(on, days),
    )

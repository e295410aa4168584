"""What follows a signed-off audit: moderation or closing, and for a confirmed Inadequate
grade the reflective meeting (due within N working days, owned by the head of service of the
child's service) whose re-audit falls due N weeks after it is held.

A confirmed Inadequate grade always gets its meeting: where the head of service post is
vacant (no active head of the child's service), the meeting is owned by the service's
assistant director, else by the QA team (its first QA officer by name), and the QA team sees
it in My work until it is signed off (:func:`meeting_owner_for`).

The audit workspace calls :func:`route_signed_audit` once both sign-offs are in; moderation
calls :func:`confirm_grade` when it closes an audit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
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

log = logging.getLogger(__name__)


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
    reason = selection_reason(session, audit)
    if reason is not None:
        record_transition(recorder, audit, AuditState.IN_MODERATION, reason.label)
        return reason
    record_transition(recorder, audit, AuditState.CLOSED)
    recorder.update(audit, closed_on=today)
    confirm_grade(recorder, audit, grade, today)
    return None


def area_grades(session: Session, audit_id: str) -> list[Grade | None]:
    """The auditor's grades of the audit's practice areas."""
    return [
        Grade(value) if value else None
        for value in session.scalars(
            select(m.SectionReview.grade).where(m.SectionReview.audit_id == audit_id)
        )
    ]


def selection_reason(session: Session, audit: m.Audit) -> SelectionReason | None:
    """Why the selection rules send this audit to moderation (None: they do not)."""
    return moderation_reason(
        audit.id,
        Grade(audit.overall_grade) if audit.overall_grade else None,
        disputed=audit.practitioner_disagrees,
        share_percent=read_setting(session, MODERATION_SHARE_PERCENT),
        seed=read_setting(session, MODERATION_SEED),
        area_grades=area_grades(session, audit.id),
    )


def _leader_for(session: Session, audit: m.Audit, role: Role) -> m.Person | None:
    """The active person of ``role`` leading the child's team's service (in its area if
    there are several)."""
    case = session.get(m.Case, audit.case_id)
    team = session.get(m.Team, case.team_id) if case else None
    if team is None:
        return None
    leaders = session.scalars(
        select(m.Person).where(
            m.Person.role == role.value,
            m.Person.service_id == team.service_id,
            m.Person.active.is_(True),
        )
    ).all()
    in_area = [h for h in leaders if h.area_id == team.area_id]
    chosen = in_area or [h for h in leaders if h.area_id is None] or list(leaders)
    return min(chosen, key=lambda h: h.name) if chosen else None


def head_of_service_for(session: Session, audit: m.Audit) -> m.Person | None:
    """The head of service of the child's team's service (in its area if there are several)."""
    return _leader_for(session, audit, Role.HEAD_OF_SERVICE)


@dataclass(frozen=True)
class MeetingOwner:
    person: m.Person
    stands_in: bool  # not the head of service: the post is vacant


def meeting_owner_for(session: Session, audit: m.Audit) -> MeetingOwner | None:
    """Who holds the audit's reflective meeting: the head of service; where that post is
    vacant, the service's assistant director; else the QA team's first QA officer by name.
    None only in a store with none of them."""
    head = head_of_service_for(session, audit)
    if head is not None:
        return MeetingOwner(head, stands_in=False)
    director = _leader_for(session, audit, Role.ASSISTANT_DIRECTOR)
    if director is not None:
        return MeetingOwner(director, stands_in=True)
    officer = session.scalars(
        select(m.Person)
        .where(m.Person.role == Role.QA_OFFICER.value, m.Person.active.is_(True))
        .order_by(m.Person.name, m.Person.id)
        .limit(1)
    ).first()
    return MeetingOwner(officer, stands_in=True) if officer is not None else None


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
    owner = meeting_owner_for(session, audit)
    owner_id = owner.person.id if owner is not None else recorder.actor_id
    if owner_id is None or session.get(m.Person, owner_id) is None:
        # No head of service, assistant director or QA officer, and no person confirming:
        # the audit's Inadequate grade still shows in the QA team's lists and reports.
        log.error("audit %s: no one to hold its reflective meeting", audit.id)
        return None
    if owner is None or owner.stands_in:
        log.warning("audit %s: head of service post vacant, meeting held by a stand-in", audit.id)
    days = read_setting(session, MEETING_WORKING_DAYS)
    return recorder.insert(
        m.Meeting,
        audit_id=audit.id,
        head_of_service_id=owner_id,
        due_on=add_working_days(on, days),
    )

"""Helpers for the moderation, meetings and My work tests: an audit brought to the point the
test needs (submitted with chosen grades, in moderation, with a reflective meeting), written
through the Recorder like every other change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.published_settings import MODERATION_SHARE_PERCENT
from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import Clock
from qa_desktop.services.container import Services, build_services
from qa_desktop.services.followup.routing import route_signed_audit
from qa_desktop.services.published import write_setting
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder
from tests.store_access import store_of


@dataclass(frozen=True)
class Cast:
    """One person of each kind the follow-up needs, none of them the audit's auditor."""

    qa: Actor
    moderator: Actor
    practitioner: Actor
    auditor: Actor  # the audit's own auditor
    head: Actor | None  # the head of service of the child's team (owns its meetings)


def services(store: Store, clock: Clock) -> Services:
    return build_services(store, clock)


def actor_with(
    svc: Services, role: Role, *, moderator: bool | None = None, not_id: str = ""
) -> Actor:
    for person in svc.directory.people():
        wanted = moderator is None or person.is_moderator == moderator
        if person.role is role and person.id != not_id and wanted:
            return svc.directory.actor(person.id)
    raise LookupError(role)


def submitted_audit(
    store: Store,
    clock: Clock,
    overall: Grade,
    *,
    area: Grade | None = None,
    disputed: bool = False,
) -> str:
    """An in-progress demo audit, graded and signed off: state ``submitted``."""
    now = clock()
    with store.session() as session:
        audit = session.scalars(
            select(m.Audit)
            .where(m.Audit.state == AuditState.IN_PROGRESS.value)
            .order_by(m.Audit.reference)
        ).first()
        assert audit is not None, "the demo store has no audit in progress"
        recorder = Recorder(session, audit.auditor_id, now)
        for review in session.scalars(
            select(m.SectionReview).where(m.SectionReview.audit_id == audit.id)
        ):
            recorder.update(review, grade=(area or overall).value, rationale="Seen on file.")
        recorder.update(
            audit,
            state=AuditState.SUBMITTED.value,
            overall_grade=overall.value,
            overall_rationale="Seen on file.",
            submitted_on=now.date() - timedelta(days=1),
            completed_on=now.date() - timedelta(days=1),
            auditor_signed_at=now,
            practitioner_signed_at=now,
            practitioner_disagrees=disputed,
        )
        return audit.id


def route(store: Store, clock: Clock, audit_id: str, *, share_percent: float | None = None) -> None:
    """What the workspace does once both sign-offs are in."""
    with store.session() as session:
        audit = session.get(m.Audit, audit_id)
        assert audit is not None
        recorder = Recorder(session, audit.auditor_id, clock())
        if share_percent is not None:
            write_setting(recorder, MODERATION_SHARE_PERCENT, share_percent)
        route_signed_audit(recorder, audit, clock().date())


def in_moderation(store: Store, clock: Clock, overall: Grade, **kwargs: object) -> str:
    audit_id = submitted_audit(store, clock, overall, **kwargs)  # type: ignore[arg-type]
    route(store, clock, audit_id, share_percent=100.0)
    return audit_id


def cast(svc: Services, audit_id: str) -> Cast:
    with store_of(svc).reader() as session:
        audit = session.get(m.Audit, audit_id)
        assert audit is not None
        auditor_id = audit.auditor_id
        meeting = session.scalar(select(m.Meeting).where(m.Meeting.audit_id == audit_id))
        head_id = meeting.head_of_service_id if meeting else None
    return Cast(
        qa=actor_with(svc, Role.QA_OFFICER, moderator=False),
        moderator=actor_with(svc, Role.SERVICE_MANAGER, moderator=True, not_id=auditor_id),
        practitioner=actor_with(svc, Role.PRACTITIONER),
        auditor=svc.directory.actor(auditor_id),
        head=svc.directory.actor(head_id) if head_id else None,
    )


def meeting_for(store: Store, audit_id: str) -> m.Meeting | None:
    with store.reader() as session:
        return session.scalar(select(m.Meeting).where(m.Meeting.audit_id == audit_id))


def at(clock_now: datetime, days: int) -> datetime:
    return clock_now + timedelta(days=days)


def service_of(store: Store, audit_id: str) -> str:
    with store.reader() as session:
        audit = session.get(m.Audit, audit_id)
        case = session.get(m.Case, audit.case_id)
        return session.get(m.Team, case.team_id).service_id


def vacate(store: Store, clock: Clock, service_id: str, *roles: Role) -> None:
    """Leave the service's posts of these roles vacant (their holders left: inactive)."""
    with store.session() as session:
        recorder = Recorder(session, None, clock())
        for person in session.scalars(
            select(m.Person).where(
                m.Person.service_id == service_id,
                m.Person.role.in_([r.value for r in roles]),
                m.Person.active.is_(True),
            )
        ):
            recorder.update(person, active=False)


def make_director_of(store: Store, clock: Clock, service_id: str) -> str:
    """An assistant director for the service (one moved over from another service)."""
    with store.session() as session:
        director = session.scalars(
            select(m.Person)
            .where(m.Person.role == Role.ASSISTANT_DIRECTOR.value)
            .order_by(m.Person.name)
        ).first()
        assert director is not None
        Recorder(session, None, clock()).update(
            director, service_id=service_id, area_id=None, active=True
        )
        return director.id

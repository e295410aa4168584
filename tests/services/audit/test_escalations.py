"""Live safeguarding escalations reach the child's team manager and head of service in My work
as soon as the auditor ticks them, and nobody else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.references import audit_reference
from qa_desktop.domain.roles import Role
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.container import Services
from qa_desktop.services.my_work import WorkKind
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.models import new_id
from qa_desktop.store.recorder import Recorder
from tests.followup_helpers import services
from tests.store_access import store_of

NOTE = "Child disclosed new injuries; duty team told"


@dataclass(frozen=True)
class People:
    auditor: Actor
    manager: Actor  # of the child's team
    head: Actor  # of the team's service
    other_manager: Actor  # of another team
    other_head: Actor  # of another service
    adult_worker: Actor
    practitioner: Actor  # in the child's team


def _in_progress_audit(store: Store) -> str:
    with store.reader() as session:
        audit_id = session.scalar(
            select(m.Audit.id)
            .where(m.Audit.state == AuditState.IN_PROGRESS.value, m.Audit.escalation.is_(False))
            .order_by(m.Audit.reference)
        )
    assert audit_id is not None
    return audit_id


def _people(svc: Services, audit_id: str) -> People:
    with store_of(svc).reader() as session:
        audit = session.get(m.Audit, audit_id)
        team = session.get(m.Team, session.get(m.Case, audit.case_id).team_id)
        people = session.scalars(select(m.Person).where(m.Person.active.is_(True))).all()

        def one(role: Role, keep) -> Actor:  # type: ignore[no-untyped-def]
            person = next(p for p in people if p.role == role.value and keep(p))
            return svc.directory.actor(person.id)

        return People(
            auditor=svc.directory.actor(audit.auditor_id),
            manager=one(Role.TEAM_MANAGER, lambda p: p.team_id == team.id),
            head=one(Role.HEAD_OF_SERVICE, lambda p: p.service_id == team.service_id),
            other_manager=one(Role.TEAM_MANAGER, lambda p: p.team_id != team.id),
            other_head=one(Role.HEAD_OF_SERVICE, lambda p: p.service_id != team.service_id),
            adult_worker=one(Role.ADULT_WORKER, lambda p: True),
            practitioner=one(Role.PRACTITIONER, lambda p: p.team_id == team.id),
        )


def _escalate(svc: Services, audit_id: str, auditor: Actor) -> None:
    """What the closing page does: the tick saves at once, the details after a pause."""
    svc.workspace.save(audit_id, auditor, FieldRef.audit("escalation"), True)
    svc.workspace.save(audit_id, auditor, FieldRef.audit("escalation_note"), NOTE)


def _escalated(svc: Services, actor: Actor) -> dict[str, object]:
    return {item.audit_id: item for item in svc.my_work.for_person(actor).escalations}


def test_the_tick_reaches_the_teams_manager_and_head_of_service_at_once(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = _in_progress_audit(demo_store)
    people = _people(svc, audit_id)
    before = svc.my_work.for_person(people.manager)
    assert audit_id not in _escalated(svc, people.manager)

    _escalate(svc, audit_id, people.auditor)

    for receiver in (people.manager, people.head):
        work = svc.my_work.for_person(receiver)
        item = next(i for i in work.escalations if i.audit_id == audit_id)
        assert item.kind is WorkKind.ESCALATION
        with demo_store.reader() as session:
            audit = session.get(m.Audit, audit_id)
            case = session.get(m.Case, audit.case_id)
            assert item.reference == audit.reference and item.case_reference == case.reference
            assert item.team == session.get(m.Team, case.team_id).name
        assert item.raised_by == people.auditor.person.name
        assert item.raised_at is not None and item.raised_at.date() == clock().date()
        assert item.description == NOTE
        assert item.state is AuditState.IN_PROGRESS
    # The count in the navigation takes it in.
    assert svc.my_work.for_person(people.manager).count == before.count + 1


def test_nobody_else_sees_the_escalation(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = _in_progress_audit(demo_store)
    people = _people(svc, audit_id)
    _escalate(svc, audit_id, people.auditor)
    for outsider in (
        people.other_manager,
        people.other_head,
        people.adult_worker,
        people.practitioner,
        people.auditor,
    ):
        assert audit_id not in _escalated(svc, outsider), outsider.person.role


def test_unticking_takes_it_off_and_a_deleted_audit_never_shows(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = _in_progress_audit(demo_store)
    people = _people(svc, audit_id)
    _escalate(svc, audit_id, people.auditor)
    svc.workspace.save(audit_id, people.auditor, FieldRef.audit("escalation"), False)
    assert audit_id not in _escalated(svc, people.manager)

    _escalate(svc, audit_id, people.auditor)
    assert audit_id in _escalated(svc, people.manager)
    with demo_store.session() as session:
        Recorder(session, None, clock()).update(session.get(m.Audit, audit_id), deleted_at=clock())
    assert audit_id not in _escalated(svc, people.manager)


def test_a_closed_audits_escalation_stays_thirty_days_from_when_it_was_raised(
    demo_store, clock
) -> None:
    svc = services(demo_store, clock)
    audit_id = _in_progress_audit(demo_store)
    people = _people(svc, audit_id)
    _escalate(svc, audit_id, people.auditor)
    with demo_store.session() as session:
        Recorder(session, people.auditor.id, clock()).update(
            session.get(m.Audit, audit_id),
            state=AuditState.CLOSED.value,
            closed_on=clock().date(),
        )

    def seen_on(days: int) -> bool:
        later = services(demo_store, fixed_clock(clock() + timedelta(days=days)))
        return audit_id in _escalated(later, people.head)

    assert seen_on(0) and seen_on(30)
    assert not seen_on(31)
    # Reopened, it is open again and shows however long ago it was raised.
    with demo_store.session() as session:
        Recorder(session, people.auditor.id, clock()).update(
            session.get(m.Audit, audit_id), state=AuditState.IN_PROGRESS.value
        )
    assert seen_on(90)


def test_who_raised_it_comes_from_the_history_or_else_the_auditor(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = _in_progress_audit(demo_store)
    people = _people(svc, audit_id)
    # A seed record (the demo builder writes no per-row history): the auditor is named and
    # the time is not known.
    with demo_store.session() as session:
        session.execute(update(m.Audit).where(m.Audit.id == audit_id).values(escalation=True))
    item = _escalated(svc, people.manager)[audit_id]
    assert item.raised_by == people.auditor.person.name and item.raised_at is None

    # A tick that came with a pull keeps its own author and time in the history.
    pulled_at = datetime(2026, 11, 18, 14, 30, tzinfo=UTC)
    with demo_store.session() as session:
        session.execute(update(m.Audit).where(m.Audit.id == audit_id).values(escalation=False))
        Recorder(session, people.head.id, pulled_at, capture=False).update(
            session.get(m.Audit, audit_id), escalation=True
        )
    item = _escalated(svc, people.manager)[audit_id]
    assert item.raised_by == people.head.person.name
    assert item.raised_at is not None and item.raised_at.replace(tzinfo=UTC) == pulled_at

    # An audit that first arrives already ticked: its insert names who and when.
    copy_id = new_id()
    inserted_at = datetime(2026, 11, 19, 9, 15, tzinfo=UTC)
    with demo_store.session() as session:
        audit = session.get(m.Audit, audit_id)
        values = {c.name: getattr(audit, c.name) for c in m.Audit.__table__.columns}
        values.update(id=copy_id, reference=audit_reference(copy_id), escalation=True)
        Recorder(session, people.auditor.id, inserted_at, capture=False).insert(m.Audit, **values)
    item = _escalated(svc, people.head)[copy_id]
    assert item.raised_by == people.auditor.person.name
    assert item.raised_at is not None and item.raised_at.replace(tzinfo=UTC) == inserted_at

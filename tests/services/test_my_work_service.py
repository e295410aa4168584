"""My work through the service: what each person has due and overdue, on the injected date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.errors import PermissionRefused
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.followup.meetings import ActionDraft, MeetingNotes
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.services.my_work import WorkKind
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.followup_helpers import actor_with, cast, in_moderation, meeting_for, services


def _confirmed_inadequate(svc, store, clock) -> tuple[str, object]:
    audit_id = in_moderation(store, clock, Grade.INADEQUATE)
    people = cast(svc, audit_id)
    case = svc.moderation.case(audit_id, people.moderator)
    svc.moderation.moderate(
        audit_id, [Decision(a.section_id, a.auditor_grade) for a in case.areas], people.moderator
    )
    return audit_id, cast(svc, audit_id)


def test_each_list_holds_only_what_is_the_persons(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    for person in svc.directory.people():
        actor = svc.directory.actor(person.id)
        work = svc.my_work.for_person(actor)
        assert work.on == date(2026, 11, 20)
        with demo_store.reader() as session:
            for item in work.audits:
                audit = session.get(m.Audit, item.id)
                assert audit.auditor_id == person.id
                assert audit.state in ("planned", "in_progress")
            for item in work.meetings:
                meeting = session.get(m.Meeting, item.id)
                assert meeting.signed_off_at is None
                # Someone else's meeting only for the QA team, when it is late or a stand-in's.
                assert (meeting.head_of_service_id == person.id) is item.own
                assert item.own or (
                    actor.can(Capability.MANAGE_PROGRAMME) and (item.overdue or item.stands_in)
                )
            for item in work.actions:
                action = session.get(m.Action, item.id)
                assert action.owner_id == person.id and action.status != "done"
        assert all(item.overdue == (item.due_on < work.on) for item in work.actions)
        if not actor.can(Capability.MODERATE):
            assert work.moderation == ()


def test_the_moderation_queue_shows_for_moderators_but_not_their_own_audits(
    demo_store, clock
) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.OUTSTANDING)
    people = cast(svc, audit_id)
    assert audit_id in {i.audit_id for i in svc.my_work.for_person(people.moderator).moderation}
    assert svc.my_work.for_person(people.practitioner).moderation == ()
    with demo_store.session() as session:
        Recorder(session, None, clock()).update(
            session.get(m.Audit, audit_id), auditor_id=people.moderator.id
        )
    assert audit_id not in {i.audit_id for i in svc.my_work.for_person(people.moderator).moderation}


def test_the_meeting_is_in_the_head_of_services_work_and_overdue_after_its_date(
    demo_store, clock
) -> None:
    svc = services(demo_store, clock)
    audit_id, people = _confirmed_inadequate(svc, demo_store, clock)
    meeting = meeting_for(demo_store, audit_id)
    item = next(i for i in svc.my_work.for_person(people.head).meetings if i.id == meeting.id)
    assert item.due_on == date(2026, 11, 27) and not item.overdue
    after = services(demo_store, fixed_clock(datetime(2026, 11, 30, 9, tzinfo=UTC)))
    late = next(i for i in after.my_work.for_person(people.head).meetings if i.id == meeting.id)
    assert late.overdue


def test_the_reaudit_appears_in_the_auditors_work_due_six_weeks_after_the_meeting(
    demo_store, clock
) -> None:
    svc = services(demo_store, clock)
    audit_id, people = _confirmed_inadequate(svc, demo_store, clock)
    meeting = meeting_for(demo_store, audit_id)
    before = svc.my_work.for_person(people.auditor)
    assert before.reaudits == ()
    notes = MeetingNotes(
        held_on=date(2026, 11, 20),
        attendees="Head of service, auditor",
        barriers="",
        lived_experience="",
        new_actions=(ActionDraft("Review the plan", people.practitioner.id, date(2026, 12, 11)),),
    )
    svc.meetings.save(meeting.id, notes, people.head, sign_off=True)
    work = svc.my_work.for_person(people.auditor)
    (reaudit,) = work.reaudits
    assert reaudit.kind is WorkKind.REAUDIT and reaudit.state is AuditState.PLANNED
    # Six weeks on is New Year's Day: due the next working day.
    assert reaudit.due_on == date(2027, 1, 4) and not reaudit.overdue
    assert reaudit in work.audits
    assert work.count == len(before.audits) + 1 + len(work.moderation) + len(work.meetings) + len(
        work.actions
    )
    # The practitioner now owns the action agreed at the meeting.
    owned = svc.my_work.for_person(people.practitioner).actions
    assert any(a.description == "Review the plan" and not a.overdue for a in owned)
    # After the due date (injected clock) the re-audit shows as overdue.
    later = services(demo_store, fixed_clock(datetime(2027, 1, 5, 9, tzinfo=UTC)))
    overdue = next(i for i in later.my_work.for_person(people.auditor).reaudits)
    assert overdue.id == reaudit.id and overdue.overdue
    with demo_store.reader() as session:
        assert session.get(m.Audit, reaudit.id).state == AuditState.PLANNED.value
    assert later.my_work.for_person(people.auditor).overdue >= 1


def test_done_and_deleted_actions_are_not_in_my_work(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    with demo_store.reader() as session:
        owner_id = session.scalar(
            select(m.Action.owner_id).where(m.Action.status == "open").limit(1)
        )
        open_ids = set(
            session.scalars(
                select(m.Action.id).where(m.Action.owner_id == owner_id, m.Action.status == "open")
            )
        )
    actor = svc.directory.actor(owner_id)
    assert {i.id for i in svc.my_work.for_person(actor).actions} == open_ids
    assert all(i.reference.startswith("QA-") for i in svc.my_work.for_person(actor).actions)


def test_the_demo_gives_people_work_to_see(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    qa_moderator = actor_with(svc, Role.QA_OFFICER, moderator=True)
    assert svc.my_work.for_person(qa_moderator).moderation


def test_the_owner_marks_an_action_done_and_it_leaves_my_work(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    with demo_store.reader() as session:
        action = session.scalars(select(m.Action).where(m.Action.status == "open")).first()
        owner_id, action_id = action.owner_id, action.id
    owner = svc.directory.actor(owner_id)
    other = actor_with(svc, Role.QA_OFFICER)
    with pytest.raises(PermissionRefused):
        svc.my_work.complete_action(action_id, other)
    assert action_id in {i.id for i in svc.my_work.for_person(owner).actions}
    svc.my_work.complete_action(action_id, owner)
    assert action_id not in {i.id for i in svc.my_work.for_person(owner).actions}
    with demo_store.reader() as session:
        done = session.get(m.Action, action_id)
        assert (done.status, done.completed_on) == ("done", date(2026, 11, 20))
        history = session.scalars(
            select(m.History.field).where(
                m.History.row_id == action_id, m.History.actor_id == owner_id
            )
        ).all()
        assert set(history) == {"status", "completed_on"}

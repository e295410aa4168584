"""Reflective meetings through the service: notes and SMART actions, bad input refused with
nothing written, the head of service's sign-off, the re-audit it plans, and the grade movement
recorded when that re-audit is closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.follow_up import Movement
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.published_settings import REAUDIT_WEEKS
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.followup.meetings import ActionDraft, MeetingNotes
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.services.followup.routing import confirm_grade
from qa_desktop.services.published import write_setting
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.followup_helpers import (
    actor_with,
    cast,
    in_moderation,
    meeting_for,
    route,
    services,
    submitted_audit,
)
from tests.store_access import store_of

HELD = date(2026, 11, 19)


@pytest.fixture
def inadequate(demo_store, clock):
    """An Inadequate audit confirmed by moderation: its meeting is due, not yet held."""
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.INADEQUATE)
    moderator = cast(svc, audit_id).moderator
    case = svc.moderation.case(audit_id, moderator)
    svc.moderation.moderate(
        audit_id, [Decision(a.section_id, a.auditor_grade) for a in case.areas], moderator
    )
    meeting = meeting_for(demo_store, audit_id)
    assert meeting is not None
    return svc, audit_id, meeting.id, cast(svc, audit_id)


def _notes(people, **changes) -> MeetingNotes:
    notes = MeetingNotes(
        held_on=HELD,
        attendees="Head of service, auditor, practitioner, team manager",
        barriers="Three changes of social worker in a year.",
        lived_experience="The child says nobody tells them what is happening.",
        new_actions=(
            ActionDraft("Agree a new child protection plan", people.auditor.id, date(2026, 12, 4)),
        ),
    )
    return replace(notes, **changes)


def _meeting(store, meeting_id: str) -> m.Meeting:
    with store.reader() as session:
        return session.get(m.Meeting, meeting_id)


def test_the_head_of_service_records_the_meeting_and_its_actions(inadequate) -> None:
    svc, _audit_id, meeting_id, people = inadequate
    detail = svc.meetings.save(meeting_id, _notes(people), people.head)
    assert detail.row.held_on == HELD
    assert detail.attendees.startswith("Head of service")
    assert detail.barriers and detail.lived_experience
    assert [(a.description, a.owner, a.due_on) for a in detail.actions] == [
        ("Agree a new child protection plan", people.auditor.person.name, date(2026, 12, 4))
    ]
    assert not detail.row.signed_off
    assert meeting_id in {r.id for r in svc.meetings.meetings(people.head)}


def test_a_meeting_without_attendees_is_refused_and_nothing_is_written(inadequate) -> None:
    svc, _audit_id, meeting_id, people = inadequate
    with pytest.raises(ValidationError, match="List who attended"):
        svc.meetings.save(meeting_id, _notes(people, attendees="  "), people.head)
    stored = _meeting(store_of(svc), meeting_id)
    assert stored.held_on is None and stored.barriers == ""
    assert svc.meetings.detail(meeting_id).actions == ()


def test_an_action_due_in_the_past_is_refused_and_nothing_is_written(inadequate) -> None:
    svc, _audit_id, meeting_id, people = inadequate
    late = ActionDraft("Review the plan", people.auditor.id, date(2026, 11, 19))
    with pytest.raises(
        ValidationError, match="Action 2 is due on 19 Nov 2026, which is in the past"
    ):
        svc.meetings.save(
            meeting_id,
            _notes(people, new_actions=(_notes(people).new_actions[0], late)),
            people.head,
        )
    assert svc.meetings.detail(meeting_id).actions == ()
    assert _meeting(store_of(svc), meeting_id).attendees == ""


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (ActionDraft("", "someone", date(2026, 12, 1)), "say what is to be done"),
        (ActionDraft("Visit", None, date(2026, 12, 1)), "choose who owns it"),
        (ActionDraft("Visit", "someone", None), "give the date it is due"),
    ],
)
def test_an_action_must_say_what_who_and_when(inadequate, draft, message) -> None:
    svc, _audit_id, meeting_id, people = inadequate
    with pytest.raises(ValidationError, match=message):
        svc.meetings.save(meeting_id, _notes(people, new_actions=(draft,)), people.head)


def test_a_meeting_dated_in_the_future_or_undated_is_refused(inadequate) -> None:
    svc, _audit_id, meeting_id, people = inadequate
    with pytest.raises(ValidationError, match="is in the future"):
        svc.meetings.save(meeting_id, _notes(people, held_on=date(2026, 11, 23)), people.head)
    with pytest.raises(ValidationError, match="date the meeting was held"):
        svc.meetings.save(meeting_id, _notes(people, held_on=None), people.head)


def test_only_the_head_of_service_or_the_qa_team_records_it(inadequate) -> None:
    svc, _audit_id, meeting_id, people = inadequate
    other_head = actor_with(svc, Role.HEAD_OF_SERVICE, not_id=people.head.id)
    for someone in (other_head, people.practitioner, people.auditor, people.moderator):
        with pytest.raises(PermissionRefused):
            svc.meetings.save(meeting_id, _notes(people), someone)
    svc.meetings.save(meeting_id, _notes(people), people.qa)
    with pytest.raises(PermissionRefused, match="Only the head of service"):
        svc.meetings.save(meeting_id, _notes(people, new_actions=()), people.qa, sign_off=True)
    assert not _meeting(store_of(svc), meeting_id).signed_off_at


def test_sign_off_needs_an_agreed_action(inadequate) -> None:
    svc, _audit_id, meeting_id, people = inadequate
    with pytest.raises(ValidationError, match="at least one SMART action"):
        svc.meetings.save(meeting_id, _notes(people, new_actions=()), people.head, sign_off=True)
    assert _meeting(store_of(svc), meeting_id).held_on is None


def test_sign_off_plans_the_reaudit_six_weeks_after_the_meeting(inadequate) -> None:
    svc, audit_id, meeting_id, people = inadequate
    detail = svc.meetings.save(meeting_id, _notes(people), people.head, sign_off=True)
    assert detail.row.signed_off
    assert detail.row.reaudit_due_on == HELD + timedelta(weeks=6) == date(2026, 12, 31)
    with store_of(svc).reader() as session:
        original = session.get(m.Audit, audit_id)
        reaudit = session.scalar(select(m.Audit).where(m.Audit.reaudit_of_id == audit_id))
        assert reaudit is not None
        assert reaudit.audit_type == AuditType.REAUDIT.value
        assert reaudit.state == AuditState.PLANNED.value
        assert reaudit.form_version_id == original.form_version_id
        assert reaudit.case_id == original.case_id
        assert reaudit.auditor_id == original.auditor_id
        assert reaudit.due_on == date(2026, 12, 31)
        assert reaudit.reference.startswith("QA-") and reaudit.reference != original.reference
    assert detail.row.reaudit is not None and detail.row.reaudit.movement is None
    with pytest.raises(ValidationError, match="signed off"):
        svc.meetings.save(meeting_id, _notes(people), people.head)


def test_the_reaudit_interval_is_a_setting(inadequate) -> None:
    svc, _audit_id, meeting_id, people = inadequate
    with store_of(svc).session() as session:
        write_setting(Recorder(session, people.qa.id, svc.clock()), REAUDIT_WEEKS, 4)
    detail = svc.meetings.save(meeting_id, _notes(people), people.head, sign_off=True)
    assert detail.row.reaudit_due_on == date(2026, 12, 17)


def test_a_closed_reaudit_records_the_grade_movement(inadequate, demo_store) -> None:
    svc, audit_id, meeting_id, people = inadequate
    svc.meetings.save(meeting_id, _notes(people), people.head, sign_off=True)
    with demo_store.reader() as session:
        reaudit_id = session.scalar(select(m.Audit.id).where(m.Audit.reaudit_of_id == audit_id))
    # Six weeks later the auditor does the re-audit and grades it Requires Improvement.
    later = fixed_clock(svc.clock() + timedelta(weeks=6))
    with demo_store.session() as session:
        reaudit = session.get(m.Audit, reaudit_id)
        recorder = Recorder(session, reaudit.auditor_id, later())
        recorder.update(
            reaudit,
            state=AuditState.SUBMITTED.value,
            overall_grade=Grade.REQUIRES_IMPROVEMENT.value,
            submitted_on=later().date(),
        )
    route(demo_store, later, reaudit_id, share_percent=0.0)
    with demo_store.reader() as session:
        outcome = session.scalar(
            select(m.ReauditOutcome).where(m.ReauditOutcome.reaudit_id == reaudit_id)
        )
        assert (outcome.original_grade, outcome.reaudit_grade) == (
            "inadequate",
            "requires_improvement",
        )
        assert outcome.original_id == audit_id
    row = next(r for r in svc.meetings.meetings(people.head) if r.id == meeting_id)
    assert row.reaudit.original_grade is Grade.INADEQUATE
    assert row.reaudit.reaudit_grade is Grade.REQUIRES_IMPROVEMENT
    assert row.reaudit.movement is Movement.UP


@pytest.mark.parametrize(
    ("confirmed", "due"),
    [
        (date(2026, 12, 24), date(2027, 1, 5)),  # Christmas, Boxing Day (Mon 28th), New Year
        (date(2027, 3, 24), date(2027, 4, 2)),  # Good Friday and Easter Monday
        (date(2026, 11, 20), date(2026, 11, 27)),  # a Friday: the weekend
    ],
)
def test_an_unmoderated_inadequate_makes_its_meeting_fall_due_in_working_days(
    demo_store, clock, confirmed: date, due: date
) -> None:
    audit_id = submitted_audit(demo_store, clock, Grade.INADEQUATE)
    with demo_store.session() as session:
        # Confirmed at submit: the audit was closed without moderation.
        audit = session.get(m.Audit, audit_id)
        confirm_grade(Recorder(session, None, clock()), audit, Grade.INADEQUATE, confirmed)
    meeting = meeting_for(demo_store, audit_id)
    assert meeting.due_on == due
    svc = services(demo_store, clock)
    head = svc.directory.actor(meeting.head_of_service_id)
    assert meeting.id in {i.id for i in svc.my_work.for_person(head).meetings}


def test_heads_see_their_own_meetings_and_the_qa_team_sees_all(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    heads = [p for p in svc.directory.people() if p.role is Role.HEAD_OF_SERVICE]
    everything = svc.meetings.meetings(actor_with(svc, Role.QA_OFFICER))
    assert everything
    for head in heads:
        mine = svc.meetings.meetings(svc.directory.actor(head.id))
        assert all(r.head_of_service_id == head.id for r in mine)
        assert {r.id for r in mine} == {r.id for r in everything if r.head_of_service_id == head.id}
    assert svc.meetings.meetings(actor_with(svc, Role.PRACTITIONER)) == []

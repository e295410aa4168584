"""Follow-up that never drops a child's case: a vacant head of service post still gives a due
meeting with a named owner; every date is England's; re-audits fall on working days and are
planned once the meeting is held; an overdue meeting reaches the QA team; an Inadequate area
and a Back to the Floor case go to moderation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.moderation import SelectionReason
from qa_desktop.domain.published_settings import MODERATION_SHARE_PERCENT, REAUDIT_ON_WORKING_DAY
from qa_desktop.domain.roles import Role
from qa_desktop.errors import ValidationError
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.container import Services
from qa_desktop.services.followup.meetings import ActionDraft, MeetingNotes
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.services.programme.bttf import CaseRecordEntry, VisitPlan
from qa_desktop.services.published import write_setting
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder
from tests.followup_helpers import (
    actor_with,
    cast,
    in_moderation,
    make_director_of,
    meeting_for,
    route,
    service_of,
    services,
    submitted_audit,
    vacate,
)
from tests.store_access import store_of

# 00:30 on Thursday 3 June 2027 in England (British Summer Time): still 2 June in UTC.
JUST_AFTER_MIDNIGHT_BST = datetime(2027, 6, 2, 23, 30, tzinfo=UTC)


def _agree_all(svc: Services, audit_id: str, moderator: Actor) -> None:
    case = svc.moderation.case(audit_id, moderator)
    svc.moderation.moderate(
        audit_id, [Decision(a.section_id, a.auditor_grade) for a in case.areas], moderator
    )


def _notes(owner_id: str, held: date) -> MeetingNotes:
    return MeetingNotes(
        held_on=held,
        attendees="Assistant director, auditor, practitioner",
        barriers="The post of head of service is vacant.",
        lived_experience="The child has had four workers this year.",
        new_actions=(ActionDraft("Agree a new plan", owner_id, date(2026, 12, 18)),),
    )


# -- 1. a vacant head of service post ----------------------------------------------------------


def test_a_vacant_head_of_service_post_gives_the_meeting_to_the_assistant_director(
    demo_store, clock
) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.INADEQUATE)
    service_id = service_of(demo_store, audit_id)
    vacate(demo_store, clock, service_id, Role.HEAD_OF_SERVICE, Role.ASSISTANT_DIRECTOR)
    director_id = make_director_of(demo_store, clock, service_id)
    _agree_all(svc, audit_id, cast(svc, audit_id).moderator)

    meeting = meeting_for(demo_store, audit_id)
    assert meeting is not None, "no meeting: the Inadequate audit was dropped"
    assert meeting.head_of_service_id == director_id
    assert meeting.due_on == date(2026, 11, 27)  # five working days after Friday 20 November

    director = svc.directory.actor(director_id)
    mine = {i.id: i for i in svc.my_work.for_person(director).meetings}
    assert mine[meeting.id].own and mine[meeting.id].stands_in
    qa = actor_with(svc, Role.QA_OFFICER, moderator=False)
    watched = {i.id: i for i in svc.my_work.for_person(qa).meetings}
    assert meeting.id in watched and not watched[meeting.id].own
    assert watched[meeting.id].held_by == director.person.name and watched[meeting.id].stands_in
    row = next(r for r in svc.meetings.meetings(qa) if r.id == meeting.id)
    assert row.stands_in and row.head_of_service_id == director_id

    # The person standing in records the meeting and signs it off like a head of service.
    detail = svc.meetings.save(
        meeting.id, _notes(director_id, date(2026, 11, 19)), director, sign_off=True
    )
    assert detail.row.signed_off and detail.row.reaudit_due_on == date(2026, 12, 31)
    assert meeting.id not in {i.id for i in svc.my_work.for_person(qa).meetings}


def test_with_no_assistant_director_either_the_qa_team_holds_the_meeting(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.INADEQUATE)
    service_id = service_of(demo_store, audit_id)
    vacate(demo_store, clock, service_id, Role.HEAD_OF_SERVICE, Role.ASSISTANT_DIRECTOR)
    _agree_all(svc, audit_id, cast(svc, audit_id).moderator)

    meeting = meeting_for(demo_store, audit_id)
    assert meeting is not None
    officers = sorted(
        (p for p in svc.directory.people() if p.role is Role.QA_OFFICER),
        key=lambda p: (p.name, p.id),
    )
    assert meeting.head_of_service_id == officers[0].id  # named: the first QA officer
    for officer in officers:  # every QA officer sees it in My work
        items = {i.id: i for i in svc.my_work.for_person(svc.directory.actor(officer.id)).meetings}
        assert items[meeting.id].stands_in
        assert items[meeting.id].own is (officer.id == officers[0].id)


def test_an_unmoderated_inadequate_audit_with_a_vacant_post_still_gets_its_meeting(
    demo_store, clock
) -> None:
    audit_id = submitted_audit(demo_store, clock, Grade.INADEQUATE)
    service_id = service_of(demo_store, audit_id)
    vacate(demo_store, clock, service_id, Role.HEAD_OF_SERVICE)
    route(demo_store, clock, audit_id, share_percent=0.0)  # Inadequate: always moderated
    svc = services(demo_store, clock)
    assert audit_id in {i.audit_id for i in svc.moderation.queue(cast(svc, audit_id).moderator)}
    _agree_all(svc, audit_id, cast(svc, audit_id).moderator)
    assert meeting_for(demo_store, audit_id) is not None


# -- 2. England's clock ------------------------------------------------------------------------


def test_a_moderation_just_after_midnight_in_summer_is_dated_that_day(demo_store) -> None:
    clock = fixed_clock(JUST_AFTER_MIDNIGHT_BST)
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.INADEQUATE)
    moderator = cast(svc, audit_id).moderator
    case = svc.moderation.case(audit_id, moderator)
    result = svc.moderation.moderate(
        audit_id, [Decision(a.section_id, a.auditor_grade) for a in case.areas], moderator
    )
    # 3 June, not 2 June: the meeting is due five working days later, 10 June (not 9 June).
    assert result.meeting_due_on == date(2027, 6, 10)
    with demo_store.reader() as session:
        assert session.get(m.Audit, audit_id).closed_on == date(2027, 6, 3)
    assert svc.my_work.for_person(moderator).on == date(2027, 6, 3)


def test_an_action_due_yesterday_in_england_is_overdue_after_midnight(demo_store) -> None:
    with demo_store.session() as session:
        action = session.scalars(
            select(m.Action).where(m.Action.status == "open").order_by(m.Action.id)
        ).first()
        Recorder(session, None, JUST_AFTER_MIDNIGHT_BST).update(action, due_on=date(2027, 6, 2))
        action_id, owner_id = action.id, action.owner_id

    def overdue(moment: datetime) -> bool:
        svc = services(demo_store, fixed_clock(moment))
        work = svc.my_work.for_person(svc.directory.actor(owner_id))
        return next(i for i in work.actions if i.id == action_id).overdue

    assert overdue(JUST_AFTER_MIDNIGHT_BST)  # 00:30 on 3 June in England
    assert not overdue(JUST_AFTER_MIDNIGHT_BST - timedelta(hours=1))  # 23:30 on 2 June


def test_the_auditors_sign_off_is_dated_by_englands_clock(demo_store) -> None:
    from qa_desktop.services.audit.workspace import WorkspaceService
    from tests.services.audit.workspace_helpers import an_assignment, complete

    service = WorkspaceService(demo_store, fixed_clock(JUST_AFTER_MIDNIGHT_BST))
    a = an_assignment(demo_store)
    service.start_assignment(a.audit_id, a.auditor)
    complete(service, a, date(2027, 6, 3))
    service.sign_off_as_auditor(a.audit_id, a.auditor)
    with demo_store.reader() as session:
        audit = session.get(m.Audit, a.audit_id)
        assert (audit.started_on, audit.submitted_on, audit.completed_on) == (
            date(2027, 6, 3),
            date(2027, 6, 3),
            date(2027, 6, 3),
        )


# -- 3 and 4. the re-audit: on a working day, planned once the meeting is held ----------------


@dataclass(frozen=True)
class Confirmed:
    svc: Services
    audit_id: str
    meeting_id: str
    head: Actor
    auditor: Actor
    qa: Actor


@pytest.fixture
def confirmed(demo_store, clock) -> Confirmed:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.INADEQUATE)
    _agree_all(svc, audit_id, cast(svc, audit_id).moderator)
    meeting = meeting_for(demo_store, audit_id)
    assert meeting is not None
    people = cast(svc, audit_id)
    assert people.head is not None
    return Confirmed(
        svc, audit_id, meeting.id, people.head, people.auditor, actor_with(svc, Role.QA_OFFICER)
    )


def _reaudit(store: Store, audit_id: str) -> m.Audit | None:
    with store.reader() as session:
        return session.scalar(select(m.Audit).where(m.Audit.reaudit_of_id == audit_id))


def test_a_reaudit_falling_on_christmas_day_is_due_the_next_working_day(confirmed) -> None:
    c = confirmed
    # Held Friday 13 November: six weeks on is Friday 25 December; Boxing Day is observed on
    # Monday 28th, so the re-audit is due Tuesday 29 December.
    detail = c.svc.meetings.save(
        c.meeting_id, _notes(c.auditor.id, date(2026, 11, 13)), c.head, sign_off=True
    )
    assert detail.row.reaudit_due_on == date(2026, 12, 29)
    assert _reaudit(store_of(c.svc), c.audit_id).due_on == date(2026, 12, 29)


def test_the_working_day_rule_is_a_published_setting(confirmed) -> None:
    c = confirmed
    with store_of(c.svc).session() as session:
        write_setting(Recorder(session, c.qa.id, c.svc.clock()), REAUDIT_ON_WORKING_DAY, False)
    detail = c.svc.meetings.save(c.meeting_id, _notes(c.auditor.id, date(2026, 11, 13)), c.head)
    assert detail.row.reaudit_due_on == date(2026, 12, 25)


def test_a_meeting_held_but_not_signed_off_already_plans_the_reaudit(confirmed) -> None:
    c = confirmed
    assert _reaudit(store_of(c.svc), c.audit_id) is None
    detail = c.svc.meetings.save(c.meeting_id, _notes(c.auditor.id, date(2026, 11, 19)), c.head)
    assert not detail.row.signed_off
    reaudit = _reaudit(store_of(c.svc), c.audit_id)
    assert reaudit is not None and reaudit.state == AuditState.PLANNED.value
    assert reaudit.audit_type == AuditType.REAUDIT.value
    assert reaudit.due_on == detail.row.reaudit_due_on == date(2026, 12, 31)
    assert reaudit.id in {i.id for i in c.svc.my_work.for_person(c.auditor).reaudits}
    # The meeting date corrected: the re-audit, not yet started, follows it (once only).
    c.svc.meetings.save(c.meeting_id, _notes(c.auditor.id, date(2026, 11, 18)), c.head)
    with store_of(c.svc).reader() as session:
        reaudits = session.scalars(select(m.Audit).where(m.Audit.reaudit_of_id == c.audit_id)).all()
    assert [r.due_on for r in reaudits] == [date(2026, 12, 30)]
    # Signing off later keeps the same re-audit.
    c.svc.meetings.save(
        c.meeting_id, _notes(c.auditor.id, date(2026, 11, 18)), c.head, sign_off=True
    )
    assert _reaudit(store_of(c.svc), c.audit_id).id == reaudits[0].id


def test_an_overdue_meeting_is_in_the_qa_teams_my_work(confirmed, demo_store) -> None:
    c = confirmed
    # On time (due Friday 27 November), the head of service's meeting is theirs alone.
    assert c.meeting_id not in {i.id for i in c.svc.my_work.for_person(c.qa).meetings}
    later = services(demo_store, fixed_clock(datetime(2026, 11, 30, 9, tzinfo=UTC)))
    watched = {i.id: i for i in later.my_work.for_person(c.qa).meetings}
    assert watched[c.meeting_id].overdue and not watched[c.meeting_id].own
    assert watched[c.meeting_id].held_by == c.head.person.name
    assert later.my_work.for_person(c.qa).overdue >= 1


# -- 5. an Inadequate practice area ------------------------------------------------------------


def test_an_inadequate_area_goes_to_moderation_whatever_the_overall_grade(
    demo_store, clock
) -> None:
    svc = services(demo_store, clock)
    audit_id = submitted_audit(demo_store, clock, Grade.REQUIRES_IMPROVEMENT)
    with demo_store.session() as session:
        review = session.scalars(
            select(m.SectionReview)
            .where(m.SectionReview.audit_id == audit_id)
            .order_by(m.SectionReview.section_id)
        ).first()
        Recorder(session, None, clock()).update(review, grade=Grade.INADEQUATE.value)
    route(demo_store, clock, audit_id, share_percent=0.0)
    with demo_store.reader() as session:
        assert session.get(m.Audit, audit_id).state == AuditState.IN_MODERATION.value
    moderator = cast(svc, audit_id).moderator
    item = next(i for i in svc.moderation.queue(moderator) if i.audit_id == audit_id)
    assert item.reason is SelectionReason.INADEQUATE_AREA
    assert svc.moderation.case(audit_id, moderator).reason is SelectionReason.INADEQUATE_AREA


# -- 6. Back to the Floor ----------------------------------------------------------------------


def test_a_back_to_the_floor_inadequate_case_goes_through_moderation_to_a_meeting(
    demo_store, clock
) -> None:
    svc = services(demo_store, clock)
    officer = actor_with(svc, Role.QA_OFFICER)
    heads = [p for p in svc.directory.people() if p.role is Role.HEAD_OF_SERVICE]
    with demo_store.reader() as session:
        team_id = session.scalars(select(m.Team.id).order_by(m.Team.name)).first()
    with demo_store.session() as session:  # no random share: only the rules choose
        write_setting(Recorder(session, officer.id, clock()), MODERATION_SHARE_PERCENT, 0.0)
    visit_id = svc.bttf.schedule_visit(
        VisitPlan(team_id, 2026, date(2026, 11, 18), heads[0].id, (heads[1].id,)), officer
    )
    inadequate, good = svc.bttf.draw_cases(visit_id, 2, seed=3, actor=officer)
    answers = {"BC1": "Nobody has seen the child since the summer.", "BC2": "no"}

    state = svc.bttf.record_case(
        CaseRecordEntry(inadequate.audit_id, answers, Grade.INADEQUATE), officer
    )
    assert state is AuditState.IN_MODERATION
    assert (
        svc.bttf.record_case(CaseRecordEntry(good.audit_id, {"BC2": "yes"}, Grade.GOOD), officer)
        is AuditState.CLOSED
    )
    with pytest.raises(ValidationError, match="can no longer be changed"):
        svc.bttf.record_case(CaseRecordEntry(good.audit_id, {}, Grade.INADEQUATE), officer)

    moderator = actor_with(svc, Role.SERVICE_MANAGER, moderator=True)
    queued = {i.audit_id: i for i in svc.moderation.queue(moderator)}
    assert queued[inadequate.audit_id].reason is SelectionReason.INADEQUATE
    assert good.audit_id not in queued
    case = svc.moderation.case(inadequate.audit_id, moderator)
    assert [a.section_id for a in case.areas][-1] == m.OVERALL
    result = svc.moderation.moderate(
        inadequate.audit_id,
        [Decision(a.section_id, a.auditor_grade or Grade.INADEQUATE) for a in case.areas],
        moderator,
    )
    assert result.confirmed is Grade.INADEQUATE and result.meeting_due_on == date(2026, 11, 27)
    meeting = meeting_for(demo_store, inadequate.audit_id)
    assert meeting is not None
    owner = svc.directory.actor(meeting.head_of_service_id)
    assert meeting.id in {i.id for i in svc.my_work.for_person(owner).meetings}
    detail = svc.bttf.detail(visit_id)
    assert {c.audit_id: c.recorded for c in detail.cases} == {
        inadequate.audit_id: True,
        good.audit_id: True,
    }

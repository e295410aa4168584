"""Moderation through the service on a real store: the queue and why each audit is in it,
decisions that keep both grades, refusals by role, and what a confirmed Inadequate sets off."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.moderation import SelectionReason
from qa_desktop.domain.published_settings import MEETING_WORKING_DAYS
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.services.followup.routing import route_signed_audit
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


def _state(store, audit_id: str) -> AuditState:
    with store.reader() as session:
        return AuditState(session.get(m.Audit, audit_id).state)


def _moderations(store, audit_id: str) -> dict[str, m.Moderation]:
    with store.reader() as session:
        return {
            d.section_id: d
            for d in session.scalars(select(m.Moderation).where(m.Moderation.audit_id == audit_id))
        }


def _agree_all(svc, audit_id, actor) -> list[Decision]:
    case = svc.moderation.case(audit_id, actor)
    return [Decision(a.section_id, a.auditor_grade) for a in case.areas]


def test_routed_audits_join_the_queue_with_their_reason(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = submitted_audit(demo_store, clock, Grade.INADEQUATE)
    route(demo_store, clock, audit_id)
    people = cast(svc, audit_id)
    item = next(i for i in svc.moderation.queue(people.moderator) if i.audit_id == audit_id)
    assert item.reason is SelectionReason.INADEQUATE
    assert item.added_by == ""
    assert item.submitted_on == date(2026, 11, 19)
    assert item.due_on == date(2026, 12, 3) and not item.overdue


def test_a_good_audit_outside_the_random_share_closes_without_moderation(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = submitted_audit(demo_store, clock, Grade.GOOD)
    route(demo_store, clock, audit_id, share_percent=0.0)
    assert _state(demo_store, audit_id) is AuditState.CLOSED
    qa = actor_with(svc, Role.QA_OFFICER)
    assert audit_id not in {i.audit_id for i in svc.moderation.queue(qa)}


def test_the_queue_is_for_moderators_and_the_qa_team(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    with pytest.raises(PermissionRefused):
        svc.moderation.queue(actor_with(svc, Role.PRACTITIONER))
    with pytest.raises(PermissionRefused):
        svc.moderation.queue(actor_with(svc, Role.TEAM_MANAGER))
    assert svc.moderation.queue(actor_with(svc, Role.QA_OFFICER, moderator=False))


def test_a_moderator_agrees_and_both_grades_are_kept(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.GOOD)
    people = cast(svc, audit_id)
    case = svc.moderation.case(audit_id, people.moderator)
    assert [a.section_id for a in case.areas][-1] == m.OVERALL
    assert case.reason is SelectionReason.RANDOM_SHARE
    result = svc.moderation.moderate(
        audit_id, _agree_all(svc, audit_id, people.moderator), people.moderator
    )
    assert result.changed == 0 and result.confirmed is Grade.GOOD
    assert result.meeting_due_on is None
    decisions = _moderations(demo_store, audit_id)
    assert len(decisions) == len(case.areas)
    assert all(d.auditor_grade == d.moderated_grade == "good" for d in decisions.values())
    assert all(d.moderator_id == people.moderator.id for d in decisions.values())
    assert _state(demo_store, audit_id) is AuditState.CLOSED
    assert audit_id not in {i.audit_id for i in svc.moderation.queue(people.moderator)}


def test_a_changed_grade_keeps_both_grades_and_the_reason(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.GOOD)
    people = cast(svc, audit_id)
    decisions = _agree_all(svc, audit_id, people.moderator)
    first = decisions[0].section_id
    decisions[0] = Decision(first, Grade.REQUIRES_IMPROVEMENT, "No plan for the child's school.")
    decisions[-1] = Decision(m.OVERALL, Grade.REQUIRES_IMPROVEMENT, "In line with the areas.")
    result = svc.moderation.moderate(audit_id, decisions, people.moderator)
    assert result.changed == 2 and result.confirmed is Grade.REQUIRES_IMPROVEMENT
    kept = _moderations(demo_store, audit_id)
    assert (kept[first].auditor_grade, kept[first].moderated_grade) == (
        "good",
        "requires_improvement",
    )
    assert kept[first].reason == "No plan for the child's school."
    with demo_store.reader() as session:
        audit = session.get(m.Audit, audit_id)
        assert audit.overall_grade == "good"  # the auditor's grade stays as it was
        history = session.scalar(
            select(func.count())
            .select_from(m.History)
            .where(m.History.table_name == "moderations", m.History.actor_id == people.moderator.id)
        )
        assert history == len(kept)
        event = session.scalars(
            select(m.AuditEvent)
            .where(m.AuditEvent.audit_id == audit_id, m.AuditEvent.actor_id == people.moderator.id)
            .order_by(m.AuditEvent.at.desc(), m.AuditEvent.to_state)
        ).first()
        assert (event.from_state, event.to_state) == ("in_moderation", "closed")


def test_a_changed_grade_without_a_reason_is_refused_and_nothing_is_written(
    demo_store, clock
) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.GOOD)
    people = cast(svc, audit_id)
    decisions = _agree_all(svc, audit_id, people.moderator)
    decisions[1] = Decision(decisions[1].section_id, Grade.INADEQUATE, "   ")
    title = svc.moderation.case(audit_id, people.moderator).areas[1].title
    with pytest.raises(ValidationError, match=f"Give a reason for changing the {title} grade"):
        svc.moderation.moderate(audit_id, decisions, people.moderator)
    assert _moderations(demo_store, audit_id) == {}
    assert _state(demo_store, audit_id) is AuditState.IN_MODERATION


def test_every_area_and_the_overall_grade_must_be_decided(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.GOOD)
    people = cast(svc, audit_id)
    decisions = _agree_all(svc, audit_id, people.moderator)[:-1]
    with pytest.raises(ValidationError, match="missing: overall"):
        svc.moderation.moderate(audit_id, decisions, people.moderator)
    assert _state(demo_store, audit_id) is AuditState.IN_MODERATION


def test_confirmed_inadequate_makes_the_meeting_fall_due_in_working_days(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.INADEQUATE)
    assert meeting_for(demo_store, audit_id) is None
    people = cast(svc, audit_id)
    result = svc.moderation.moderate(
        audit_id, _agree_all(svc, audit_id, people.moderator), people.moderator
    )
    # Confirmed on Friday 20 November 2026: five working days on is Friday 27th.
    assert result.meeting_due_on == date(2026, 11, 27)
    meeting = meeting_for(demo_store, audit_id)
    assert meeting is not None and meeting.due_on == date(2026, 11, 27)
    head = svc.directory.actor(meeting.head_of_service_id)
    assert head.person.role is Role.HEAD_OF_SERVICE


def test_moderating_down_to_inadequate_also_sets_off_the_meeting(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    with demo_store.session() as session:
        write_setting(Recorder(session, None, clock()), MEETING_WORKING_DAYS, 3)
    audit_id = in_moderation(demo_store, clock, Grade.REQUIRES_IMPROVEMENT, disputed=True)
    people = cast(svc, audit_id)
    decisions = _agree_all(svc, audit_id, people.moderator)
    decisions[-1] = Decision(m.OVERALL, Grade.INADEQUATE, "Risks to the child were not acted on.")
    result = svc.moderation.moderate(audit_id, decisions, people.moderator)
    assert result.meeting_due_on == date(2026, 11, 25)  # three working days: the setting


def test_moderating_an_inadequate_up_sets_off_no_meeting(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.INADEQUATE)
    people = cast(svc, audit_id)
    decisions = _agree_all(svc, audit_id, people.moderator)
    decisions[-1] = Decision(m.OVERALL, Grade.REQUIRES_IMPROVEMENT, "Safety plan in place.")
    assert svc.moderation.moderate(audit_id, decisions, people.moderator).meeting_due_on is None
    assert meeting_for(demo_store, audit_id) is None


@pytest.mark.parametrize(
    ("role", "moderator"),
    [
        (Role.PRACTITIONER, None),
        (Role.TEAM_MANAGER, False),
        (Role.QA_OFFICER, False),
        (Role.ADULT_WORKER, None),
    ],
)
def test_people_who_are_not_moderators_cannot_moderate(
    demo_store, clock, role: Role, moderator: bool | None
) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.GOOD)
    people = cast(svc, audit_id)
    decisions = _agree_all(svc, audit_id, people.moderator)
    someone = actor_with(svc, role, moderator=moderator, not_id=people.auditor.id)
    with pytest.raises(PermissionRefused):
        svc.moderation.moderate(audit_id, decisions, someone)
    with pytest.raises(PermissionRefused):
        svc.moderation.case(audit_id, someone)
    assert _state(demo_store, audit_id) is AuditState.IN_MODERATION


@pytest.mark.parametrize(
    ("role", "moderator"),
    [(Role.SERVICE_MANAGER, True), (Role.HEAD_OF_SERVICE, True), (Role.ASSISTANT_DIRECTOR, True)],
)
def test_moderators_of_every_senior_role_can_moderate(
    demo_store, clock, role: Role, moderator: bool
) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.GOOD)
    people = cast(svc, audit_id)
    someone = actor_with(svc, role, moderator=moderator, not_id=people.auditor.id)
    svc.moderation.moderate(audit_id, _agree_all(svc, audit_id, someone), someone)
    assert _state(demo_store, audit_id) is AuditState.CLOSED


def test_nobody_moderates_their_own_audit(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.GOOD)
    moderator = cast(svc, audit_id).moderator
    decisions = _agree_all(svc, audit_id, moderator)  # read before they become its auditor
    with demo_store.session() as session:
        audit = session.get(m.Audit, audit_id)
        Recorder(session, None, clock()).update(audit, auditor_id=moderator.id)
        reference = audit.reference
    # Refused before they work through it, and again when recording.
    with pytest.raises(PermissionRefused, match=f"You audited {reference}"):
        svc.moderation.case(audit_id, moderator)
    with pytest.raises(PermissionRefused, match="you carried out"):
        svc.moderation.moderate(audit_id, decisions, moderator)


def test_an_audit_not_in_moderation_cannot_be_moderated(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = submitted_audit(demo_store, clock, Grade.GOOD)
    moderator = cast(svc, audit_id).moderator
    with pytest.raises(ValidationError, match="not waiting for moderation"):
        svc.moderation.case(audit_id, moderator)
    with pytest.raises(ValidationError, match="cannot be closed after moderation"):
        svc.moderation.moderate(audit_id, [Decision(m.OVERALL, Grade.GOOD)], moderator)


# -- adding an audit to moderation -------------------------------------------------------------


def test_a_qa_officer_adds_a_closed_audit_and_the_queue_says_who(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = submitted_audit(demo_store, clock, Grade.GOOD)
    route(demo_store, clock, audit_id, share_percent=0.0)
    qa = actor_with(svc, Role.QA_OFFICER, moderator=False)
    item = svc.moderation.add(audit_id, qa, "Part of the themed sample on neglect.")
    assert item.reason is SelectionReason.ADDED_BY_QA
    assert item.added_by == qa.person.name
    assert item.note == "Part of the themed sample on neglect."
    assert _state(demo_store, audit_id) is AuditState.IN_MODERATION
    with demo_store.reader() as session:
        assert session.get(m.Audit, audit_id).closed_on is None
    moderator = cast(svc, audit_id).moderator
    svc.moderation.moderate(audit_id, _agree_all(svc, audit_id, moderator), moderator)
    assert audit_id not in {i.audit_id for i in svc.moderation.queue(qa)}


def test_a_qa_officer_adds_a_submitted_audit(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = submitted_audit(demo_store, clock, Grade.GOOD)
    svc.moderation.add(audit_id, actor_with(svc, Role.QA_OFFICER))
    assert _state(demo_store, audit_id) is AuditState.IN_MODERATION


def test_an_auditor_may_send_only_their_own_audit(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = submitted_audit(demo_store, clock, Grade.GOOD)
    people = cast(svc, audit_id)
    other = actor_with(svc, Role.TEAM_MANAGER, not_id=people.auditor.id)
    with pytest.raises(PermissionRefused, match="own auditor"):
        svc.moderation.add(audit_id, other)
    svc.moderation.add(audit_id, people.auditor)
    assert _state(demo_store, audit_id) is AuditState.IN_MODERATION


def test_a_practitioner_cannot_add_an_audit_to_moderation(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = submitted_audit(demo_store, clock, Grade.GOOD)
    with pytest.raises(PermissionRefused):
        svc.moderation.add(audit_id, actor_with(svc, Role.PRACTITIONER))
    assert _state(demo_store, audit_id) is AuditState.SUBMITTED


def test_a_planned_or_queued_audit_cannot_be_added(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    qa = actor_with(svc, Role.QA_OFFICER)
    with demo_store.reader() as session:
        planned = session.scalar(
            select(m.Audit.id).where(m.Audit.state == AuditState.PLANNED.value)
        )
    with pytest.raises(ValidationError, match="planned cannot be sent to moderation"):
        svc.moderation.add(planned, qa)
    queued = in_moderation(demo_store, clock, Grade.GOOD)
    with pytest.raises(ValidationError, match="in moderation cannot be sent"):
        svc.moderation.add(queued, qa)


# -- agreement ---------------------------------------------------------------------------------


def test_agreement_shows_an_auditor_who_grades_higher_than_the_moderator(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    qa = actor_with(svc, Role.QA_OFFICER)
    before = {a.name: a for a in svc.moderation.agreement(qa).by_auditor}
    audit_id = in_moderation(demo_store, clock, Grade.OUTSTANDING)
    people = cast(svc, audit_id)
    decisions = [
        Decision(d.section_id, Grade.GOOD, "Good, not outstanding.")
        for d in _agree_all(svc, audit_id, people.moderator)
    ]
    svc.moderation.moderate(audit_id, decisions, people.moderator)
    report = svc.moderation.agreement(qa)
    after = {a.name: a for a in report.by_auditor}[people.auditor.person.name]
    earlier = before.get(people.auditor.person.name)
    added = len(decisions)
    assert after.decisions == (earlier.decisions if earlier else 0) + added
    assert after.auditor_higher == (earlier.auditor_higher if earlier else 0) + added
    assert after.tendency == "higher"
    assert report.decisions == sum(a.decisions for a in report.by_team)
    with pytest.raises(PermissionRefused):
        svc.moderation.agreement(actor_with(svc, Role.PRACTITIONER))


def test_route_signed_audit_still_works_for_the_workspace(demo_store, clock) -> None:
    """The workspace calls route_signed_audit; the queue must see what it routes."""
    audit_id = submitted_audit(demo_store, clock, Grade.OUTSTANDING)
    with demo_store.session() as session:
        audit = session.get(m.Audit, audit_id)
        reason = route_signed_audit(
            Recorder(session, audit.auditor_id, clock()), audit, date(2026, 11, 20)
        )
    assert reason is SelectionReason.OUTSTANDING
    svc = services(demo_store, clock)
    item = next(
        i for i in svc.moderation.queue(actor_with(svc, Role.QA_OFFICER)) if i.audit_id == audit_id
    )
    assert item.reason is SelectionReason.OUTSTANDING


def test_a_missing_or_unknown_area_is_named(demo_store, clock) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.GOOD)
    people = cast(svc, audit_id)
    case = svc.moderation.case(audit_id, people.moderator)
    decisions = _agree_all(svc, audit_id, people.moderator)
    with pytest.raises(ValidationError, match=f"missing: {case.areas[0].title}\\)"):
        svc.moderation.moderate(audit_id, decisions[1:], people.moderator)
    with pytest.raises(ValidationError, match="nonsense is not an area"):
        svc.moderation.moderate(
            audit_id, [*decisions, Decision("nonsense", Grade.GOOD)], people.moderator
        )
    assert _moderations(demo_store, audit_id) == {}

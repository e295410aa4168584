"""Learning reviews after significant events: set up by the QA team, written by the review
lead, actions moved on by their owners, listed in My work, the report as PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from qa_desktop.domain.learning_reviews import ActionStatus
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.clock import today
from qa_desktop.services.my_work import MyWorkService, WorkKind
from qa_desktop.services.programme.learning_reviews import LearningReviewService, ReviewEntry
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.store import models as m
from tests.reports.pdfread import flowing_text


def cast(store):
    directory = DirectoryService(store)
    everyone = directory.people()
    officer = directory.actor(next(p for p in everyone if p.role is Role.QA_OFFICER).id)
    lead = directory.actor(next(p for p in everyone if p.role is Role.HEAD_OF_SERVICE).id)
    owner = directory.actor(next(p for p in everyone if p.role is Role.TEAM_MANAGER).id)
    practitioner = directory.actor(next(p for p in everyone if p.role is Role.PRACTITIONER).id)
    return officer, lead, owner, practitioner


def a_case(store) -> str:
    with store.reader() as session:
        reference = session.scalar(select(m.Case.reference).order_by(m.Case.reference).limit(1))
    assert reference is not None
    return reference


def test_a_review_from_the_event_to_its_completed_report(demo_store, clock, tmp_path: Path):
    officer, lead, owner, practitioner = cast(demo_store)
    service = LearningReviewService(demo_store, clock)
    day = today(clock)
    case = a_case(demo_store)
    review_id = service.create(
        ReviewEntry("Baby admitted to hospital with an unexplained injury", day, case, lead.id),
        officer,
    )
    # The lead writes the findings and the learning and agrees an action for a manager.
    service.save_findings(
        review_id,
        {"Assessment": "Father's history not explored", "Planning": ""},
        "Seek both parents' histories at every assessment",
        lead,
    )
    action_id = service.add_action(
        review_id,
        "Audit ten assessments for fathers' histories",
        owner.id,
        day - timedelta(1),
        lead,
    )
    detail = service.detail(review_id, lead)
    assert detail.findings["Assessment"] == "Father's history not explored"
    assert detail.findings["Planning"] == "" and len(detail.findings) == 5
    (action,) = detail.actions
    assert (action.owner_id, action.status, action.overdue) == (owner.id, ActionStatus.OPEN, True)

    # The lead and the owner find it in My work; the owner's action is overdue.
    my_work = MyWorkService(demo_store, clock)
    lead_work = my_work.for_person(lead)
    assert [(i.kind, i.parent_id) for i in lead_work.programme] == [(WorkKind.REVIEW, review_id)]
    owner_work = my_work.for_person(owner)
    (item,) = owner_work.programme
    assert (item.kind, item.id, item.overdue, item.case_reference) == (
        WorkKind.REVIEW_ACTION,
        action_id,
        True,
        case,
    )
    assert (
        owner_work.count
        == len(owner_work.audits)
        + len(owner_work.moderation)
        + len(owner_work.meetings)
        + len(owner_work.actions)
        + len(owner_work.escalations)
        + 1
    )

    # The owner sees the review they have an action in; a practitioner with no part does not.
    assert [r.id for r in service.list(owner)] == [review_id]
    assert service.list(practitioner) == ()
    with pytest.raises(PermissionRefused):
        service.detail(review_id, practitioner)

    # Only the owner, the lead or the QA team moves an action on; done leaves My work.
    with pytest.raises(PermissionRefused):
        service.set_action_status(action_id, ActionStatus.DONE, practitioner)
    service.set_action_status(action_id, ActionStatus.IN_PROGRESS, owner)
    assert my_work.for_person(owner).programme[0].status == "in_progress"
    service.set_action_status(action_id, ActionStatus.DONE, owner)
    assert my_work.for_person(owner).programme == ()
    assert service.detail(review_id, officer).actions[0].overdue is False

    draft = flowing_text(service.export_report(review_id, tmp_path / "draft.pdf", lead).path)
    assert "The review has not been completed yet." in draft

    service.complete(review_id, lead)
    assert my_work.for_person(lead).programme == ()
    with pytest.raises(ValidationError, match="completed"):
        service.save_findings(review_id, {"Review": "late"}, "x", lead)
    exported = service.export_report(review_id, tmp_path / "review.pdf", officer)
    text = flowing_text(exported.path)
    for words in (
        "Learning review",
        case,
        "Baby admitted to hospital with an unexplained injury",
        lead.person.name,
        "Father's history not explored",
        "Seek both parents' histories at every assessment",
        "Audit ten assessments for fathers' histories",
        owner.person.name,
        "Done",
    ):
        assert words in text, words
    assert "not been completed" not in text
    assert exported.size == exported.path.stat().st_size


def test_who_may_set_up_and_write_a_review(demo_store, clock) -> None:
    officer, lead, owner, _practitioner = cast(demo_store)
    service = LearningReviewService(demo_store, clock)
    day = today(clock)
    case = a_case(demo_store)
    with pytest.raises(PermissionRefused):
        service.create(ReviewEntry("Event", day, case, lead.id), lead)
    with pytest.raises(ValidationError, match="no case"):
        service.create(ReviewEntry("Event", day, "NO-SUCH-CASE", lead.id), officer)
    with pytest.raises(ValidationError, match="future"):
        service.create(ReviewEntry("Event", day + timedelta(1), case, lead.id), officer)
    with pytest.raises(ValidationError, match="what the significant event"):
        service.create(ReviewEntry("  ", day, case, lead.id), officer)
    review_id = service.create(ReviewEntry("Event", date(2026, 1, 5), case, lead.id), officer)
    with pytest.raises(PermissionRefused):
        service.save_findings(review_id, {"Assessment": "x"}, "", owner)
    with pytest.raises(PermissionRefused):
        service.add_action(review_id, "x", owner.id, day, owner)
    with pytest.raises(ValidationError, match="not a practice area"):
        service.save_findings(review_id, {"Housing": "x"}, "", lead)
    with pytest.raises(ValidationError, match="Write the learning"):
        service.complete(review_id, lead)
    # Every write went through the recorder: history and the outbox for sync.
    with demo_store.reader() as session:
        pushed = set(
            session.scalars(
                select(m.OutboxChange.table_name).where(m.OutboxChange.row_id == review_id)
            )
        )
    assert pushed == {"learning_reviews"}

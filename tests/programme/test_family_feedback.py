"""Family feedback: recorded by someone other than the allocated worker, with consent, linked
to the audit and summarised by period and team."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.feedback import (
    FeedbackAnswerEntry,
    FeedbackEntry,
    FeedbackService,
    Method,
    Respondent,
)
from qa_desktop.services.people import DirectoryService
from qa_desktop.store import models as m


@pytest.fixture
def graded_audit(demo_store) -> m.Audit:
    with demo_store.reader() as session:
        audit = session.scalar(
            select(m.Audit)
            .where(m.Audit.overall_grade.is_not(None), m.Audit.practitioner_id.is_not(None))
            .order_by(m.Audit.reference)
        )
        assert audit is not None
        return audit


def qa_officer(store):
    directory = DirectoryService(store)
    person = next(p for p in directory.people() if p.role is Role.QA_OFFICER)
    return directory.actor(person.id)


def adult_entry(audit_id: str, **changes) -> FeedbackEntry:
    values = dict(
        audit_id=audit_id,
        respondent=Respondent.ADULT,
        consent_given=True,
        consent_note="Agreed by phone",
        method=Method.PHONE,
        answers=(
            FeedbackAnswerEntry("FA1", "yes"),
            FeedbackAnswerEntry("FA2", "mostly", "Most of the time"),
            FeedbackAnswerEntry("FA3", "no"),
            FeedbackAnswerEntry("FA4", "dont_know"),
            FeedbackAnswerEntry("FA10", "The weekly visits"),
        ),
    )
    values.update(changes)
    return FeedbackEntry(**values)


def test_feedback_is_linked_to_the_audit_and_shown_beside_its_grade(
    demo_store, clock, graded_audit
) -> None:
    service = FeedbackService(demo_store, clock)
    feedback_id = service.record(adult_entry(graded_audit.id), qa_officer(demo_store))
    with demo_store.reader() as session:
        stored = session.get(m.FamilyFeedback, feedback_id)
        assert stored is not None and stored.audit_id == graded_audit.id and stored.consent_given
        assert stored.recorded_on == date(2026, 11, 20)
        answers = dict(
            session.execute(
                select(m.FeedbackAnswer.question_id, m.FeedbackAnswer.value).where(
                    m.FeedbackAnswer.feedback_id == feedback_id
                )
            ).all()
        )
    assert answers["FA2"] == "mostly" and answers["FA10"] == "The weekly visits"
    row = service.summary().rows[0]
    assert row.audit_reference == graded_audit.reference
    assert row.grade is not None and row.grade.value == graded_audit.overall_grade
    # yes and mostly positive, no not, don't know and text not counted.
    assert (row.positive, row.counted) == (2, 3)


def test_the_allocated_worker_cannot_record_it(demo_store, clock, graded_audit) -> None:
    directory = DirectoryService(demo_store)
    worker = directory.actor(graded_audit.practitioner_id)
    with pytest.raises(PermissionRefused, match="someone other than the allocated worker"):
        FeedbackService(demo_store, clock).record(adult_entry(graded_audit.id), worker)


def test_answers_need_consent_and_a_refusal_is_recorded(demo_store, clock, graded_audit) -> None:
    service = FeedbackService(demo_store, clock)
    actor = qa_officer(demo_store)
    with pytest.raises(ValidationError, match="not given consent"):
        service.record(adult_entry(graded_audit.id, consent_given=False), actor)
    with pytest.raises(ValidationError, match="at least one question"):
        service.record(adult_entry(graded_audit.id, answers=()), actor)
    service.record(
        adult_entry(graded_audit.id, consent_given=False, consent_note="Declined", answers=()),
        actor,
    )
    summary = service.summary()
    assert summary.teams[0].declined == 1 and summary.teams[0].questionnaires == 0


def test_answers_must_fit_the_form(demo_store, clock, graded_audit) -> None:
    service = FeedbackService(demo_store, clock)
    actor = qa_officer(demo_store)
    with pytest.raises(ValidationError, match="not an answer to question FC1"):
        service.record(
            adult_entry(
                graded_audit.id,
                respondent=Respondent.CHILD,
                answers=(FeedbackAnswerEntry("FC1", "yes"),),
            ),
            actor,
        )
    with pytest.raises(ValidationError, match="FA1 is not on"):
        service.record(
            adult_entry(
                graded_audit.id,
                respondent=Respondent.CHILD,
                answers=(FeedbackAnswerEntry("FA1", "yes"),),
            ),
            actor,
        )
    with demo_store.reader() as session:
        assert session.scalar(select(func.count()).select_from(m.FamilyFeedback)) == 0


def test_summary_by_period_and_team(demo_store, clock, graded_audit) -> None:
    service = FeedbackService(demo_store, clock)
    actor = qa_officer(demo_store)
    service.record(
        adult_entry(
            graded_audit.id,
            respondent=Respondent.CHILD,
            answers=(FeedbackAnswerEntry("FC1", "happy"), FeedbackAnswerEntry("FC2", "sad")),
            recorded_on=date(2026, 10, 5),
        ),
        actor,
    )
    service.record(adult_entry(graded_audit.id), actor)
    november = service.summary(Period(date(2026, 11, 1), date(2026, 11, 30)))
    assert len(november.rows) == 1 and november.rows[0].respondent is Respondent.ADULT
    everything = service.summary()
    assert len(everything.rows) == 2
    (team,) = everything.teams
    assert (team.questionnaires, team.positive, team.counted) == (2, 3, 5)
    with demo_store.reader() as session:
        other_team = session.scalar(
            select(m.Team.id)
            .join(m.Case, m.Case.team_id == m.Team.id)
            .where(m.Case.id != graded_audit.case_id)
            .where(
                m.Team.id
                != select(m.Case.team_id).where(m.Case.id == graded_audit.case_id).scalar_subquery()
            )
        )
    assert service.summary(team_id=other_team).rows == ()


def test_find_audit_by_reference(demo_store, clock, graded_audit) -> None:
    service = FeedbackService(demo_store, clock)
    assert service.find_audit(graded_audit.reference.lower()) == graded_audit.id
    with pytest.raises(ValidationError, match="no audit QA-NOTHERE"):
        service.find_audit("QA-NOTHERE")

"""Family feedback: recorded by someone other than the allocated worker, with consent, linked
to the audit and summarised by period and team."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.audit.feedback import (
    FeedbackAnswerEntry,
    FeedbackEntry,
    FeedbackService,
    Method,
    Respondent,
)
from qa_desktop.services.setup.people import DirectoryService
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
    row = service.summary(qa_officer(demo_store)).rows[0]
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
    summary = service.summary(actor)
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
    november = service.summary(actor, Period(date(2026, 11, 1), date(2026, 11, 30)))
    assert len(november.rows) == 1 and november.rows[0].respondent is Respondent.ADULT
    everything = service.summary(actor)
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
    assert service.summary(actor, team_id=other_team).rows == ()


def test_find_audit_by_reference(demo_store, clock, graded_audit) -> None:
    service = FeedbackService(demo_store, clock)
    assert service.find_audit(graded_audit.reference.lower()) == graded_audit.id
    with pytest.raises(ValidationError, match="no audit QA-NOTHERE"):
        service.find_audit("QA-NOTHERE")


def _person(store, role: Role):
    directory = DirectoryService(store)
    return directory.actor(next(p for p in directory.people() if p.role is role).id)


def _three_audits_of_one_team(store) -> list[m.Audit]:
    """Three audits of cases in the same team, by reference."""
    with store.reader() as session:
        team_id = session.scalar(
            select(m.Case.team_id)
            .join(m.Audit, m.Audit.case_id == m.Case.id)
            .group_by(m.Case.team_id)
            .having(func.count(func.distinct(m.Audit.case_id)) >= 3)
            .order_by(m.Case.team_id)
            .limit(1)
        )
        audits = session.scalars(
            select(m.Audit)
            .join(m.Case, m.Case.id == m.Audit.case_id)
            .where(m.Case.team_id == team_id, m.Audit.deleted_at.is_(None))
            .order_by(m.Audit.reference)
        ).all()
        chosen: dict[str, m.Audit] = {}
        for audit in audits:  # one audit per case, so that each case can be held apart
            chosen.setdefault(audit.case_id, audit)
        return list(chosen.values())[:3]


def _make_allocated_worker(store, clock, audit: m.Audit, person_id: str, *, on: str) -> None:
    """The person becomes the allocated worker: the case's practitioner, or the audit's."""
    from qa_desktop.store.recorder import Recorder

    with store.session() as session:
        recorder = Recorder(session, None, clock())
        row = session.get(
            m.Case if on == "case" else m.Audit, audit.case_id if on == "case" else audit.id
        )
        recorder.update(row, practitioner_id=person_id)


def test_the_summary_is_for_managers_and_the_qa_team_only(demo_store, clock, graded_audit) -> None:
    service = FeedbackService(demo_store, clock)
    service.record(adult_entry(graded_audit.id), qa_officer(demo_store))
    for role in (
        Role.QA_OFFICER,
        Role.TEAM_MANAGER,
        Role.SERVICE_MANAGER,
        Role.HEAD_OF_SERVICE,
        Role.ASSISTANT_DIRECTOR,
    ):
        assert len(service.summary(_person(demo_store, role)).rows) == 1, role
    for role in (Role.PRACTITIONER, Role.ADULT_WORKER, Role.REVIEWING_OFFICER):
        with pytest.raises(PermissionRefused, match="managers and the QA team only"):
            service.summary(_person(demo_store, role))
    # Not even the allocated worker's own audit, though it is theirs to take part in.
    worker = DirectoryService(demo_store).actor(graded_audit.practitioner_id)
    with pytest.raises(PermissionRefused):
        service.summary(worker)


def test_a_manager_never_sees_nor_counts_the_audits_where_they_are_the_allocated_worker(
    demo_store, clock
) -> None:
    service = FeedbackService(demo_store, clock)
    qa = qa_officer(demo_store)
    first, second, third = _three_audits_of_one_team(demo_store)
    # Two positive answers of three on each questionnaire.
    for audit in (first, second, third):
        service.record(adult_entry(audit.id), qa)
    manager = _person(demo_store, Role.TEAM_MANAGER)
    _make_allocated_worker(demo_store, clock, first, manager.id, on="case")
    _make_allocated_worker(demo_store, clock, second, manager.id, on="audit")

    theirs = service.summary(manager)
    assert [r.audit_reference for r in theirs.rows] == [third.reference]
    (team,) = theirs.teams
    assert (team.questionnaires, team.positive, team.counted) == (1, 2, 3)
    # The QA team sees all three, and counts them all.
    everything = service.summary(qa)
    assert sorted(r.audit_reference for r in everything.rows) == sorted(
        a.reference for a in (first, second, third)
    )
    (team,) = everything.teams
    assert (team.questionnaires, team.positive, team.counted) == (3, 6, 9)


def _counted_audits(store) -> list[m.Audit]:
    """Audits the reports count (signed off, not reopened or cancelled), dip samples aside."""
    with store.reader() as session:
        return list(
            session.scalars(
                select(m.Audit)
                .where(
                    m.Audit.completed_on.is_not(None),
                    m.Audit.state.in_(("submitted", "in_moderation", "closed")),
                    m.Audit.deleted_at.is_(None),
                    m.Audit.audit_type != "dip_sample",
                )
                .order_by(m.Audit.reference)
            )
        )


def test_the_share_of_audits_with_family_feedback(demo_store, clock) -> None:
    service = FeedbackService(demo_store, clock)
    qa = qa_officer(demo_store)
    audits = _counted_audits(demo_store)
    assert len(audits) > 10
    before = service.summary(qa)
    assert before.aim_percent == 100.0 and not before.aim_met
    assert (before.overall.audits, before.overall.with_feedback) == (len(audits), 0)
    assert before.overall.share_percent == 0.0

    first, second, third = audits[:3]
    service.record(adult_entry(first.id), qa)
    service.record(adult_entry(first.id, respondent=Respondent.CHILD, answers=(
        FeedbackAnswerEntry("FC1", "happy"),)), qa)  # fmt: skip
    # A refusal, then the family's answers later: the audit has feedback.
    service.record(adult_entry(second.id, consent_given=False, answers=()), qa)
    service.record(adult_entry(second.id), qa)
    # Only a refusal: asked, declined, no feedback.
    service.record(adult_entry(third.id, consent_given=False, answers=()), qa)
    after = service.summary(qa)
    whole = after.overall
    assert (whole.team, whole.audits, whole.with_feedback, whole.declined) == (
        "",
        len(audits),
        2,
        1,
    )
    assert whole.share_percent == pytest.approx(200.0 / len(audits))
    assert whole.without_feedback == len(audits) - 2
    by_team = after.coverage[:-1]
    assert sum(c.audits for c in by_team) == len(audits)
    assert sum(c.with_feedback for c in by_team) == 2
    assert [c.team for c in by_team] == sorted(c.team for c in by_team)

    # The period is the audits' sign-off: a period before any sign-off has no audits.
    first_day = min(a.completed_on for a in audits)
    empty = service.summary(qa, Period(date(2000, 1, 1), date(2000, 1, 31)))
    assert len(empty.coverage) == 1 and empty.overall.audits == 0
    assert empty.overall.share_percent is None
    assert service.summary(qa, Period(first_day, date(2030, 1, 1))).overall.audits == len(audits)

    # A manager allocated to an audit has it neither shown nor counted.
    manager = _person(demo_store, Role.TEAM_MANAGER)
    _make_allocated_worker(demo_store, clock, first, manager.id, on="audit")
    theirs = service.summary(manager).overall
    assert (theirs.audits, theirs.with_feedback) == (len(audits) - 1, 1)


def test_every_audit_with_feedback_meets_the_aim(demo_store, clock) -> None:
    from qa_desktop.domain.published_settings import FEEDBACK_AIM_PERCENT
    from qa_desktop.services.published import write_setting
    from qa_desktop.store.recorder import Recorder

    service = FeedbackService(demo_store, clock)
    qa = qa_officer(demo_store)
    audits = _counted_audits(demo_store)
    with demo_store.reader() as session:
        team_id = session.scalar(select(m.Case.team_id).where(m.Case.id == audits[0].case_id))
    in_team = service.summary(qa, team_id=team_id)
    assert len(in_team.coverage) == 2 and in_team.coverage[0].audits == in_team.overall.audits
    with demo_store.reader() as session:
        ids = set(
            session.scalars(
                select(m.Audit.id)
                .join(m.Case, m.Case.id == m.Audit.case_id)
                .where(m.Case.team_id == team_id)
            )
        )
    for audit in (a for a in audits if a.id in ids):
        service.record(adult_entry(audit.id), qa)
    done = service.summary(qa, team_id=team_id)
    assert done.overall.share_percent == 100.0 and done.aim_met
    assert not service.summary(qa).aim_met  # other teams' audits still have none
    with demo_store.session() as session:
        write_setting(Recorder(session, qa.id, clock()), FEEDBACK_AIM_PERCENT, 0.0)
    assert service.summary(qa).aim_met and service.summary(qa).aim_percent == 0.0


def test_the_summary_pdf_follows_who_may_read_it(demo_store, clock, tmp_path) -> None:
    from qa_desktop.services.audit.feedback_export import export_feedback_summary
    from tests.reports.pdfread import flowing_text

    service = FeedbackService(demo_store, clock)
    qa = qa_officer(demo_store)
    first, second, _third = _three_audits_of_one_team(demo_store)
    service.record(adult_entry(first.id), qa)
    service.record(adult_entry(second.id), qa)
    manager = _person(demo_store, Role.TEAM_MANAGER)
    _make_allocated_worker(demo_store, clock, first, manager.id, on="case")
    text = flowing_text(export_feedback_summary(service, tmp_path / "m.pdf", manager).path)
    assert second.reference in text and first.reference not in text
    assert "neither shown nor counted" in text
    everything = flowing_text(export_feedback_summary(service, tmp_path / "qa.pdf", qa).path)
    assert first.reference in everything and second.reference in everything
    with pytest.raises(PermissionRefused):
        export_feedback_summary(service, tmp_path / "p.pdf", _person(demo_store, Role.PRACTITIONER))
    assert not (tmp_path / "p.pdf").exists()

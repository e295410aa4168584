"""The workspace service on a real store: saving as you go, suggestions, the rationale rules,
attribution, the checklist, both sign-offs, the read-only state and reopening."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from qa_desktop.domain.checklist import Gap
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.published_settings import MODERATION_SHARE_PERCENT
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.audit.workspace import RationaleNeeded, WorkspaceService
from qa_desktop.services.audit.workspace_data import Access, FieldRef, NewAudit, Target
from qa_desktop.services.published import write_setting
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.services.audit.workspace_helpers import an_assignment, complete


@pytest.fixture
def service(demo_store, clock) -> WorkspaceService:
    return WorkspaceService(demo_store, clock)


def _no_random_moderation(store, clock) -> None:
    with store.session() as session:
        write_setting(Recorder(session, None, clock()), MODERATION_SHARE_PERCENT, 0.0)


def test_first_answer_starts_the_assignment_and_is_recorded_with_its_author(
    service, demo_store
) -> None:
    a = an_assignment(demo_store)
    saved = service.save(a.audit_id, a.auditor, FieldRef.answer("A1"), "yes")
    assert saved.state is AuditState.IN_PROGRESS
    with demo_store.reader() as session:
        audit = session.get(m.Audit, a.audit_id)
        assert audit.state == "in_progress" and audit.started_on is not None
        event = session.scalars(
            select(m.AuditEvent).where(m.AuditEvent.audit_id == a.audit_id)
        ).one()
        assert (event.from_state, event.to_state, event.actor_id) == (
            "planned",
            "in_progress",
            a.auditor.id,
        )
        answer = session.scalars(
            select(m.Answer).where(m.Answer.audit_id == a.audit_id, m.Answer.question_id == "A1")
        ).one()
        assert answer.value == "yes"
        history = session.scalars(select(m.History).where(m.History.row_id == answer.id)).all()
        assert [h.actor_id for h in history] == [a.auditor.id]
        outbox = session.scalars(
            select(m.OutboxChange).where(m.OutboxChange.row_id == answer.id)
        ).all()
        assert [o.op for o in outbox] == ["insert"]


def test_suggestions_follow_the_answers_and_are_kept(service, demo_store, clock) -> None:
    a = an_assignment(demo_store)
    form = service.load(a.audit_id, a.auditor).form
    section = form.sections[0]
    for question in section.questions:
        saved = service.save(a.audit_id, a.auditor, FieldRef.answer(question.id), "yes")
        assert saved.suggestions is None  # the screen works them out as answers come in
    progress = service.load(a.audit_id, a.auditor).suggestions.areas[section.id]
    assert progress.answered == progress.total == len(section.questions)
    assert progress.suggested is Grade.GOOD and progress.percentage == 100.0
    key = next(q for q in section.questions if q.key)
    service.save(a.audit_id, a.auditor, FieldRef.answer(key.id), "no")
    assert (
        service.load(a.audit_id, a.auditor).suggestions.areas[section.id].suggested
        is Grade.REQUIRES_IMPROVEMENT
    )
    # A grade change refreshes the suggestions kept with the audit; so does sign-off.
    saved = service.save(a.audit_id, a.auditor, FieldRef.area(section.id, "unmanaged_risk"), True)
    assert saved.suggestions.areas[section.id].suggested is Grade.INADEQUATE

    def kept() -> tuple[str | None, str | None]:
        with demo_store.reader() as session:
            review = session.scalars(
                select(m.SectionReview).where(
                    m.SectionReview.audit_id == a.audit_id,
                    m.SectionReview.section_id == section.id,
                )
            ).one()
            return review.suggested_grade, session.get(m.Audit, a.audit_id).overall_suggested

    assert kept() == ("inadequate", "inadequate")
    service.save(a.audit_id, a.auditor, FieldRef.area(section.id, "unmanaged_risk"), False)
    complete(service, a, clock().date())
    service.sign_off_as_auditor(a.audit_id, a.auditor)
    assert kept() == ("good", "good")


def test_rationale_rules_for_area_and_overall_grades(service, demo_store) -> None:
    a = an_assignment(demo_store)
    form = service.load(a.audit_id, a.auditor).form
    section = form.sections[0]
    for question in section.questions:
        service.save(a.audit_id, a.auditor, FieldRef.answer(question.id), "partly")
    # Half marks: 50% suggests Inadequate. Inadequate is always evidenced.
    grade = FieldRef.area(section.id, "grade")
    with pytest.raises(RationaleNeeded):
        service.save(a.audit_id, a.auditor, grade, Grade.INADEQUATE.value)
    # Requires Improvement differs from the suggestion: evidence needed too.
    with pytest.raises(RationaleNeeded):
        service.save(a.audit_id, a.auditor, grade, Grade.REQUIRES_IMPROVEMENT.value)
    service.save(a.audit_id, a.auditor, FieldRef.area(section.id, "rationale"), "Why: ...")
    saved = service.save(a.audit_id, a.auditor, grade, Grade.REQUIRES_IMPROVEMENT.value)
    assert saved.value == "requires_improvement"
    # Overall: Good always needs evidence.
    with pytest.raises(RationaleNeeded):
        service.save(a.audit_id, a.auditor, FieldRef.audit("overall_grade"), "good")
    service.save(a.audit_id, a.auditor, FieldRef.audit("overall_rationale"), "Evidence")
    service.save(a.audit_id, a.auditor, FieldRef.audit("overall_grade"), "good")
    with demo_store.reader() as session:
        assert session.get(m.Audit, a.audit_id).overall_grade == "good"


def test_requires_improvement_matching_the_suggestion_needs_no_rationale(
    service, demo_store
) -> None:
    a = an_assignment(demo_store)
    section = service.load(a.audit_id, a.auditor).form.sections[0]
    for i, question in enumerate(section.questions):
        service.save(a.audit_id, a.auditor, FieldRef.answer(question.id), "yes" if i else "no")
    saved = service.save(
        a.audit_id, a.auditor, FieldRef.area(section.id, "grade"), "requires_improvement"
    )
    assert saved.suggestions.areas[section.id].suggested is Grade.REQUIRES_IMPROVEMENT


def test_reflection_is_attributed_to_the_practitioner_whoever_types_it(service, demo_store) -> None:
    a = an_assignment(demo_store)
    ref = FieldRef.area("A", "practitioner_reflection")
    saved = service.save(a.audit_id, a.auditor, ref, "I would now see the child alone.")
    assert saved.reflection_author == a.practitioner.person.name
    service.save(a.audit_id, a.practitioner, ref, "I would see the child alone sooner.")
    ws = service.load(a.audit_id, a.practitioner)
    assert ws.access is Access.PRACTITIONER
    assert ws.areas["A"].reflection_author == a.practitioner.person.name
    entries = service.field_history(a.audit_id, ref)
    assert [(e.actor, e.new) for e in entries] == [
        (a.auditor.person.name, "I would now see the child alone."),
        (a.practitioner.person.name, "I would see the child alone sooner."),
    ]
    assert entries[1].old == "I would now see the child alone."
    with demo_store.reader() as session:
        review = session.scalars(
            select(m.SectionReview).where(
                m.SectionReview.audit_id == a.audit_id, m.SectionReview.section_id == "A"
            )
        ).one()
        assert review.reflection_author_id == a.practitioner.id
    # The practitioner writes reflections, never the auditor's judgements.
    with pytest.raises(PermissionRefused):
        service.save(a.audit_id, a.practitioner, FieldRef.answer("A1"), "no")


def test_na_is_refused_where_the_form_does_not_allow_it_and_needs_a_reason(
    service, demo_store
) -> None:
    a = an_assignment(demo_store)
    form = service.load(a.audit_id, a.auditor).form
    service.save(a.audit_id, a.auditor, FieldRef.answer("A1"), "na")
    missing = service.checklist(a.audit_id)
    assert any(x.gap is Gap.NA_REASON and x.question_id == "A1" for x in missing)
    service.save(a.audit_id, a.auditor, FieldRef.answer("A1", "na_reason"), "Pre-birth")
    missing = service.checklist(a.audit_id)
    assert not any(x.question_id == "A1" for x in missing)
    strict = [q for q in form.questions() if not q.na_allowed]
    for question in strict:
        with pytest.raises(ValidationError):
            service.save(a.audit_id, a.auditor, FieldRef.answer(question.id), "na")


def test_sign_off_is_refused_until_the_checklist_is_empty(service, demo_store, clock) -> None:
    a = an_assignment(demo_store)
    service.start_assignment(a.audit_id, a.auditor)
    with pytest.raises(ValidationError, match="missing"):
        service.sign_off_as_auditor(a.audit_id, a.auditor)
    complete(service, a, clock().date())
    assert service.checklist(a.audit_id) == []
    assert service.sign_off_as_auditor(a.audit_id, a.auditor) is AuditState.SUBMITTED
    ws = service.load(a.audit_id, a.auditor)
    assert ws.state is AuditState.SUBMITTED and not ws.editable
    assert ws.auditor_signed_at == clock().replace(tzinfo=None)  # SQLite keeps UTC, naive
    with pytest.raises(ValidationError, match="submitted"):
        service.save(a.audit_id, a.auditor, FieldRef.answer("A1"), "no")
    with pytest.raises(ValidationError):
        service.add_action(a.audit_id, a.auditor, "More", a.auditor.id, clock().date())


def test_practitioner_disagreement_needs_a_reason_and_sends_to_moderation(
    service, demo_store, clock
) -> None:
    a = an_assignment(demo_store)
    complete(service, a, clock().date())
    service.sign_off_as_auditor(a.audit_id, a.auditor)
    with pytest.raises(ValidationError, match="why"):
        service.sign_off_as_practitioner(a.audit_id, a.practitioner, disagrees=True)
    state = service.sign_off_as_practitioner(
        a.audit_id, a.practitioner, disagrees=True, reason="The direct work was missed."
    )
    assert state is AuditState.IN_MODERATION
    with demo_store.reader() as session:
        audit = session.get(m.Audit, a.audit_id)
        assert audit.practitioner_disagreement == "The direct work was missed."
        assert audit.practitioner_signed_at is not None


def test_closed_audit_reopens_only_with_a_reason_which_is_kept(service, demo_store, clock) -> None:
    _no_random_moderation(demo_store, clock)
    a = an_assignment(demo_store)
    complete(service, a, clock().date())
    service.sign_off_as_auditor(a.audit_id, a.auditor)
    assert service.sign_off_as_practitioner(a.audit_id, a.auditor) is AuditState.CLOSED
    with pytest.raises(ValidationError):
        service.save(a.audit_id, a.auditor, FieldRef.audit("impact"), "changed")
    with pytest.raises(ValidationError, match="reason"):
        service.reopen(a.audit_id, a.auditor, "  ")
    with pytest.raises(PermissionRefused):
        service.reopen(a.audit_id, a.practitioner, "I want to add more")
    assert service.reopen(a.audit_id, a.auditor, "New evidence came in") is AuditState.IN_PROGRESS
    with demo_store.reader() as session:
        events = session.scalars(
            select(m.AuditEvent)
            .where(m.AuditEvent.audit_id == a.audit_id)
            .order_by(m.AuditEvent.at, m.AuditEvent.to_state)
        ).all()
        reopened = [e for e in events if e.from_state == "closed"]
        assert [(e.to_state, e.reason) for e in reopened] == [
            ("in_progress", "New evidence came in")
        ]
        audit = session.get(m.Audit, a.audit_id)
        assert audit.closed_on is None and audit.auditor_signed_at is None
    service.save(a.audit_id, a.auditor, FieldRef.audit("impact"), "changed")


def test_field_history_lists_old_and_new_values(service, demo_store) -> None:
    a = an_assignment(demo_store)
    ref = FieldRef.answer("B2", "evidence")
    service.save(a.audit_id, a.auditor, ref, "Plan seen")
    service.save(a.audit_id, a.auditor, ref, "Plan seen, dated")
    entries = service.field_history(a.audit_id, ref)
    assert [(e.old, e.new) for e in entries] == [
        (None, "Plan seen"),
        ("Plan seen", "Plan seen, dated"),
    ]
    assert {e.actor for e in entries} == {a.auditor.person.name}
    assert service.field_history(a.audit_id, FieldRef.answer("B3")) == []


def test_last_authors_names_who_made_each_fields_latest_change(service, demo_store) -> None:
    a = an_assignment(demo_store)
    reflection = FieldRef.area("A", "practitioner_reflection")
    service.save(a.audit_id, a.auditor, FieldRef.answer("A1"), "yes")
    service.save(a.audit_id, a.auditor, reflection, "Typed for the practitioner")
    service.save(a.audit_id, a.practitioner, reflection, "In my own words")
    authors = service.last_authors(
        a.audit_id, [reflection, FieldRef.answer("A1"), FieldRef.answer("B3")]
    )
    assert authors == {
        reflection: a.practitioner.person.name,
        FieldRef.answer("A1"): a.auditor.person.name,
        FieldRef.answer("B3"): "",  # never changed: nobody to name
    }


def test_actions_are_added_removed_and_restored(service, demo_store, clock) -> None:
    a = an_assignment(demo_store)
    today = clock().date()
    with pytest.raises(ValidationError, match="past"):
        service.add_action(a.audit_id, a.auditor, "Late", a.practitioner.id, today - timedelta(1))
    with pytest.raises(ValidationError):
        service.add_action(a.audit_id, a.auditor, "  ", a.practitioner.id, today)
    action = service.add_action(a.audit_id, a.auditor, "See the child", a.practitioner.id, today)
    assert action.owner == a.practitioner.person.name
    service.remove_action(a.audit_id, a.auditor, action.id)
    assert service.load(a.audit_id, a.auditor).actions == ()
    service.add_action(
        a.audit_id, a.auditor, "See the child", a.practitioner.id, today, action_id=action.id
    )
    assert [x.id for x in service.load(a.audit_id, a.auditor).actions] == [action.id]


def test_start_a_new_audit_with_its_participants(service, demo_store) -> None:
    a = an_assignment(demo_store)
    options = service.start_options(a.auditor)
    assert a.audit_id in {x.audit_id for x in options.assignments}
    form = next(f for f in options.forms if f.kind == "learning_audit")
    case = service.search_cases("")[0]
    found = service.search_cases(case.initials.lower())
    assert case.id in {c.id for c in found}
    other = next(p for p in options.people if p.id not in (a.auditor.id, case.practitioner_id))
    audit_id = service.create(
        a.auditor,
        NewAudit(
            case.id,
            form.version_id,
            "routine",
            case.practitioner_id,
            ((other.id, "team_manager"),),
        ),
    )
    ws = service.load(audit_id, a.auditor)
    assert ws.state is AuditState.IN_PROGRESS and ws.access is Access.AUDITOR
    assert {p.id for p in ws.participants} == {case.practitioner_id, other.id}
    assert ws.reference.startswith("QA-") and ws.case_reference == case.reference
    with pytest.raises(PermissionRefused):
        service.create(a.practitioner, NewAudit(case.id, form.version_id, "routine", None))


def test_history_insert_row_is_read_back(service, demo_store) -> None:
    a = an_assignment(demo_store)
    service.save(a.audit_id, a.auditor, FieldRef.area("C", "worried"), "Drift")
    with demo_store.reader() as session:
        first = session.scalars(
            select(m.History).where(m.History.table_name == "section_reviews")
        ).first()
        assert first is not None and first.field == "*"
        assert json.loads(first.new_value)["section_id"] == "C"
    entries = service.field_history(a.audit_id, FieldRef.area("C", "worried"))
    assert [e.new for e in entries] == ["Drift"]


def test_practitioner_reflects_only_once_the_auditor_has_started(service, demo_store) -> None:
    a = an_assignment(demo_store)
    ref = FieldRef.area("A", "practitioner_reflection")
    with pytest.raises(ValidationError, match="starts the audit"):
        service.save(a.audit_id, a.practitioner, ref, "Too early")
    service.start_assignment(a.audit_id, a.auditor)
    assert service.save(a.audit_id, a.practitioner, ref, "Now").value == "Now"


@pytest.mark.parametrize(
    ("target", "field"),
    [
        ("audit", "state"),
        ("audit", "auditor_id"),
        ("area", "reflection_author_id"),
        ("answer", "id"),
    ],
)
def test_only_the_workspace_fields_can_be_written(target, field) -> None:
    with pytest.raises(ValueError, match="no editable field"):
        FieldRef(Target(target), "", field)


def test_participant_roles_are_checked(service, demo_store) -> None:
    a = an_assignment(demo_store)
    form = next(f for f in service.start_options(a.auditor).forms if f.kind == "learning_audit")
    case = service.search_cases("")[0]
    with pytest.raises(ValidationError, match="not a role"):
        service.create(
            a.auditor,
            NewAudit(case.id, form.version_id, "routine", None, ((a.practitioner.id, "boss"),)),
        )

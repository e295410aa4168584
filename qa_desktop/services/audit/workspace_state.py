"""The state of one audit as the workspace sees it: the suggestions its answers make, the
submit checklist, what a person may do in it, and the frozen snapshot the screen shows."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from qa_desktop.domain.checklist import (
    AnswerState,
    AreaState,
    ClosingState,
    Missing,
    overall_suggestion,
    submit_checklist,
    yes_no_answers,
)
from qa_desktop.domain.forms import FormDefinition, LegalStatus
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.identity import one_per_parent_id
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.domain.suggestion import suggest_section
from qa_desktop.services.audit.rights import AuditRights
from qa_desktop.services.audit.workspace_data import (
    ANSWER_FIELDS,
    AREA_FIELDS,
    AUDIT_FIELDS,
    Access,
    ActionData,
    AnswerData,
    AreaData,
    FieldConflict,
    FieldRef,
    PersonChoice,
    Progress,
    Suggestions,
    Target,
    Workspace,
)
from qa_desktop.services.programme.forms import form_from_source
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.queries import workspace as wq
from qa_desktop.store.recorder import Recorder

_ANSWER_STATES = select(m.Answer.question_id, m.Answer.value, m.Answer.na_reason).where(
    m.Answer.audit_id == bindparam("audit_id")
)


# Plain columns, not ORM rows: loading rows is most of a save's time; a row is loaded only
# when its suggested grade really changes.
_REVIEWS = select(
    m.SectionReview.section_id,
    m.SectionReview.grade,
    m.SectionReview.rationale,
    m.SectionReview.unmanaged_risk,
    m.SectionReview.suggested_grade,
).where(m.SectionReview.audit_id == bindparam("audit_id"))


def legal_status(value: str) -> LegalStatus | None:
    try:
        return LegalStatus(value)
    except ValueError:
        return None


def area_row(recorder: Recorder, audit_id: str, section_id: str) -> m.SectionReview:
    session = recorder.session
    row = session.scalar(
        select(m.SectionReview).where(
            m.SectionReview.audit_id == audit_id, m.SectionReview.section_id == section_id
        )
    )
    if row is None:
        # One review per audit and area, its id from both: made on two laptops, it merges.
        row = recorder.insert(
            m.SectionReview,
            id=one_per_parent_id("section_reviews", audit_id, section_id),
            audit_id=audit_id,
            section_id=section_id,
        )
        session.flush()
    return row


def answer_states(session: Session, audit_id: str) -> dict[str, AnswerState]:
    return {
        qid: AnswerState(value, reason)
        for qid, value, reason in session.execute(_ANSWER_STATES, {"audit_id": audit_id})
    }


def area_states(session: Session, audit_id: str) -> dict[str, AreaState]:
    return {
        s.section_id: AreaState(Grade(s.grade) if s.grade else None, s.rationale, s.unmanaged_risk)
        for s in session.scalars(
            select(m.SectionReview).where(m.SectionReview.audit_id == audit_id)
        )
    }


def suggestions_for(
    form: FormDefinition,
    answers: dict[str, AnswerState],
    areas: dict[str, AreaState],
    status: LegalStatus | None,
) -> Suggestions:
    given = yes_no_answers(form, answers)
    progress: dict[str, Progress] = {}
    for section in form.sections:
        area = areas.get(section.id, AreaState())
        found = suggest_section(
            form, section, given, legal_status=status, unmanaged_risk=area.unmanaged_risk
        )
        answered = sum(1 for q in section.questions if (answers.get(q.id) or _EMPTY).value)
        progress[section.id] = Progress(
            answered, found.total, found.percentage, found.grade, found.key_failed
        )
    return Suggestions(progress, overall_suggestion(form, answers, areas, status))


_EMPTY = AnswerState(None)


def refresh_suggestions(
    recorder: Recorder, audit: m.Audit, form: FormDefinition, status: LegalStatus | None
) -> Suggestions:
    """Work out the suggestions after a change and keep them with the audit."""
    session = recorder.session
    session.flush()
    answers = answer_states(session, audit.id)
    stored: dict[str, str | None] = {}
    areas: dict[str, AreaState] = {}
    for section_id, grade, rationale, risk, suggested_grade in session.execute(
        _REVIEWS, {"audit_id": audit.id}
    ):
        stored[section_id] = suggested_grade
        areas[section_id] = AreaState(Grade(grade) if grade else None, rationale, risk)
    found = suggestions_for(form, answers, areas, status)
    for section in form.graded_sections():
        suggested = found.areas[section.id].suggested
        value = suggested.value if suggested else None
        if stored.get(section.id) != value and (value is not None or section.id in stored):
            recorder.update(area_row(recorder, audit.id, section.id), suggested_grade=value)
    overall = found.overall.value if found.overall else None
    if audit.overall_suggested != overall:
        recorder.update(audit, overall_suggested=overall)
    return found


def checklist_of(session: Session, audit: m.Audit) -> list[Missing]:
    version = session.get(m.FormVersion, audit.form_version_id)
    case = session.get(m.Case, audit.case_id)
    assert version is not None
    form = form_from_source(version.source)
    actions = session.scalars(
        select(m.Action.id).where(m.Action.audit_id == audit.id, m.Action.deleted_at.is_(None))
    ).all()
    closing = ClosingState(
        voice_of_child=audit.voice_of_child,
        impact=audit.impact,
        overall_grade=Grade(audit.overall_grade) if audit.overall_grade else None,
        overall_rationale=audit.overall_rationale,
        action_count=len(actions),
        escalation=audit.escalation,
        escalation_note=audit.escalation_note,
    )
    return submit_checklist(
        form,
        answer_states(session, audit.id),
        area_states(session, audit.id),
        closing,
        legal_status(case.legal_status if case else ""),
    )


def access_of(rows: wq.AuditRows, actor: Actor) -> Access:
    if rows.auditor_id == actor.id and actor.can(Capability.AUDIT):
        return Access.AUDITOR
    if rows.practitioner_id == actor.id:
        return Access.PRACTITIONER
    return Access.READ_ONLY


def _person(rows: wq.AuditRows, person_id: str, role: str) -> PersonChoice:
    return PersonChoice(person_id, rows.names.get(person_id, ""), role)


def editable_fields(rights: AuditRights) -> frozenset[tuple[Target, str]]:
    """Every workspace field the rulebook lets this person write now."""
    fields = {Target.ANSWER: ANSWER_FIELDS, Target.AREA: AREA_FIELDS, Target.AUDIT: AUDIT_FIELDS}
    return frozenset(
        (target, name)
        for target, names in fields.items()
        for name in names
        if rights.may_edit(FieldRef(target, "", name))
    )


def build_workspace(
    rows: wq.AuditRows, access: Access, rights: AuditRights | None = None
) -> Workspace:
    form = form_from_source(rows.form_source, f"{rows.form_title} v{rows.form_version}")
    status = legal_status(rows.legal_status)
    answers = {a.question_id: AnswerData(a.value, a.na_reason, a.evidence) for a in rows.answers}
    areas = {
        a.section_id: AreaData(
            grade=Grade(a.grade) if a.grade else None,
            suggested_grade=Grade(a.suggested_grade) if a.suggested_grade else None,
            rationale=a.rationale,
            working_well=a.working_well,
            worried=a.worried,
            even_better_if=a.even_better_if,
            practitioner_reflection=a.practitioner_reflection,
            reflection_author=rows.names.get(a.reflection_author_id or "", ""),
            unmanaged_risk=a.unmanaged_risk,
        )
        for a in rows.areas
    }
    answer_states = {q: AnswerState(a.value, a.na_reason) for q, a in answers.items()}
    area_states = {s: AreaState(a.grade, a.rationale, a.unmanaged_risk) for s, a in areas.items()}
    closing = ClosingState(
        voice_of_child=rows.voice_of_child,
        impact=rows.impact,
        overall_grade=Grade(rows.overall_grade) if rows.overall_grade else None,
        overall_rationale=rows.overall_rationale,
        action_count=len(rows.actions),
        escalation=rows.escalation,
        escalation_note=rows.escalation_note,
    )
    auditor = _person(rows, rows.auditor_id, Role.TEAM_MANAGER.value)
    practitioner = (
        _person(rows, rows.practitioner_id, Role.PRACTITIONER.value)
        if rows.practitioner_id
        else None
    )
    participants = tuple(_person(rows, p.person_id, p.role) for p in rows.participants)
    owners: dict[str, PersonChoice] = {auditor.id: auditor}
    if practitioner:
        owners[practitioner.id] = practitioner
    for p in participants:
        owners.setdefault(p.id, p)
    return Workspace(
        id=rows.id,
        reference=rows.reference,
        state=AuditState(rows.state),
        audit_type=rows.audit_type,
        case_reference=rows.case_reference,
        case_initials=rows.case_initials,
        legal_status=status,
        team=rows.team,
        form=form,
        auditor=auditor,
        practitioner=practitioner,
        participants=participants,
        access=access,
        answers=answers,
        areas=areas,
        voice_of_child=rows.voice_of_child,
        impact=rows.impact,
        overall_grade=closing.overall_grade,
        overall_rationale=rows.overall_rationale,
        outstanding_practice=rows.outstanding_practice,
        escalation=rows.escalation,
        escalation_note=rows.escalation_note,
        actions=tuple(
            ActionData(
                a.id, a.description, a.owner_id, rows.names.get(a.owner_id, ""), a.due_on, a.status
            )
            for a in rows.actions
        ),
        suggestions=suggestions_for(form, answer_states, area_states, status),
        auditor_signed_at=rows.auditor_signed_at,
        practitioner_signed_at=rows.practitioner_signed_at,
        practitioner_disagrees=rows.practitioner_disagrees,
        practitioner_disagreement=rows.practitioner_disagreement,
        checklist=tuple(submit_checklist(form, answer_states, area_states, closing, status)),
        owners=tuple(owners.values()),
        conflicts=field_conflicts(rows.conflicts),
        editable_fields=editable_fields(rights) if rights else frozenset(),
        may_add_actions=rights.may_add_actions if rights else False,
    )


def field_conflicts(rows: tuple[wq.ConflictRow, ...]) -> dict[FieldRef, FieldConflict]:
    """The open conflicts on fields the workspace edits (the latest per field); others (a
    record deleted on one computer, fields it does not show) are left to Sync > Conflicts."""
    found: dict[FieldRef, FieldConflict] = {}
    for row in rows:
        ref = _conflict_ref(row)
        if ref is None:
            continue
        found[ref] = FieldConflict(
            current_value=row.current_value,
            current_actor_id=row.current_actor_id,
            current_author=row.current_author,
            current_at=row.current_at,
            other_value=row.other_value,
            other_actor_id=row.other_actor_id,
            other_author=row.other_author,
            other_at=row.other_at,
        )
    return found


def _conflict_ref(row: wq.ConflictRow) -> FieldRef | None:
    try:
        if row.table_name == "audits":
            return FieldRef.audit(row.field)
        if row.table_name == "answers":
            return FieldRef.answer(row.key, row.field)
        if row.table_name == "section_reviews":
            return FieldRef.area(row.key, row.field)
    except ValueError:  # a field the workspace does not edit
        return None
    return None

"""Exporting documents: gathers one audit (or its reflective meeting) as plain data and hands
it to the PDF builders in :mod:`qa_desktop.reports`.

Files are written whole or not at all: the PDF is built in memory, written beside the target
under a temporary name, then moved into place.

Who exports matters for one part of the audit record: the family feedback is in it only for a
person who may read it (``services/feedback.py``, ``may_read_feedback``, the audit viewer's
rule). With no actor, as from the command line, which has no signed-in person and no way to
prove who runs it, the section is left out entirely: a copy that is easy to forward never
carries what a family said unless someone allowed to read it made it from the app.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.forms import (
    AnswerType,
    FormDefinition,
    LegalStatus,
    Question,
    without_emoji,
)
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role
from qa_desktop.errors import UserError, ValidationError
from qa_desktop.reports.audit_record import (
    ActionEntry,
    AreaEntry,
    AuditRecordData,
    FamilyFeedbackEntry,
    FeedbackAnswerLine,
    HistoryEntry,
    ModerationEntry,
    QuestionEntry,
    build_audit_record,
)
from qa_desktop.reports.meeting_notes import MeetingNotesData, build_meeting_notes
from qa_desktop.services.actors import Caller
from qa_desktop.services.audit.feedback import FeedbackDetail, FeedbackSaid, Respondent
from qa_desktop.services.audit.listing import AuditService, AuditView
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.queries.audits import ActionView, AnswerView, ModerationView
from qa_desktop.store.queries.meetings import audit_id_by_reference, meeting_record

log = logging.getLogger(__name__)


class ExportError(UserError):
    """A document could not be written where the person asked."""


@dataclass(frozen=True)
class ExportedDocument:
    path: Path
    size: int  # bytes


class DocumentService:
    def __init__(self, store: Store, audits: AuditService | None = None) -> None:
        self._store = store
        self._audits = audits or AuditService(store)

    # -- finding ---------------------------------------------------------------------------

    def audit_id(self, reference: str) -> str:
        """The id of the audit with this reference, or a clear error."""
        with self._store.reader() as session:
            found = audit_id_by_reference(session, reference)
        if found is None:
            raise ValidationError(
                "There is no audit {reference} in this store. Audit references look like "
                "QA-7K2M9QF; `qa-desktop list audits` prints them.",
                reference=reference.strip(),
            )
        return found

    # -- plain data --------------------------------------------------------------------------

    def audit_record_data(self, audit_id: str, actor: Caller) -> AuditRecordData:
        """The audit record as ``actor`` may read it; for the system (the command line) the
        family feedback is left out."""
        return audit_record_data(self._audits.view(audit_id, actor))

    def meeting_notes_data(self, audit_id: str, actor: Caller) -> MeetingNotesData:
        view = self._audits.view(audit_id, actor)
        with self._store.reader() as session:
            meeting = meeting_record(session, audit_id)
        if meeting is None:
            raise ValidationError(
                "Audit {reference} has no reflective meeting: a meeting is held only after an "
                "Inadequate grade is confirmed.",
                reference=view.record.row.reference,
            )
        record, row = view.record, view.record.row
        overall = {d.section_id: d for d in record.moderations}.get(m.OVERALL)
        return MeetingNotesData(
            audit_reference=row.reference,
            case_reference=row.case_reference,
            case_initials=row.case_initials,
            child=_child(record.case_age, record.legal_status),
            team=row.team,
            form_title=row.form_title,
            form_version=row.form_version,
            auditor=row.auditor,
            practitioner=row.practitioner,
            auditor_grade=row.overall_grade,
            moderated_grade=overall.moderated_grade if overall else None,
            audit_completed_on=row.completed_on,
            head_of_service=meeting.head_of_service,
            due_on=meeting.due_on,
            held_on=meeting.held_on,
            attendees=_attendees(meeting.attendees),
            barriers=meeting.barriers,
            lived_experience=meeting.lived_experience,
            actions=tuple(_action(a) for a in meeting.actions),
            signed_off_at=meeting.signed_off_at,
            reaudit_due_on=meeting.reaudit_due_on,
            reaudit_reference=meeting.reaudit_reference,
        )

    # -- export ----------------------------------------------------------------------------

    def export_audit(self, audit_id: str, path: Path, actor: Caller) -> ExportedDocument:
        """Write the audit record PDF to ``path``."""
        data = build_audit_record(self.audit_record_data(audit_id, actor))
        log.info("exported the audit record of %s", audit_id)
        return _write(path, data)

    def export_meeting(self, audit_id: str, path: Path, actor: Caller) -> ExportedDocument:
        """Write the reflective meeting notes PDF for the audit's meeting to ``path``."""
        data = build_meeting_notes(self.meeting_notes_data(audit_id, actor))
        log.info("exported the meeting notes of %s", audit_id)
        return _write(path, data)

    def has_meeting(self, audit_id: str) -> bool:
        with self._store.reader() as session:
            return meeting_record(session, audit_id) is not None


def audit_record_data(view: AuditView) -> AuditRecordData:
    """The audit record document's data, from everything stored about one audit."""
    record, row, form = view.record, view.record.row, view.form
    moderations = {d.section_id: d for d in record.moderations}
    areas = []
    for section in form.sections:
        review = record.sections.get(section.id)
        questions = tuple(
            _question(form, q, record.answers.get(q.id), record.legal_status)
            for q in section.questions
        )
        moderation = _moderation(moderations.get(section.id))
        if review is None:
            areas.append(
                AreaEntry(
                    section.title,
                    questions,
                    graded=section.graded,
                    moderation=moderation,
                    reviewed=False,
                )
            )
            continue
        areas.append(
            AreaEntry(
                title=section.title,
                questions=questions,
                graded=section.graded,
                grade=review.grade,
                suggested_grade=review.suggested_grade,
                rationale=review.rationale,
                working_well=review.working_well,
                worried=review.worried,
                even_better_if=review.even_better_if,
                reflection=review.practitioner_reflection,
                reflection_author=review.reflection_author,
                unmanaged_risk=review.unmanaged_risk,
                moderation=moderation,
            )
        )
    return AuditRecordData(
        reference=row.reference,
        case_reference=row.case_reference,
        case_initials=row.case_initials,
        child=_child(record.case_age, record.legal_status),
        team=row.team,
        service=row.service,
        area=row.area,
        form_title=row.form_title,
        form_version=row.form_version,
        audit_type=_audit_type(row.audit_type),
        state=row.state.label,
        auditor=row.auditor,
        practitioner=row.practitioner,
        participants=tuple((p.name, _role(p.role)) for p in record.participants),
        due_on=row.due_on,
        completed_on=row.completed_on,
        closed_on=row.closed_on,
        areas=tuple(areas),
        moderation_complete=row.state is AuditState.CLOSED,
        in_moderation=row.state is AuditState.IN_MODERATION,
        reaudit_of=record.reaudit_of_reference,
        has_overall=form.has_overall,
        overall_grade=row.overall_grade,
        overall_suggested=record.overall_suggested,
        overall_rationale=record.overall_rationale,
        voice_of_child=record.voice_of_child,
        impact=record.impact,
        overall_moderation=_moderation(moderations.get(m.OVERALL)),
        outstanding_practice=record.outstanding_practice,
        escalation=record.escalation,
        escalation_note=record.escalation_note,
        actions=tuple(_action(a) for a in record.actions),
        auditor_signed_at=record.auditor_signed_at,
        practitioner_signed_at=record.practitioner_signed_at,
        practitioner_disagrees=record.practitioner_disagrees,
        practitioner_disagreement=record.practitioner_disagreement,
        history=tuple(
            HistoryEntry(
                at=e.at,
                change=f"{e.from_state.label} → {e.to_state.label}",
                actor=e.actor,
                reason=e.reason,
            )
            for e in record.events
        ),
        family_feedback=_family_feedback(view.feedback),
    )


# -- how values read -----------------------------------------------------------------------


def _question(
    form: FormDefinition, question: Question, answer: AnswerView | None, legal_status: str
) -> QuestionEntry:
    try:
        status: LegalStatus | None = LegalStatus(legal_status)
    except ValueError:
        status = None
    return QuestionEntry(
        number=question.id,
        text=question.text,
        key=question.is_key_for(status),
        answer=_answer_text(question, answer.value if answer else None),
        na_reason=answer.na_reason if answer else "",
        evidence=answer.evidence if answer else "",
    )


def _answer_text(question: Question, value: str | None) -> str:
    if value is None or value == "":
        return ""
    kind = question.answer_type
    if kind is AnswerType.YES_NO:
        try:
            return Answer(value).label
        except ValueError:
            return value
    if kind is AnswerType.CHOICE:
        return next((o.label for o in question.options if o.value == value), value)
    if kind is AnswerType.SCALE:
        return f"{value} (scale {question.scale_min} to {question.scale_max})"
    if kind is AnswerType.DATE:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
        return f"{day.day} {day.strftime('%B %Y')}"
    return value


# A child's answers are faces in the app; the document names them (its fonts have no emoji).
FACE_WORDS = {"happy": "happy face", "okay": "OK face", "sad": "sad face"}


def _family_feedback(
    feedback: tuple[FeedbackDetail, ...] | None,
) -> tuple[FamilyFeedbackEntry, ...] | None:
    """None stays None: the view leaves it out for a person who may not read it."""
    if feedback is None:
        return None
    return tuple(
        FamilyFeedbackEntry(
            respondent=entry.respondent.label,
            recorded_on=entry.recorded_on,
            method=entry.method.label,
            recorded_by=entry.recorded_by,
            consent_given=entry.consent_given,
            consent_note=entry.consent_note,
            answers=tuple(
                FeedbackAnswerLine(
                    number=said.question_id,
                    question=said.question,
                    answer=_feedback_answer(said, entry.respondent),
                    comment=said.comment,
                )
                for said in entry.said
            ),
        )
        for entry in feedback
    )


def _feedback_answer(said: FeedbackSaid, respondent: Respondent) -> str:
    if not said.answer:
        return ""
    words = without_emoji(said.answer)
    face = FACE_WORDS.get(said.value or "") if respondent is Respondent.CHILD else None
    return f"{words} ({face})" if face else words


def _moderation(decision: ModerationView | None) -> ModerationEntry | None:
    if decision is None:
        return None
    return ModerationEntry(
        moderator=decision.moderator,
        auditor_grade=decision.auditor_grade,
        moderated_grade=decision.moderated_grade,
        reason=decision.reason,
        decided_at=decision.decided_at,
    )


def _action(action: ActionView) -> ActionEntry:
    return ActionEntry(
        description=action.description,
        owner=action.owner,
        due_on=action.due_on,
        status=action.status.replace("_", " ").capitalize(),
        completed_on=action.completed_on,
    )


def _child(age: str, legal_status: str) -> str:
    try:
        status = LegalStatus(legal_status).label
    except ValueError:
        status = legal_status.replace("_", " ").capitalize()
    if age == "unborn":
        years = "Unborn"
    elif age in ("", "None"):
        years = "Age not recorded"
    elif age == "0":
        years = "Under 1 year"
    else:
        years = f"{age} year" + ("" if age == "1" else "s")
    return f"{years}, {status}" if status else years


def _role(value: str) -> str:
    try:
        return Role(value).label
    except ValueError:
        return value.replace("_", " ").capitalize()


def _audit_type(value: str) -> str:
    try:
        return AuditType(value).label
    except ValueError:
        return value


def _attendees(text: str) -> tuple[str, ...]:
    parts = [p.strip() for chunk in text.splitlines() for p in chunk.split(",")]
    return tuple(p for p in parts if p)


def _write(path: Path, data: bytes) -> ExportedDocument:
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(
            "Could not save the PDF: the folder {folder} does not exist.", folder=str(folder)
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=".qa-export-", suffix=".pdf", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise ExportError(
            "Could not save the PDF as {path}: {reason}. Choose another place and try again.",
            path=str(target),
            reason=exc.strerror or type(exc).__name__,
        ) from exc
    return ExportedDocument(target, len(data))

"""The audit record PDF: one audit from header to sign-off, with the moderation outcome beside
the auditor's grades. Fed by plain data (:class:`AuditRecordData`); no Qt, no SQL.

Until moderation is complete (the audit is closed) every page carries a DRAFT mark.

The family feedback is in the document only when the person exporting it may read it (the
services decide, as for the audit viewer); otherwise the section is left out entirely, not
even saying that feedback exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from qa_desktop.domain.grades import Grade
from qa_desktop.reports.pdf import Cell, Chip, DocumentInfo, Styled
from qa_desktop.reports.pdf.formats import date_time, long_date, short_date

if TYPE_CHECKING:
    from qa_desktop.reports.pdf.document import DocumentBuilder

NOT_GRADED = "Not graded"
KICKER = "Children's social care · Quality assurance"


@dataclass(frozen=True)
class QuestionEntry:
    number: str  # as the form names it, e.g. "A1"
    text: str
    key: bool
    answer: str  # the answer as a person reads it ("Yes", "N/A", "3 of 5"), "" if unanswered
    na_reason: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class ModerationEntry:
    moderator: str
    auditor_grade: Grade | None
    moderated_grade: Grade
    reason: str
    decided_at: datetime

    @property
    def changed(self) -> bool:
        return self.auditor_grade != self.moderated_grade


@dataclass(frozen=True)
class AreaEntry:
    """One section of the form (a practice area) with its answers and closing review."""

    title: str
    questions: tuple[QuestionEntry, ...]
    graded: bool = True
    grade: Grade | None = None
    suggested_grade: Grade | None = None
    rationale: str = ""
    working_well: str = ""
    worried: str = ""
    even_better_if: str = ""
    reflection: str = ""
    reflection_author: str = ""
    unmanaged_risk: bool = False
    moderation: ModerationEntry | None = None
    reviewed: bool = True  # False: the area's closing review was never started


@dataclass(frozen=True)
class ActionEntry:
    description: str
    owner: str
    due_on: date
    status: str  # as a person reads it ("Open", "Done"...)
    completed_on: date | None = None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    change: str  # e.g. "Submitted → Closed"
    actor: str
    reason: str = ""


@dataclass(frozen=True)
class FeedbackAnswerLine:
    number: str  # the question's id, e.g. "FA2"
    question: str
    answer: str  # in words ("Not really", "Yes (happy face)"); "" when not answered
    comment: str = ""


@dataclass(frozen=True)
class FamilyFeedbackEntry:
    """One questionnaire: who gave it, when and how, consent, and what they said."""

    respondent: str  # "Parent or carer" or "Child"
    recorded_on: date
    method: str  # "By phone", "In person"
    recorded_by: str
    consent_given: bool
    consent_note: str
    answers: tuple[FeedbackAnswerLine, ...]


@dataclass(frozen=True)
class AuditRecordData:
    reference: str
    case_reference: str
    case_initials: str
    child: str  # age and legal status, e.g. "8 years, Child protection"
    team: str
    service: str
    area: str
    form_title: str
    form_version: int
    audit_type: str
    state: str
    auditor: str
    practitioner: str
    participants: tuple[tuple[str, str], ...]  # (name, role)
    due_on: date | None
    completed_on: date | None
    closed_on: date | None
    areas: tuple[AreaEntry, ...]
    moderation_complete: bool  # False: DRAFT on every page
    in_moderation: bool = False
    reaudit_of: str | None = None
    has_overall: bool = True
    overall_grade: Grade | None = None
    overall_suggested: Grade | None = None
    overall_rationale: str = ""
    voice_of_child: str = ""
    impact: str = ""
    overall_moderation: ModerationEntry | None = None
    outstanding_practice: bool = False
    escalation: bool = False
    escalation_note: str = ""
    actions: tuple[ActionEntry, ...] = ()
    auditor_signed_at: datetime | None = None
    practitioner_signed_at: datetime | None = None
    practitioner_disagrees: bool = False
    practitioner_disagreement: str = ""
    history: tuple[HistoryEntry, ...] = ()
    # None: the person exporting may not read what the family said, and the section is left
    # out; () : they may, and there is none.
    family_feedback: tuple[FamilyFeedbackEntry, ...] | None = None
    prepared_by: str = ""  # who made the PDF (the metadata's author)
    prepared_on: date | None = None


def _chip(grade: Grade | None) -> Chip:
    return Chip(grade, None if grade else NOT_GRADED)


def _final_grade(grade: Grade | None, moderation: ModerationEntry | None) -> Grade | None:
    return moderation.moderated_grade if moderation else grade


def _moderation_cell(moderation: ModerationEntry | None, moderation_complete: bool) -> Cell:
    if moderation is None:
        return Styled(
            "Awaiting moderation" if not moderation_complete else "Not moderated", "small"
        )
    verdict = "Changed" if moderation.changed else "Agreed"
    return [
        Chip(moderation.moderated_grade),
        Styled(f"{verdict} by {moderation.moderator}", "small"),
    ]


def build_audit_record(data: AuditRecordData, path: Path | None = None) -> bytes:
    """The audit record as PDF bytes (written to ``path`` too when given)."""
    draft = not data.moderation_complete
    from qa_desktop.reports.pdf.document import DocumentBuilder  # loads reportlab

    builder = DocumentBuilder(
        DocumentInfo(
            title=f"Audit record {data.reference}",
            subject=(
                f"{data.form_title} of case {data.case_reference} ({data.case_initials}), "
                f"{data.team}"
            ),
            author=data.prepared_by or data.auditor,
            reference=data.reference,
            form_version=f"{data.form_title}, version {data.form_version}",
            draft=draft,
            keywords=f"{data.reference}, {data.case_reference}, audit record",
        )
    )
    _header(builder, data, draft)
    _grades_at_a_glance(builder, data)
    for number, area in enumerate(data.areas, start=1):
        _area(builder, number, area, data.moderation_complete)
    if data.has_overall:
        _overall(builder, data)
    _actions(builder, data)
    _sign_off(builder, data)
    _family_feedback(builder, data.family_feedback)
    _history(builder, data)
    return builder.build(path)


def _header(builder: DocumentBuilder, data: AuditRecordData, draft: bool) -> None:
    builder.title_block(
        "Audit record",
        f"{data.form_title} · case {data.case_reference} ({data.case_initials}) · {data.team}",
        kicker=KICKER,
    )
    if draft:
        why = (
            "This audit is in moderation: a moderator may still change its grades."
            if data.in_moderation
            else f"This audit is {data.state.lower()}: its grades are not final until the "
            "audit is closed."
        )
        builder.note(why, tone="warning", label="Draft")
    if data.escalation:
        builder.note(
            data.escalation_note or "No note was recorded.",
            tone="alert",
            label="Live safeguarding concern escalated during this audit",
        )
    participants = "; ".join(f"{name} ({role})" for name, role in data.participants)
    # Short values two to a row; the values that may be long last, where a whole row each
    # leaves no gaps.
    pairs: list[tuple[str, Cell]] = [
        ("Audit", data.reference),
        ("State", data.state),
        ("Case", f"{data.case_reference} ({data.case_initials})"),
        ("Child", data.child),
        ("Form", f"{data.form_title}, version {data.form_version}"),
        ("Audit type", data.audit_type),
        ("Auditor", data.auditor),
        ("Practitioner", data.practitioner or "Not recorded"),
        ("Due", long_date(data.due_on, "Not set")),
        ("Completed", long_date(data.completed_on, "Not yet")),
        ("Closed", long_date(data.closed_on, "Not yet")),
        ("Re-audit of", data.reaudit_of or "Not a re-audit"),
        ("Team", data.team),
        ("Service and area", f"{data.service}, {data.area}"),
        ("Participants", participants or "None recorded"),
    ]
    if data.outstanding_practice:
        pairs.append(("Flag", "Outstanding practice to share at the performance board"))
    builder.key_values(pairs, columns=2)


def _grades_at_a_glance(builder: DocumentBuilder, data: AuditRecordData) -> None:
    rows: list[list[Cell]] = []
    for number, area in enumerate(data.areas, start=1):
        if not area.graded:
            continue
        rows.append(
            [
                f"{number}. {area.title}",
                Styled(area.suggested_grade.label if area.suggested_grade else "—", "cell"),
                _chip(area.grade),
                _moderation_cell(area.moderation, data.moderation_complete),
            ]
        )
    if data.has_overall:
        rows.append(
            [
                Styled("Overall", "cell_bold"),
                Styled(data.overall_suggested.label if data.overall_suggested else "—", "cell"),
                _chip(data.overall_grade),
                _moderation_cell(data.overall_moderation, data.moderation_complete),
            ]
        )
    if not rows:
        return
    builder.heading("Grades at a glance")
    builder.table(
        ["Practice area", "Suggested", "Auditor's grade", "Moderation"],
        rows,
        [0.29, 0.19, 0.25, 0.27],
    )


def _area(builder: DocumentBuilder, number: int, area: AreaEntry, moderated: bool) -> None:
    final = _final_grade(area.grade, area.moderation)
    builder.heading(f"{number}. {area.title}", chip=_chip(final) if area.graded else None)
    rows: list[list[Cell]] = []
    for question in area.questions:
        text: list[Cell] = [question.text]
        if question.key:
            text.append(Styled("Key question", "small"))
        if question.na_reason:
            text.append(Styled(f"Why not applicable: {question.na_reason}", "small_italic"))
        if question.evidence:
            text.append(Styled(f"Evidence: {question.evidence}", "small_italic"))
        answer = (
            Styled(question.answer, "cell_bold")
            if question.answer
            else Styled("Not answered", "small")
        )
        rows.append([Styled(question.number, "small"), text, answer])
    builder.table(["", "Question", "Answer"], rows, [0.07, 0.75, 0.18])
    if not area.graded and not area.reviewed:
        return
    builder.labelled_text("What is working well", area.working_well)
    builder.labelled_text("What we are worried about", area.worried)
    builder.labelled_text("Even better if", area.even_better_if)
    reflection = "Practitioner's reflection"
    if area.reflection_author:
        reflection += f" ({area.reflection_author})"
    builder.labelled_text(reflection, area.reflection)
    if area.unmanaged_risk:
        builder.note(
            "The auditor recorded a risk to the child in this area that is not being managed.",
            tone="alert",
            label="Unmanaged risk",
        )
    if area.graded:
        _grade_block(
            builder,
            "Area grade",
            area.grade,
            area.suggested_grade,
            area.rationale,
            area.moderation,
            moderated,
        )


def _grade_block(
    builder: DocumentBuilder,
    title: str,
    grade: Grade | None,
    suggested: Grade | None,
    rationale: str,
    moderation: ModerationEntry | None,
    moderated: bool,
) -> None:
    pairs: list[tuple[str, Cell]] = [
        ("Auditor's grade", _chip(grade)),
        ("Suggested by the form", suggested.label if suggested else "—"),
    ]
    if moderation is not None:
        pairs += [
            ("Moderated grade", Chip(moderation.moderated_grade)),
            (
                "Moderator",
                f"{moderation.moderator}, {short_date(moderation.decided_at)}"
                + (" (grade changed)" if moderation.changed else " (grade agreed)"),
            ),
        ]
    else:
        pairs.append(("Moderation", "Awaiting moderation" if not moderated else "Not moderated"))

    def grades() -> None:
        builder.heading(title, level=2)
        builder.key_values(pairs, columns=2)

    builder.keep_together(grades)
    builder.labelled_text("Auditor's rationale", rationale)
    if moderation is not None:
        builder.labelled_text("Moderator's reason", moderation.reason)


def _overall(builder: DocumentBuilder, data: AuditRecordData) -> None:
    final = _final_grade(data.overall_grade, data.overall_moderation)
    builder.heading("Overall judgement", chip=_chip(final))
    builder.labelled_text("Voice of the child and family", data.voice_of_child)
    builder.labelled_text("Impact on the child", data.impact)
    _grade_block(
        builder,
        "Overall grade",
        data.overall_grade,
        data.overall_suggested,
        data.overall_rationale,
        data.overall_moderation,
        data.moderation_complete,
    )


def _actions(builder: DocumentBuilder, data: AuditRecordData) -> None:
    builder.heading("Agreed actions")
    rows: list[list[Cell]] = [
        [
            action.description,
            action.owner,
            short_date(action.due_on),
            action.status + (f", {short_date(action.completed_on)}" if action.completed_on else ""),
        ]
        for action in data.actions
    ]
    builder.table(
        ["What", "Who", "By when", "Status"],
        rows,
        [0.5, 0.2, 0.14, 0.16],
        empty="No actions were agreed.",
    )


def _sign_off(builder: DocumentBuilder, data: AuditRecordData) -> None:
    def signatures() -> None:
        builder.heading("Sign-off")
        builder.key_values(
            [
                ("Auditor", data.auditor),
                ("Signed", date_time(data.auditor_signed_at, "Not signed")),
                ("Practitioner", data.practitioner or "Not recorded"),
                ("Signed", date_time(data.practitioner_signed_at, "Not signed")),
            ],
            columns=2,
        )

    builder.keep_together(signatures)
    if data.practitioner_disagrees:
        builder.note(
            data.practitioner_disagreement or "No reason was recorded.",
            tone="warning",
            label="The practitioner disagrees with this audit",
        )


NO_FEEDBACK = "No family feedback has been recorded for this audit."


def _family_feedback(
    builder: DocumentBuilder, feedback: tuple[FamilyFeedbackEntry, ...] | None
) -> None:
    if feedback is None:  # not for the person exporting: not even the heading
        return
    builder.heading("Family feedback")
    if not feedback:
        builder.paragraph("", empty=NO_FEEDBACK)
    for entry in feedback:
        _questionnaire(builder, entry)


def _questionnaire(builder: DocumentBuilder, entry: FamilyFeedbackEntry) -> None:
    consent = "Given" if entry.consent_given else "Declined: nothing they said is recorded"

    def about() -> None:
        builder.heading(f"{entry.respondent}, {long_date(entry.recorded_on)}", level=2)
        builder.key_values(
            [
                ("Given by", entry.respondent),
                ("Date", long_date(entry.recorded_on)),
                ("How", entry.method),
                ("Recorded by", entry.recorded_by),
                ("Consent", consent),
                ("Consent note", entry.consent_note or "None recorded"),
            ],
            columns=2,
        )

    builder.keep_together(about)
    if not entry.answers:
        return
    rows: list[list[Cell]] = []
    for line in entry.answers:
        answer: list[Cell] = [
            Styled(line.answer, "cell_bold") if line.answer else Styled("Not answered", "small")
        ]
        if line.comment:
            answer.append(Styled(f"“{line.comment}”", "small_italic"))
        rows.append([Styled(line.number, "small"), line.question, answer])
    builder.table(["", "Question", "Answer"], rows, [0.07, 0.55, 0.38])


def _history(builder: DocumentBuilder, data: AuditRecordData) -> None:
    if not data.history:
        return
    builder.heading("History of this audit")
    builder.table(
        ["When", "Step", "By", "Reason"],
        [[date_time(h.at), h.change, h.actor, h.reason] for h in data.history],
        [0.2, 0.28, 0.22, 0.3],
    )

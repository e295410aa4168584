"""One audit, read-only: the header, each practice area with its answers and grade, the
overall judgement, actions, moderation, family feedback (for those who may read it) and the
audit's history of states."""

from __future__ import annotations

import contextlib
from html import escape

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.forms import AnswerType, LegalStatus, without_emoji
from qa_desktop.domain.grades import Grade
from qa_desktop.services.audit.documents import DocumentService
from qa_desktop.services.audit.feedback import FeedbackDetail, Respondent
from qa_desktop.services.audit.listing import AuditView
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.labels import GRADE_COLOURS, audit_type_label, grade_label, state_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.faces import FACE_COLOURS, face_pixmap
from qa_desktop.ui.widgets.fit import FittedDialog
from qa_desktop.ui.widgets.pdf_export import PdfExportBar


def _t(text: str) -> str:
    return QCoreApplication.translate("AuditViewer", text)


def _chip(grade: Grade | None) -> str:
    if grade is None:
        return f"<span style='color:#666'>{_t('Not graded')}</span>"
    background, text = GRADE_COLOURS[grade]
    return (
        f"<span style='background:{background};color:{text};padding:2px 6px;"
        f"font-weight:600'>&nbsp;{escape(grade_label(grade))}&nbsp;</span>"
    )


def _para(label: str, text: str) -> str:
    if not text.strip():
        return ""
    return f"<p><b>{escape(_t(label))}:</b> {escape(text)}</p>"


def _answer_text(view: AuditView, question_id: str) -> str:
    answer = view.record.answers.get(question_id)
    if answer is None or answer.value is None:
        return f"<span style='color:#666'>{_t('Not answered')}</span>"
    question = view.form.question(question_id)
    value = answer.value
    if question.answer_type is AnswerType.YES_NO:
        with contextlib.suppress(ValueError):
            value = _t(Answer(value).label)
    elif question.answer_type is AnswerType.CHOICE:
        value = next((o.label for o in question.options if o.value == value), value)
    text = f"<b>{escape(value)}</b>"
    if answer.na_reason:
        text += f" &mdash; {escape(answer.na_reason)}"
    if answer.evidence:
        text += f"<br/><i>{escape(answer.evidence)}</i>"
    return text


def render_audit_html(view: AuditView, *, faces: bool = False) -> str:
    """The audit as HTML. ``faces``: a child's answers show their drawn face (the document
    must hold the images: :func:`add_face_images`)."""
    record, row, form = view.record, view.record.row, view.form
    try:
        status = _t(LegalStatus(record.legal_status).label)
    except ValueError:
        status = record.legal_status
    age = (
        _t("unborn")
        if record.case_age == "unborn"
        else _t("{age} years").format(age=record.case_age)
    )
    parts = [
        f"<h1>{escape(row.reference)} &middot; {escape(row.case_reference)} ({escape(row.case_initials)})</h1>",
        "<table cellpadding='3'>",
    ]
    header = [
        (_t("Team"), row.team),
        (_t("Child"), f"{age}, {status}"),
        (_t("Form"), f"{row.form_title} v{row.form_version}"),
        (_t("Type"), audit_type_label(row.audit_type)),
        (_t("State"), state_label(row.state)),
        (_t("Auditor"), row.auditor),
        (_t("Practitioner"), row.practitioner),
        (
            _t("Participants"),
            ", ".join(f"{p.name} ({p.role.replace('_', ' ')})" for p in record.participants),
        ),
        (_t("Completed"), row.completed_on.strftime("%d %B %Y") if row.completed_on else "—"),
    ]
    if record.reaudit_of_reference:
        header.append((_t("Re-audit of"), record.reaudit_of_reference))
    for label, value in header:
        parts.append(f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>")
    parts.append("</table>")
    moderation = {d.section_id: d for d in record.moderations}
    for section in form.sections:
        review = record.sections.get(section.id)
        parts.append(f"<h2>{escape(section.title)}</h2>")
        parts.append("<table cellpadding='4' width='100%' border='0'>")
        for question in section.questions:
            key = " <b>(key)</b>" if question.key else ""
            parts.append(
                f"<tr><td width='8%' valign='top'>{escape(question.id)}</td>"
                f"<td width='52%' valign='top'>{escape(question.text)}{key}</td>"
                f"<td valign='top'>{_answer_text(view, question.id)}</td></tr>"
            )
        parts.append("</table>")
        if review is not None:
            parts.append(_para("What is working well", review.working_well))
            parts.append(_para("What we are worried about", review.worried))
            parts.append(_para("Even better if", review.even_better_if))
            if review.practitioner_reflection:
                author = (
                    f" ({escape(review.reflection_author)})" if review.reflection_author else ""
                )
                parts.append(
                    f"<p><b>{escape(_t('Practitioner reflection'))}{author}:</b> "
                    f"{escape(review.practitioner_reflection)}</p>"
                )
            if section.graded:
                parts.append(
                    f"<p><b>{escape(_t('Area grade'))}:</b> {_chip(review.grade)} "
                    f"&nbsp; {escape(_t('Suggested'))}: {escape(grade_label(review.suggested_grade))}</p>"
                )
                parts.append(_para("Rationale", review.rationale))
        decision = moderation.get(section.id)
        if decision is not None:
            parts.append(
                f"<p><b>{escape(_t('Moderation'))}:</b> {_chip(decision.moderated_grade)} "
                f"{escape(decision.moderator)} &mdash; {escape(decision.reason)}</p>"
            )
    if form.has_overall:
        parts.append(f"<h2>{escape(_t('Overall'))}</h2>")
        parts.append(_para("Voice of the child and family", record.voice_of_child))
        parts.append(_para("Impact on the child", record.impact))
        parts.append(
            f"<p><b>{escape(_t('Overall grade'))}:</b> {_chip(row.overall_grade)} &nbsp; "
            f"{escape(_t('Suggested'))}: {escape(grade_label(record.overall_suggested))}</p>"
        )
        parts.append(_para("Rationale", record.overall_rationale))
        overall = moderation.get("overall")
        if overall is not None:
            parts.append(
                f"<p><b>{escape(_t('Moderated grade'))}:</b> {_chip(overall.moderated_grade)} "
                f"{escape(overall.moderator)} &mdash; {escape(overall.reason)}</p>"
            )
        flags = []
        if record.outstanding_practice:
            flags.append(_t("Flagged as outstanding practice to share"))
        if record.escalation:
            flags.append(
                _t("Live safeguarding concern escalated")
                + (f": {record.escalation_note}" if record.escalation_note else "")
            )
        if record.practitioner_disagrees:
            flags.append(_t("The practitioner disagrees") + f": {record.practitioner_disagreement}")
        parts.extend(f"<p><b>{escape(f)}</b></p>" for f in flags)
    if record.actions:
        parts.append(f"<h2>{escape(_t('Actions'))}</h2><table cellpadding='4'>")
        parts.append(
            f"<tr><th align='left'>{escape(_t('What'))}</th><th align='left'>{escape(_t('Who'))}</th>"
            f"<th align='left'>{escape(_t('By when'))}</th><th align='left'>{escape(_t('Status'))}</th></tr>"
        )
        for action in record.actions:
            parts.append(
                f"<tr><td>{escape(action.description)}</td><td>{escape(action.owner)}</td>"
                f"<td>{action.due_on.strftime('%d %b %Y')}</td><td>{escape(action.status)}</td></tr>"
            )
        parts.append("</table>")
    if view.feedback is not None:
        parts.append(_feedback_html(view.feedback, faces=faces))
    if record.events:
        parts.append(f"<h2>{escape(_t('History of this audit'))}</h2><ul>")
        for event in record.events:
            reason = f" &mdash; {escape(event.reason)}" if event.reason else ""
            parts.append(
                f"<li>{event.at.strftime('%d %b %Y %H:%M')}: {escape(state_label(event.from_state))} "
                f"&rarr; {escape(state_label(event.to_state))} ({escape(event.actor)}){reason}</li>"
            )
        parts.append("</ul>")
    return "\n".join(p for p in parts if p)


FACE_URL = "qa-face:{value}"


def add_face_images(document: QTextDocument) -> None:
    """The drawn faces a child's answers refer to (no emoji font needed)."""
    for value in FACE_COLOURS:
        document.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(FACE_URL.format(value=value)),
            face_pixmap(value, 18),
        )


def _feedback_html(feedback: tuple[FeedbackDetail, ...], *, faces: bool) -> str:
    """Family feedback: who gave it, when, with what consent, and what they said."""
    parts = [f"<h2>{escape(_t('Family feedback'))}</h2>"]
    if not feedback:
        parts.append(
            f"<p style='color:#4b5563'>{escape(_t('No family feedback has been recorded for this audit yet. It is recorded from Programme > Family feedback, by someone other than the allocated worker.'))}</p>"
        )
    for entry in feedback:
        heading = _t("{who}, {day}").format(
            who=_t(entry.respondent.label), day=entry.recorded_on.strftime("%d %B %Y")
        )
        parts.append(f"<h3>{escape(heading)}</h3>")
        how = _t("{method}, recorded by {person}.").format(
            method=_t(entry.method.label), person=entry.recorded_by
        )
        if entry.consent_given:
            consent = _t("Consent given")
        else:
            consent = _t("Consent declined: nothing they said is recorded")
        if entry.consent_note:
            consent += f" ({entry.consent_note})"
        parts.append(
            f"<p>{escape(how)} <b>{escape(consent)}</b>.</p>"
            if entry.consent_given
            else f"<p>{escape(how)} <b style='color:#8a1c1c'>{escape(consent)}</b>.</p>"
        )
        if entry.said:
            parts.append("<table cellpadding='4' width='100%' border='0'>")
            for said in entry.said:
                answer = (
                    f"<b>{escape(without_emoji(said.answer))}</b>"
                    if said.answer
                    else f"<span style='color:#666'>{escape(_t('Not answered'))}</span>"
                )
                if faces and entry.respondent is Respondent.CHILD and said.value in FACE_COLOURS:
                    face = FACE_URL.format(value=said.value)
                    answer = f"<img src='{face}' width='18' height='18'/>&nbsp;{answer}"
                if said.comment:
                    answer += f"<br/><i>&ldquo;{escape(said.comment)}&rdquo;</i>"
                parts.append(
                    f"<tr><td width='8%' valign='top'>{escape(said.question_id)}</td>"
                    f"<td width='52%' valign='top'>{escape(said.question)}</td>"
                    f"<td valign='top'>{answer}</td></tr>"
                )
            parts.append("</table>")
    return "\n".join(parts)


class AuditViewer(FittedDialog):
    """A read-only audit. (The editable workspace is its own screen.)

    Given the runner and the document service, it also exports the audit record as PDF, and
    the reflective meeting notes when the audit has a meeting.
    """

    def __init__(
        self,
        view: AuditView,
        parent: QWidget | None = None,
        *,
        runner: Runner | None = None,
        documents: DocumentService | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._documents = documents
        self._actor = actor
        self.setWindowTitle(
            self.tr("Audit {reference} (read-only)").format(reference=view.record.row.reference)
        )
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Audit record"))
        self.browser.setHtml(render_audit_html(view, faces=True))
        add_face_images(self.browser.document())
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        self.export_bar: PdfExportBar | None = None
        self.export_audit: QPushButton | None = None
        self.export_meeting: QPushButton | None = None
        if runner is not None and documents is not None:
            self.export_bar = PdfExportBar(runner, self)
            layout.addWidget(self.export_bar)
            self.export_audit = buttons.addButton(
                self.tr("&Export PDF…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.export_audit.setToolTip(self.tr("Save the audit record as a PDF document"))
            self.export_audit.clicked.connect(self._export_audit)
            self.export_meeting = buttons.addButton(
                self.tr("Export &meeting notes…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.export_meeting.setToolTip(
                self.tr("Save the notes of the reflective meeting as a PDF document")
            )
            self.export_meeting.clicked.connect(self._export_meeting)
            self.export_meeting.hide()
            audit_id = view.record.row.id
            ops.read(runner, documents.has_meeting, audit_id, on_done=self._meeting_known)
        layout.addWidget(buttons)
        self.resize(900, 700)

    def _meeting_known(self, has_meeting: bool) -> None:
        if self.export_meeting is not None:
            self.export_meeting.setVisible(has_meeting)

    def _export_audit(self) -> None:
        documents, actor, row = self._documents, self._actor, self.view.record.row
        # The export buttons are made only with a runner and documents, and given a person.
        assert documents is not None and actor is not None and self.export_bar is not None
        self.export_bar.export(
            self.tr("Export the audit record"),
            self.tr("{reference} audit record.pdf").format(reference=row.reference),
            lambda path: documents.export_audit(row.id, path, actor),
        )

    def _export_meeting(self) -> None:
        documents, actor, row = self._documents, self._actor, self.view.record.row
        # The export buttons are made only with a runner and documents, and given a person.
        assert documents is not None and actor is not None and self.export_bar is not None
        self.export_bar.export(
            self.tr("Export the reflective meeting notes"),
            self.tr("{reference} meeting notes.pdf").format(reference=row.reference),
            lambda path: documents.export_meeting(row.id, path, actor),
        )

"""Recording family feedback on an audit: the adult questionnaire, or the child-friendly one
with faces; consent first; collected by someone other than the allocated worker."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.forms import AnswerType, FormDefinition, without_emoji
from qa_desktop.services.audit.feedback import (
    FeedbackAnswerEntry,
    FeedbackEntry,
    FeedbackForms,
    Method,
    Respondent,
)
from qa_desktop.services.container import Services
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.faces import face_icon
from qa_desktop.ui.widgets.fit import FittedDialog


class QuestionnairePage(QWidget):
    """One questionnaire's questions: a row of choices (faces for children) and a comment."""

    def __init__(self, form: FormDefinition, *, faces: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.groups: dict[str, QButtonGroup] = {}
        self.comments: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        for question in form.questions():
            box = QGroupBox(f"{question.id}. {question.text}")
            box.setObjectName(f"question-{question.id}")
            inner = QVBoxLayout(box)
            if question.help:
                hint = QLabel(question.help)
                hint.setWordWrap(True)
                hint.setObjectName("countLabel")
                inner.addWidget(hint)
            if question.answer_type is AnswerType.CHOICE:
                row = QHBoxLayout()
                group = QButtonGroup(self)
                for index, option in enumerate(question.options):
                    text = without_emoji(option.label) if faces else option.label
                    button = QRadioButton(text)
                    button.setProperty("value", option.value)
                    button.setAccessibleName(f"{question.id}: {text}")
                    if faces:
                        button.setObjectName("faceButton")
                        button.setIcon(face_icon(option.value))
                        button.setIconSize(QSize(40, 40))
                        button.setStyleSheet("font-size: 14pt; padding: 4px 10px;")
                    group.addButton(button, index)
                    row.addWidget(button)
                row.addStretch(1)
                inner.addLayout(row)
                self.groups[question.id] = group
                if not faces:
                    comment = QLineEdit()
                    comment.setPlaceholderText(self.tr("Comment, in the person's own words"))
                    comment.setAccessibleName(
                        self.tr("Comment on {question}").format(question=question.id)
                    )
                    inner.addWidget(comment)
                    self.comments[question.id] = comment
            else:
                answer = QLineEdit()
                answer.setAccessibleName(
                    self.tr("Answer to {question}").format(question=question.id)
                )
                inner.addWidget(answer)
                self.comments[question.id] = answer
            layout.addWidget(box)
        layout.addStretch(1)

    def choose(self, question_id: str, value: str) -> QAbstractButton:
        """The button for ``value`` on a question (tests and keyboard users click it)."""
        for button in self.groups[question_id].buttons():
            if button.property("value") == value:
                return button
        raise KeyError(value)

    def answers(self) -> tuple[FeedbackAnswerEntry, ...]:
        result = []
        for question in self.form.questions():
            group = self.groups.get(question.id)
            comment = self.comments.get(question.id)
            if group is not None:
                checked = group.checkedButton()
                value = str(checked.property("value")) if checked else None
                text = comment.text() if comment else ""
                if value or text.strip():
                    result.append(FeedbackAnswerEntry(question.id, value, text))
            elif comment is not None and comment.text().strip():
                result.append(FeedbackAnswerEntry(question.id, comment.text()))
        return tuple(result)


class FamilyFeedbackDialog(FittedDialog):
    saved = Signal(str)  # the new feedback's id

    def __init__(
        self,
        forms: FeedbackForms,
        services: Services,
        runner: Runner,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._forms = forms
        self._services = services
        self._runner = runner
        self._actor = actor
        audit = forms.audit
        self.setWindowTitle(
            self.tr("Family feedback — {reference}").format(reference=audit.reference)
        )
        self.resize(760, 680)
        heading = QLabel(
            self.tr(
                "<b>{reference}</b> · case {case} ({initials}) · {team} · grade: <b>{grade}</b>"
            ).format(
                reference=audit.reference,
                case=audit.case_reference,
                initials=audit.case_initials,
                team=audit.team,
                grade=grade_label(audit.grade) or self.tr("not graded yet"),
            )
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        rule = QLabel(
            self.tr(
                "Family feedback is collected by someone other than the allocated worker "
                "({worker}), so that the family can speak freely."
            ).format(worker=audit.allocated_worker or self.tr("none recorded"))
        )
        rule.setWordWrap(True)

        self.adult = QRadioButton(self.tr("&Parent or carer"))
        self.child = QRadioButton(self.tr("C&hild (with faces)"))
        self.adult.setChecked(True)
        who = QHBoxLayout()
        who.addWidget(self.adult)
        who.addWidget(self.child)
        who.addStretch(1)
        self.consent = QCheckBox(self.tr("The person has given &consent to share their views"))
        self.consent_note = QLineEdit()
        self.consent_note.setPlaceholderText(self.tr("How consent was given, or why it was not"))
        self.method = QComboBox()
        for method in Method:
            self.method.addItem(self.tr(method.label), method.value)
        form = QFormLayout()
        form.addRow(self.tr("Who answered:"), who)
        form.addRow(self.consent)
        form.addRow(self.tr("Consent &note:"), self.consent_note)
        form.addRow(self.tr("&Method:"), self.method)

        self.pages = {
            Respondent.ADULT: QuestionnairePage(
                forms.questionnaires[Respondent.ADULT].form, faces=False
            ),
            Respondent.CHILD: QuestionnairePage(
                forms.questionnaires[Respondent.CHILD].form, faces=True
            ),
        }
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        self.child.toggled.connect(self._respondent_changed)
        self.consent.toggled.connect(self._consent_changed)
        self._consent_changed(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(rule)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    @property
    def respondent(self) -> Respondent:
        return Respondent.CHILD if self.child.isChecked() else Respondent.ADULT

    @property
    def page(self) -> QuestionnairePage:
        return self.pages[self.respondent]

    def _respondent_changed(self) -> None:
        self.stack.setCurrentWidget(self.page)

    def _consent_changed(self, given: bool) -> None:
        # Without consent no answers are taken: only the refusal is recorded.
        self.stack.setEnabled(given)

    def entry(self) -> FeedbackEntry:
        return FeedbackEntry(
            audit_id=self._forms.audit.audit_id,
            respondent=self.respondent,
            consent_given=self.consent.isChecked(),
            consent_note=self.consent_note.text(),
            method=Method(self.method.currentData()),
            answers=self.page.answers() if self.consent.isChecked() else (),
        )

    def save(self) -> None:
        entry = self.entry()
        actor = self._actor
        ops.write(self._runner, self._services.feedback.record, entry, actor, on_done=self._saved)

    def _saved(self, feedback_id: str) -> None:
        self.saved.emit(feedback_id)
        self.accept()

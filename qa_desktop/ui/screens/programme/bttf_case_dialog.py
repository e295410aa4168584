"""The Back to the Floor case record: one case from the visit's sample, on its short form."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.forms import AnswerType
from qa_desktop.domain.grades import Grade
from qa_desktop.services.container import Services
from qa_desktop.services.programme.bttf import CaseForm, CaseRecordEntry
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.fit import FittedDialog


class BttfCaseDialog(FittedDialog):
    saved = Signal(str)  # audit id

    def __init__(
        self,
        case: CaseForm,
        services: Services,
        runner: Runner,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._case = case
        self._services = services
        self._runner = runner
        self._actor = actor
        self.setWindowTitle(
            self.tr("Case record — {case} ({reference})").format(
                case=case.case_reference, reference=case.audit_reference
            )
        )
        self.resize(720, 640)
        self.choices: dict[str, QComboBox] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        body = QWidget()
        form = QFormLayout(body)
        for question in case.form.questions():
            label = QLabel(f"{question.id}. {question.text}")
            label.setWordWrap(True)
            if question.help:
                label.setToolTip(question.help)
            value = case.answers.get(question.id, "")
            if question.answer_type is AnswerType.YES_NO:
                combo = QComboBox()
                combo.addItem(self.tr("Not answered"), "")
                for answer in Answer:
                    if answer is Answer.NA and not question.na_allowed:
                        continue
                    combo.addItem(self.tr(answer.label), answer.value)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                label.setBuddy(combo)
                form.addRow(label, combo)
                self.choices[question.id] = combo
            else:
                edit = QPlainTextEdit(value)
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(70)
                edit.setAccessibleName(question.text)
                label.setBuddy(edit)
                form.addRow(label, edit)
                self.texts[question.id] = edit
        self.grade = QComboBox()
        self.grade.addItem(self.tr("Choose a grade"), None)
        for grade in Grade:
            self.grade.addItem(grade_label(grade), grade.value)
        if case.grade is not None:
            self.grade.setCurrentIndex(self.grade.findData(case.grade.value))
        form.addRow(self.tr("&Grade for this case:"), self.grade)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    def entry(self) -> CaseRecordEntry:
        answers = {qid: str(combo.currentData() or "") for qid, combo in self.choices.items()}
        answers |= {qid: edit.toPlainText() for qid, edit in self.texts.items()}
        value = self.grade.currentData()
        return CaseRecordEntry(self._case.audit_id, answers, Grade(value) if value else None)

    def save(self) -> None:
        entry = self.entry()
        actor = self._actor
        ops.write(
            self._runner,
            self._services.bttf.record_case,
            entry,
            actor,
            on_done=lambda _none: self._saved(),
        )

    def _saved(self) -> None:
        self.saved.emit(self._case.audit_id)
        self.accept()

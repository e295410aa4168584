"""Recording an observation of practice on its short form."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.forms import AnswerType
from qa_desktop.domain.grades import Grade
from qa_desktop.services.container import Services
from qa_desktop.services.programme.observations import ObservationEntry, ObservationForm, Setting
from qa_desktop.services.setup.people import Actor, PersonInfo
from qa_desktop.ui import ops
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.dates import pydate, qdate
from qa_desktop.ui.widgets.fit import FittedDialog


class ObservationDialog(FittedDialog):
    saved = Signal(str)

    def __init__(
        self,
        observation: ObservationForm,
        practitioners: Sequence[PersonInfo],
        today: date,
        services: Services,
        runner: Runner,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        self.setWindowTitle(self.tr("Observation of practice"))
        self.resize(720, 680)
        self.practitioner = QComboBox()
        for person in practitioners:
            if person.id != actor.id:
                self.practitioner.addItem(f"{person.name} — {person.team_name}", person.id)
        self.setting = QComboBox()
        for setting in Setting:
            self.setting.addItem(self.tr(setting.label), setting.value)
        self.observed_on = QDateEdit(qdate(today))
        self.observed_on.setCalendarPopup(True)
        self.observed_on.setDisplayFormat("dd/MM/yyyy")
        self.case_reference = QLineEdit()
        self.case_reference.setPlaceholderText(self.tr("optional"))
        self.consent = QCheckBox(self.tr("The family gave &consent to the observation"))
        top = QFormLayout()
        top.addRow(self.tr("&Practitioner:"), self.practitioner)
        top.addRow(self.tr("&What was observed:"), self.setting)
        top.addRow(self.tr("&Date:"), self.observed_on)
        top.addRow(self.tr("Case &reference:"), self.case_reference)
        top.addRow(self.consent)

        self.choices: dict[str, QComboBox] = {}
        self.scales: dict[str, QSpinBox] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        body = QWidget()
        form = QFormLayout(body)
        for section in observation.form.sections:
            form.addRow(QLabel(f"<b>{section.title}</b>"))
            for question in section.questions:
                label = QLabel(f"{question.id}. {question.text}")
                label.setWordWrap(True)
                label.setToolTip(question.help)
                if question.answer_type is AnswerType.YES_NO:
                    combo = QComboBox()
                    combo.addItem(self.tr("Not answered"), "")
                    for answer in Answer:
                        combo.addItem(self.tr(answer.label), answer.value)
                    label.setBuddy(combo)
                    form.addRow(label, combo)
                    self.choices[question.id] = combo
                elif question.answer_type is AnswerType.SCALE:
                    spin = QSpinBox()
                    spin.setRange(question.scale_min - 1, question.scale_max)
                    spin.setSpecialValueText(self.tr("Not answered"))
                    spin.setValue(question.scale_min - 1)
                    label.setBuddy(spin)
                    form.addRow(label, spin)
                    self.scales[question.id] = spin
                else:
                    edit = QPlainTextEdit()
                    edit.setTabChangesFocus(True)
                    edit.setFixedHeight(70)
                    edit.setAccessibleName(question.text)
                    label.setBuddy(edit)
                    form.addRow(label, edit)
                    self.texts[question.id] = edit
        self.grade = QComboBox()
        self.grade.addItem(self.tr("No grade"), None)
        for grade in Grade:
            self.grade.addItem(grade_label(grade), grade.value)
        form.addRow(self.tr("&Grade for the observed practice:"), self.grade)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    def entry(self) -> ObservationEntry:
        answers = {qid: str(c.currentData() or "") for qid, c in self.choices.items()}
        answers |= {
            qid: str(s.value()) if s.value() >= s.minimum() + 1 else ""
            for qid, s in self.scales.items()
        }
        answers |= {qid: t.toPlainText() for qid, t in self.texts.items()}
        value = self.grade.currentData()
        return ObservationEntry(
            practitioner_id=str(self.practitioner.currentData()),
            setting=Setting(self.setting.currentData()),
            observed_on=pydate(self.observed_on.date()),
            consent_given=self.consent.isChecked(),
            answers=answers,
            grade=Grade(value) if value else None,
            case_reference=self.case_reference.text(),
        )

    def save(self) -> None:
        entry = self.entry()
        actor = self._actor
        ops.write(
            self._runner, self._services.observations.record, entry, actor, on_done=self._saved
        )

    def _saved(self, observation_id: str) -> None:
        self.saved.emit(observation_id)
        self.accept()

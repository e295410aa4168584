"""One question of a practice area: its text, the answer (Yes / Partly / No / N/A, keys 1-4),
the N/A reason, the evidence note, and "what good looks like" on demand."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QToolButton,
    QWidget,
)

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.forms import AnswerType, Question
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.ui.screens.workspace.bindings import Binding, ChoiceBinding, TextBinding

ANSWER_KEYS = {
    Qt.Key.Key_1: Answer.YES,
    Qt.Key.Key_2: Answer.PARTLY,
    Qt.Key.Key_3: Answer.NO,
    Qt.Key.Key_4: Answer.NA,
}


class QuestionRow(QFrame):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName("questionRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        number = QLabel(question.id)
        number.setObjectName("questionId")
        text = question.text + (self.tr("  (key question)") if question.key else "")
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setObjectName("questionText")
        self.help_button = QToolButton()
        self.help_button.setText("?")
        self.help_button.setCheckable(True)
        self.help_button.setAccessibleName(
            self.tr("What good looks like, question {id}").format(id=question.id)
        )
        self.help_button.setToolTip(self.tr("What good looks like (F1)"))
        # Made inside the row: hiding a widget that has no parent yet costs more.
        self.help = QLabel(question.help or self.tr("No guidance for this question."), self)
        self.help.setWordWrap(True)
        self.help.setObjectName("questionHelp")
        self.help.setVisible(False)
        self.help_button.toggled.connect(self.help.setVisible)
        self.help_button.setEnabled(bool(question.help))

        self.bindings: list[Binding] = []
        answers = QHBoxLayout()
        answers.setSpacing(14)
        self.choice: ChoiceBinding | None = None
        if question.answer_type is AnswerType.YES_NO:
            buttons: dict[str, QAbstractButton] = {}
            choices = [Answer.YES, Answer.PARTLY, Answer.NO]
            if question.na_allowed:
                choices.append(Answer.NA)
            for answer in choices:
                button = QRadioButton(self.tr(answer.label))
                button.setAccessibleName(
                    self.tr("{answer}, question {id}").format(
                        answer=self.tr(answer.label), id=question.id
                    )
                )
                buttons[answer.value] = button
                answers.addWidget(button)
            self.choice = ChoiceBinding(FieldRef.answer(question.id), buttons)
            self.value_binding: Binding = self.choice
        else:
            value = QLineEdit()
            value.setAccessibleName(self.tr("Answer, question {id}").format(id=question.id))
            answers.addWidget(value, 1)
            self.value_binding = TextBinding(FieldRef.answer(question.id), value)
        self.bindings.append(self.value_binding)
        self.na_reason = QLineEdit()
        self.na_reason.setPlaceholderText(self.tr("Why N/A?"))
        self.na_reason.setAccessibleName(
            self.tr("Reason for N/A, question {id}").format(id=question.id)
        )
        self.na_reason.setVisible(False)
        answers.addWidget(self.na_reason, 1)
        self.bindings.append(TextBinding(FieldRef.answer(question.id, "na_reason"), self.na_reason))
        answers.addStretch()
        self.evidence = QLineEdit()
        # A real label, not a placeholder: it stays when the field holds text, and reads well.
        self.evidence_label = QLabel(self.tr("Evidence note:"))
        self.evidence_label.setObjectName("hint")
        self.evidence_label.setBuddy(self.evidence)
        self.evidence.setAccessibleName(
            self.tr("Evidence note, question {id}").format(id=question.id)
        )
        self.bindings.append(TextBinding(FieldRef.answer(question.id, "evidence"), self.evidence))
        self.value_binding.edited.connect(self._show_reason)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setVerticalSpacing(4)
        grid.addWidget(number, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.text, 0, 1)
        grid.addWidget(self.help_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.help, 1, 1, 1, 2)
        grid.addLayout(answers, 2, 1, 1, 2)
        evidence_row = QHBoxLayout()
        evidence_row.addWidget(self.evidence_label)
        evidence_row.addWidget(self.evidence, 1)
        grid.addLayout(evidence_row, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)

    def _show_reason(self, _ref: FieldRef, value: object) -> None:
        self.na_reason.setVisible(value == Answer.NA.value)

    def refresh(self) -> None:
        """Show or hide the N/A reason after the value was set from outside."""
        self._show_reason(self.value_binding.ref, self.value_binding.value())

    def focus_answer(self) -> None:
        self.value_binding.focus_widget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def answer(self, answer: Answer) -> None:
        if self.choice is not None:
            self.choice.choose(answer.value)
            if answer is Answer.NA and self.na_reason.isVisible():
                self.na_reason.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """1-4 and F1 on an answer button, which leaves keys it has no use for to its row
        (one handler for the row, rather than a filter on each button)."""
        on_answer = self.choice is not None and QApplication.focusWidget() in self.choice.widgets()
        key = event.key()
        if on_answer and event.modifiers() == Qt.KeyboardModifier.NoModifier and key in ANSWER_KEYS:
            self.answer(ANSWER_KEYS[Qt.Key(key)])
        elif on_answer and key == Qt.Key.Key_F1:
            self.help_button.toggle()
        else:
            super().keyPressEvent(event)

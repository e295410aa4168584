"""The end of the audit: the voice of the child and family, the impact on the child, the
overall grade and rationale, the flags, and the SMART actions (what, who, by when)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.grades import Grade
from qa_desktop.services.audit.workspace_data import ActionData, FieldRef, PersonChoice
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.screens.workspace.area_page import grade_combo, text_box
from qa_desktop.ui.screens.workspace.bindings import (
    Binding,
    CheckBinding,
    ComboBinding,
    TextBinding,
)
from qa_desktop.ui.widgets.empty import set_empty_text


def due_text(day: date) -> str:
    return day.strftime("%d %b %Y")


class ClosingPage(QWidget):
    add_requested = Signal(str, str, object)  # description, owner id, due date
    remove_requested = Signal(str)  # action id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bindings: list[Binding] = []
        title = QLabel(self.tr("Closing the audit"))
        title.setObjectName("screenTitle")

        judgement = QGridLayout()
        self.voice = text_box(3)
        self.impact = text_box(3)
        for column, (name, text, box) in enumerate(
            (
                ("voice_of_child", self.tr("&Voice of the child and family"), self.voice),
                ("impact", self.tr("&Impact on the child"), self.impact),
            )
        ):
            label = QLabel(text)
            label.setBuddy(box)
            box.setAccessibleName(text.replace("&", ""))
            judgement.addWidget(label, 0, column)
            judgement.addWidget(box, 1, column)
            self.bindings.append(TextBinding(FieldRef.audit(name), box))

        overall = QGroupBox(self.tr("Overall grade"))
        grid = QGridLayout(overall)
        self.suggested = QLabel()
        self.suggested.setObjectName("suggestedGrade")
        self.grade = grade_combo(self.tr("Not graded"))
        grade_label_widget = QLabel(self.tr("Overall &grade:"))
        grade_label_widget.setBuddy(self.grade)
        self.rationale = text_box(2)
        rationale_label = QLabel(self.tr("&Rationale:"))
        rationale_label.setBuddy(self.rationale)
        self.rationale.setAccessibleName(self.tr("Rationale for the overall grade"))
        self.notice = StatusLabel()
        self.notice.setObjectName("rationaleNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.outstanding = QCheckBox(self.tr("Flag as ou&tstanding practice to share"))
        self.escalation = QCheckBox(self.tr("Live safeguarding &escalation"))
        self.escalation.setAccessibleName(
            self.tr("Live safeguarding escalation to the team manager and head of service")
        )
        self.escalation_note = QLineEdit()
        note_label = QLabel(self.tr("Escalation &details:"))
        note_label.setBuddy(self.escalation_note)
        self.escalation_note.setAccessibleName(self.tr("Escalation details"))
        grid.addWidget(self.suggested, 0, 0, 1, 2)
        grid.addWidget(grade_label_widget, 1, 0)
        grid.addWidget(self.grade, 1, 1)
        grid.addWidget(rationale_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.rationale, 2, 1)
        grid.addWidget(self.notice, 3, 0, 1, 2)
        grid.addWidget(self.outstanding, 4, 0, 1, 2)
        grid.addWidget(self.escalation, 5, 0, 1, 2)
        grid.addWidget(note_label, 6, 0)
        grid.addWidget(self.escalation_note, 6, 1)
        grid.setColumnStretch(1, 1)
        self.grade_binding = ComboBinding(FieldRef.audit("overall_grade"), self.grade)
        self.bindings += [
            self.grade_binding,
            TextBinding(FieldRef.audit("overall_rationale"), self.rationale),
            CheckBinding(FieldRef.audit("outstanding_practice"), self.outstanding),
            CheckBinding(FieldRef.audit("escalation"), self.escalation),
            TextBinding(FieldRef.audit("escalation_note"), self.escalation_note),
        ]

        actions = QGroupBox(self.tr("SMART actions"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Who"), self.tr("By when")])
        self.table.setAccessibleName(self.tr("Agreed actions"))
        set_empty_text(
            self.table, self.tr("No actions agreed yet: add one below with what, who and by when.")
        )
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.description = QLineEdit()
        what = QLabel(self.tr("&What:"))
        what.setBuddy(self.description)
        self.description.setAccessibleName(self.tr("What the action is"))
        self.owner = QComboBox()
        who = QLabel(self.tr("&Owner:"))
        who.setBuddy(self.owner)
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd MMM yyyy")
        by_when = QLabel(self.tr("Due &by:"))
        by_when.setBuddy(self.due)
        self.due.setAccessibleName(self.tr("Action due date"))
        self.add_button = QPushButton(self.tr("Add a&ction"))
        self.remove_button = QPushButton(self.tr("Re&move action"))
        self.add_button.clicked.connect(self._add)
        self.description.returnPressed.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        first = QHBoxLayout()
        first.addWidget(what)
        first.addWidget(self.description, 1)
        second = QHBoxLayout()
        for widget in (who, self.owner, by_when, self.due, self.add_button):
            second.addWidget(widget)
        second.addStretch()
        second.addWidget(self.remove_button)
        actions_layout = QVBoxLayout(actions)
        actions_layout.addWidget(self.table, 1)
        actions_layout.addLayout(first)
        actions_layout.addLayout(second)
        self.action_ids: list[str] = []

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(judgement)
        left.addWidget(actions, 1)
        top.addLayout(left, 3)
        top.addWidget(overall, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(top, 1)

    def set_owners(self, owners: tuple[PersonChoice, ...], default: str | None) -> None:
        self.owner.clear()
        for person in owners:
            self.owner.addItem(person.name, person.id)
        if default:
            self.owner.setCurrentIndex(max(self.owner.findData(default), 0))

    def set_today(self, today: date) -> None:
        self.due.setMinimumDate(QDate(today.year, today.month, today.day))
        four_weeks = today.toordinal() + 28
        later = date.fromordinal(four_weeks)
        self.due.setDate(QDate(later.year, later.month, later.day))

    def show_actions(self, actions: tuple[ActionData, ...] | list[ActionData]) -> None:
        self.table.setRowCount(len(actions))
        self.action_ids = [a.id for a in actions]
        for row, action in enumerate(actions):
            for column, text in enumerate(
                (action.description, action.owner, due_text(action.due_on))
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def show_suggested(self, grade: Grade | None) -> None:
        text = grade_label(grade) if grade else self.tr("none yet")
        self.suggested.setText(self.tr("Suggested: {grade}").format(grade=text))
        self.suggested.setAccessibleName(self.suggested.text())

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def set_actions_editable(self, editable: bool) -> None:
        for widget in (self.description, self.owner, self.due, self.add_button, self.remove_button):
            widget.setEnabled(editable)

    def _add(self) -> None:
        due = self.due.date()
        owner = self.owner.currentData()
        if not self.description.text().strip() or not owner:
            self.description.setFocus()
            return
        self.add_requested.emit(
            self.description.text().strip(), str(owner), date(due.year(), due.month(), due.day())
        )

    def _remove(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.action_ids):
            self.remove_requested.emit(self.action_ids[row])

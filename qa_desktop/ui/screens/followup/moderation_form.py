"""The moderator's form for one audit: the auditor's answers, evidence and grades on the left;
for each area and overall, agree or choose another grade with a reason, on the right."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.grades import Grade
from qa_desktop.services.container import Services
from qa_desktop.services.followup.moderation import (
    AreaToModerate,
    Decision,
    ModerationCase,
    ModerationResult,
)
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.audit_viewer import render_audit_html
from qa_desktop.ui.widgets.side_by_side import SideBySide

# Six areas (five practice areas and the overall grade), each its grade (two lines, beside a
# box) and its reason (a label and a box below it where narrow): the lines the decision box
# asks for, so that stacked below the record every area is in sight at once.
DECISION_LINES = 6 * 7


@dataclass
class AreaRow:
    """The widgets of one area's decision."""

    area: AreaToModerate
    grade: QComboBox
    reason: QLineEdit

    @property
    def chosen(self) -> Grade | None:
        value = self.grade.currentData()
        return Grade(value) if value else None


class _DecisionsScroll(QScrollArea):
    """The decision box's scroll area asks for room for every area's grade (Qt's own asks for
    the size the grid had when first asked, before any area was in it): below the record, at
    200%, all of them are then in sight and the tab scrolls instead of the box."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(self.fontMetrics().lineSpacing() * DECISION_LINES)
        return hint


class ModerationForm(QWidget):
    decided = Signal(object)  # ModerationResult

    def __init__(
        self, services: Services, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        self.case: ModerationCase | None = None
        self.rows: list[AreaRow] = []
        self.heading = QLabel(self.tr("Choose an audit from the queue to moderate it."))
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("The auditor's record"))
        self.decisions = QGroupBox(self.tr("Your decision"))
        self._grid = QGridLayout(self.decisions)
        self._grid.setColumnStretch(0, 1)
        self.record = QPushButton(self.tr("Re&cord decision"))
        self.record.setEnabled(False)
        self.record.clicked.connect(self.submit)
        note = QLabel(
            self.tr(
                "Agree with each grade, or choose another grade and say why. Both grades are "
                "kept. Recording closes the moderation."
            )
        )
        note.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(note)
        scroll = _DecisionsScroll()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.decisions)
        right.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record)
        right.addLayout(buttons)
        right_widget = QWidget()
        right_widget.setLayout(right)
        # The record beside the decision where both fit at a readable width, else the record
        # above the decision (at 200% on a laptop), the tab scrolling down to it.
        readable = self.fontMetrics().averageCharWidth() * 90  # 60 for the record, 30 grades
        splitter = SideBySide(self.browser, right_widget, least=readable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)

    # -- showing -------------------------------------------------------------------------------

    def open(self, audit_id: str) -> None:
        actor = self._actor
        ops.read(
            self._runner, self._services.moderation.case, audit_id, actor, on_done=self.set_case
        )

    def set_case(self, case: ModerationCase) -> None:
        self.case = case
        row = case.view.record.row
        self.heading.setText(
            self.tr("{reference} · case {case} · {team} · auditor {auditor} · {reason}").format(
                reference=row.reference,
                case=row.case_reference,
                team=row.team,
                auditor=row.auditor,
                reason=self.tr(case.reason.label),
            )
        )
        self.browser.setHtml(render_audit_html(case.view))
        self._clear_rows()
        for index, area in enumerate(case.areas, start=1):
            title = self.tr("Overall") if area.title == "Overall" else area.title
            grade = QComboBox()
            for choice in Grade.best_first():
                text = grade_label(choice)
                if choice is area.auditor_grade:
                    text = self.tr("{grade} (agree)").format(grade=text)
                grade.addItem(text, choice.value)
            if area.auditor_grade is not None:
                grade.setCurrentIndex(grade.findData(area.auditor_grade.value))
            else:
                grade.setCurrentIndex(-1)
            reason = QLineEdit()
            reason.setMinimumWidth(reason.fontMetrics().averageCharWidth() * 24)  # else below
            reason.setAccessibleName(self.tr("Reason for the {area} grade").format(area=title))
            area_label = QLabel(
                self.tr("<b>{area}</b><br/>Auditor: {grade}").format(
                    area=title, grade=grade_label(area.auditor_grade) or "—"
                )
            )
            area_label.setWordWrap(True)
            area_label.setBuddy(grade)
            grade.setAccessibleName(self.tr("Moderated {area} grade").format(area=title))
            self._grid.addWidget(area_label, 2 * index - 1, 0)
            self._grid.addWidget(grade, 2 * index - 1, 1)
            reason_label = QLabel(self.tr("Reason (needed when you change the grade):"))
            reason_label.setBuddy(reason)
            reason_row = QWidget()
            reason_layout = QFormLayout(reason_row)  # the box below its label, if narrow
            reason_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            reason_layout.setContentsMargins(0, 0, 0, 0)
            reason_layout.addRow(reason_label, reason)
            self._grid.addWidget(reason_row, 2 * index, 0, 1, 2)
            self.rows.append(AreaRow(area, grade, reason))
        self.record.setEnabled(True)

    def clear(self) -> None:
        self.case = None
        self._clear_rows()
        self.browser.clear()
        self.record.setEnabled(False)
        self.heading.setText(self.tr("Choose an audit from the queue to moderate it."))

    def _clear_rows(self) -> None:
        self.rows = []
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    # -- deciding ------------------------------------------------------------------------------

    def row_for(self, section_id: str) -> AreaRow:
        return next(r for r in self.rows if r.area.section_id == section_id)

    def decisions_entered(self) -> list[Decision]:
        return [
            Decision(r.area.section_id, grade, r.reason.text())
            for r in self.rows
            if (grade := r.chosen) is not None
        ]

    def submit(self) -> None:
        if self.case is None:
            return
        audit_id = self.case.view.record.row.id
        decisions = self.decisions_entered()
        actor = self._actor
        ops.write(
            self._runner,
            self._services.moderation.moderate,
            audit_id,
            decisions,
            actor,
            on_done=self._done,
        )

    def _done(self, result: ModerationResult) -> None:
        self.clear()
        self.decided.emit(result)

"""The dip sample grid: one row per case, one column per question, answered from the
keyboard. Type y, p, n or a to answer (Yes, Partly, No, N/A) and move on to the next cell;
Delete clears a cell; the arrow keys move freely."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from qa_desktop.domain.answers import Answer
from qa_desktop.services.programme.dip_sample import DipGrid
from qa_desktop.ui.widgets.cells import cell_text
from qa_desktop.ui.widgets.empty import set_empty_text

KEYS = {"y": Answer.YES, "p": Answer.PARTLY, "n": Answer.NO, "a": Answer.NA}
FIXED_COLUMNS = 2  # case, team


def answer_label(answer: Answer) -> str:
    return QCoreApplication.translate("labels", answer.label)


CELL_COLOURS = {
    Answer.YES: "#e3f1e4",
    Answer.PARTLY: "#fff3d6",
    Answer.NO: "#fbe2e0",
    Answer.NA: "#eceff3",
}


class DipGridTable(QTableWidget):
    # row, question id, answer (None: cleared)
    answer_typed = Signal(int, str, object)

    def __init__(self) -> None:
        super().__init__(0, 0)
        self.grid: DipGrid | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName(self.tr("Dip sample answers: type y, p, n or a"))
        set_empty_text(
            self, self.tr("No dip sample chosen: choose one from the list, or make a new one.")
        )

    def set_grid(self, grid: DipGrid) -> None:
        self.grid = grid
        self.clear()
        self.setColumnCount(FIXED_COLUMNS + len(grid.questions))
        self.setRowCount(len(grid.rows))
        self.setHorizontalHeaderLabels(
            [self.tr("Case"), self.tr("Team")] + [q.id for q in grid.questions]
        )
        for c, question in enumerate(grid.questions, start=FIXED_COLUMNS):
            header = self.horizontalHeaderItem(c)
            if header is not None:  # setHorizontalHeaderLabels made one per column
                header.setToolTip(question.text)
        for r, row in enumerate(grid.rows):
            for c, text in enumerate((row.case_reference, row.team)):
                self.setItem(r, c, QTableWidgetItem(text))
            for c, question in enumerate(grid.questions, start=FIXED_COLUMNS):
                self._show(r, c, row.answers[question.id])
        if grid.rows and grid.questions:
            self.setCurrentCell(0, FIXED_COLUMNS)

    def _show(self, row: int, column: int, answer: Answer | None) -> None:
        item = QTableWidgetItem(answer_label(answer) if answer else "")
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if answer is not None:
            item.setBackground(QBrush(QColor(CELL_COLOURS[answer])))
        self.setItem(row, column, item)

    def cell_text(self, row: int, question_index: int) -> str:
        return cell_text(self, row, FIXED_COLUMNS + question_index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row, column = self.currentRow(), self.currentColumn()
        editable = (
            self.grid is not None
            and self.grid.finished_on is None
            and row >= 0
            and column >= FIXED_COLUMNS
        )
        key = event.text().lower()
        if editable and key in KEYS:
            self._answer(row, column, KEYS[key])
            self._advance(row, column)
            return
        if editable and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._answer(row, column, None)
            return
        super().keyPressEvent(event)

    def _answer(self, row: int, column: int, answer: Answer | None) -> None:
        assert self.grid is not None
        self._show(row, column, answer)
        question = self.grid.questions[column - FIXED_COLUMNS]
        self.answer_typed.emit(row, question.id, answer)

    def _advance(self, row: int, column: int) -> None:
        if column + 1 < self.columnCount():
            self.setCurrentCell(row, column + 1)
        elif row + 1 < self.rowCount():
            self.setCurrentCell(row + 1, FIXED_COLUMNS)

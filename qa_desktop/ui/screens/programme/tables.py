"""A read-only table of plain rows, shared by the programme's tabs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from qa_desktop.ui.widgets.cells import cell_text


class RowsTable(QTableWidget):
    """Rows of text; Tab leaves the table (no keyboard trap)."""

    def __init__(self, headers: Sequence[str], accessible_name: str) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.setAccessibleName(accessible_name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def set_rows(self, rows: Sequence[Sequence[object]]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))

    def texts(self, row: int) -> list[str]:
        return [cell_text(self, row, c) for c in range(self.columnCount())]

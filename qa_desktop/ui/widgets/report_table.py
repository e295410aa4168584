"""A report table on screen: a title, the rows, and buttons to export it as CSV or Excel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.report_tables import Cell, ReportTable
from qa_desktop.ui.widgets.empty import set_empty_text

Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("reports", text)


# How the exported column names read on screen (exports keep the plain names BI tools want).
HEADER_LABELS = {
    "question_id": "Question",
    "section": "Area",
    "question": "Text",
    "yes": "Yes",
    "partly": "Partly",
    "no": "No",
    "na": "N/A",
    "compliance_pct": "Compliance %",
    "unanswered": "Unanswered",
    "previous_pct": "Previous %",
    "change_pts": "Change (pts)",
    "meets_standard": "At standard",
    "met_pct": "Met %",
    "not_met_pct": "Not met %",
    "na_pct": "N/A %",
    "held_to": "Held to",
    "held_pct": "Held %",
    "standard_pct": "Standard %",
    "previous_held_pct": "Previous held %",
    "forms": "Forms",
    "form": "Form",
    "total": "Total",
    "quarter": "Quarter",
    "measure": "Measure",
    "value": "Value",
    "auditor": "Auditor",
    "completed": "Completed",
    "moderated": "Moderated",
    "coverage_pct": "Coverage %",
    "overall_agreed": "Overall agreed",
    "overall_agreement_pct": "Overall agreed %",
    "area_decisions": "Area decisions",
    "area_agreement_pct": "Areas agreed %",
    "theme": "Theme",
    "comments": "Comments",
}


def cell_text(value: Cell) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, date):
        return value.strftime("%d %b %Y")
    return _t(value) if isinstance(value, str) and value in ("yes", "no") else str(value)


class ReportTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = ReportTable("", "", (), ())

    def set_table(self, table: ReportTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            header = self.table.headers[section]
            return _t(HEADER_LABELS.get(header, header))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _t(value) if isinstance(value, str) and index.column() == 0 else cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ReportTableView(QWidget):
    """One dashboard table with its export buttons. ``drill`` maps a row to the audits
    behind it (or None where a row has none)."""

    export_csv_requested = Signal(object)  # ReportTable
    export_excel_requested = Signal(object)
    row_chosen = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setWordWrap(True)  # at 200% the buttons keep their room beside it
        self.model = ReportTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        set_empty_text(
            self.view,
            self.tr(
                "Nothing to count: no audit completed in this period and slice has figures here."
            ),
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setMaximumSectionSize(360)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.activated.connect(lambda index: self.row_chosen.emit(index.row()))
        self.view.clicked.connect(lambda index: self.row_chosen.emit(index.row()))
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.excel_button = QPushButton(self.tr("Export Excel…"))
        self.csv_button.setAccessibleName(self.tr("Export {title} as CSV").format(title=title))
        self.excel_button.setAccessibleName(self.tr("Export {title} as Excel").format(title=title))
        self.csv_button.clicked.connect(lambda: self.export_csv_requested.emit(self.model.table))
        self.excel_button.clicked.connect(
            lambda: self.export_excel_requested.emit(self.model.table)
        )
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.csv_button)
        top.addWidget(self.excel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def set_table(self, table: ReportTable) -> None:
        self.model.set_table(table)

    def on_row(self, handler: Callable[[int], None]) -> None:
        self.row_chosen.connect(handler)

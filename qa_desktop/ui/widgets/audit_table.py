"""The table model behind every list of audits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from qa_desktop.services.audit.listing import AuditRow
from qa_desktop.ui.labels import audit_type_label, grade_colours, grade_label, state_label

Index = QModelIndex | QPersistentModelIndex


def _date(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


# (header, text of a row, sort key of a row)
_COLUMNS: list[tuple[str, Callable[[AuditRow], str], Callable[[AuditRow], Any]]] = [
    ("Reference", lambda r: r.reference, lambda r: r.reference),
    ("Case", lambda r: f"{r.case_reference} ({r.case_initials})", lambda r: r.case_reference),
    ("Team", lambda r: r.team, lambda r: r.team),
    ("Form", lambda r: r.form_title, lambda r: r.form_title),
    ("Type", lambda r: audit_type_label(r.audit_type), lambda r: r.audit_type),
    ("State", lambda r: state_label(r.state), lambda r: r.state.value),
    (
        "Grade",
        lambda r: grade_label(r.overall_grade),
        lambda r: r.overall_grade.rank if r.overall_grade else 0,
    ),
    (
        "Moderated",
        lambda r: grade_label(r.moderated_grade),
        lambda r: r.moderated_grade.rank if r.moderated_grade else 0,
    ),
    ("Auditor", lambda r: r.auditor, lambda r: r.auditor),
    ("Practitioner", lambda r: r.practitioner, lambda r: r.practitioner),
    (
        "Completed",
        lambda r: _date(r.completed_on),
        lambda r: (r.completed_on or date.min).toordinal(),
    ),
    ("Due", lambda r: _date(r.due_on), lambda r: (r.due_on or date.min).toordinal()),
]
GRADE_COLUMNS = {6: "overall_grade", 7: "moderated_grade"}
COMPLETED_COLUMN = 10
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[column][1](row)
        if role == SORT_ROLE:
            return _COLUMNS[column][2](row)
        if role == ROW_ROLE:
            return row
        if column in GRADE_COLUMNS and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            colours = grade_colours(getattr(row, GRADE_COLUMNS[column]))
            if colours:
                return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        return None

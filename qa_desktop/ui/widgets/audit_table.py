"""The table model behind every list of audits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

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
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class AuditTableModel(QAbstractTableModel):
    """Audits as rows prepared once (each cell's text and colours; the sort keys once a sort
    is asked for), so ``data`` is a plain look-up. A long list comes in pages: while ``has_more``, the view's scrolling
    asks ``canFetchMore`` and ``fetchMore`` calls ``fetch_more``, whose answer arrives
    through ``append_rows``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []
        self._text: list[tuple[str, ...]] = []
        self._sort: list[tuple[Any, ...]] = []
        self._colours: list[dict[int, tuple[QColor, QColor]]] = []
        self._headers = [self.tr(header) for header, _text, _key in _COLUMNS]
        self.has_more = False
        self.fetching = False
        self.fetch_more: Callable[[], None] | None = None  # asks for the next page
        self._sorted: tuple[int, Qt.SortOrder] | None = None  # by a column, once asked

    def set_rows(self, rows: list[AuditRow], *, more: bool = False) -> None:
        self.beginResetModel()
        self._rows, self._text, self._sort, self._colours = [], [], [], []
        self._prepare(rows)
        self._order_rows()
        self.has_more, self.fetching = more, False
        self.endResetModel()

    def append_rows(self, rows: list[AuditRow], *, more: bool) -> None:
        """The next page, below the rows already shown (and into their order, if sorted)."""
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._prepare(rows)
            self.endInsertRows()
            if self._sorted is not None:
                self._resort()
        self.has_more, self.fetching = more, False

    # The model sorts itself (no proxy in front of it): a proxy's index mapping called
    # rowCount and columnCount into Python thousands of times a paint (6-11 ms of a 45 ms
    # team filter at 10,000 audits).
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sorted = (column, order)
        self._resort()

    def _resort(self) -> None:
        """Sorted again, the selection and the current row following their audits."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in before]
        self._order_rows()
        row_of = {row.id: number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            before,
            [self.index(row_of[i], index.column()) for i, index in zip(ids, before, strict=True)],
        )
        self.layoutChanged.emit()

    def _order_rows(self) -> None:
        if self._sorted is None:
            return  # the store's order, as it came
        column, order = self._sorted
        keys = self._sort
        if len(keys) < len(self._rows):  # the rows not sorted before
            keys += [tuple(key(row) for _h, _t, key in _COLUMNS) for row in self._rows[len(keys) :]]
        ranked = sorted(
            range(len(self._rows)),
            key=lambda number: keys[number][column],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[n] for n in ranked]
        self._text = [self._text[n] for n in ranked]
        self._sort = [keys[n] for n in ranked]
        self._colours = [self._colours[n] for n in ranked]

    def fetch_failed(self) -> None:
        self.fetching = False

    def _prepare(self, rows: list[AuditRow]) -> None:
        for row in rows:
            self._rows.append(row)
            self._text.append(tuple(text(row) for _header, text, _key in _COLUMNS))
            colours = {}
            for column, name in GRADE_COLUMNS.items():
                found = grade_colours(getattr(row, name))
                if found:
                    colours[column] = found
            self._colours.append(colours)

    @property
    def is_sorted(self) -> bool:
        return self._sorted is not None

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self.has_more
            and not self.fetching
            and self.fetch_more is not None
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent) and self.fetch_more is not None:
            self.fetching = True
            self.fetch_more()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[index.row()][index.column()]
        if role == ROW_ROLE:
            return self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            found = self._colours[index.row()].get(index.column())
            return found[0] if found else None
        if role == Qt.ItemDataRole.ForegroundRole:
            found = self._colours[index.row()].get(index.column())
            return found[1] if found else None
        return None

"""The items of a table's cells, typed: Qt gives ``None`` for a cell with no item."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item of a cell the table always fills; LookupError if it has none."""
    item = table.item(row, column)
    if item is None:
        raise LookupError(f"no item at row {row}, column {column}")
    return item


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text of a cell ("" for a cell with no item)."""
    item = table.item(row, column)
    return item.text() if item is not None else ""

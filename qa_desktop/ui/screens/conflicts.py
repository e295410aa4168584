"""Conflicts: both values with their authors and times; keep one, or write a new one.
Settling is an ordinary edit (history keeps both), then it travels to every laptop."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.services.sync import ConflictView, SyncService
from qa_desktop.ui.runner import Runner


class ConflictsDialog(QDialog):
    settled = Signal()

    def __init__(
        self,
        service: SyncService,
        runner: Runner,
        actor_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.actor_id = actor_id
        self.rows: list[ConflictView] = []
        self.setWindowTitle(self.tr("Conflicts to settle"))
        self.resize(1000, 420)
        intro = QLabel(
            self.tr(
                "The same field was changed on two computers while they were apart. The value "
                "that reached the server first is shown now; the other is kept until you settle "
                "it. Nothing has been lost."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("conflictsTable")
        self.table.setAccessibleName(self.tr("Conflicts"))
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Record"),
                self.tr("Field"),
                self.tr("Shown now"),
                self.tr("By, when"),
                self.tr("Other value"),
                self.tr("By, when"),
                self.tr("Kind"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keep_current = QPushButton(self.tr("Keep the value &shown"))
        self.keep_other = QPushButton(self.tr("Keep the &other value"))
        self.write_new = QPushButton(self.tr("&Write a new value…"))
        for button, keep in (
            (self.keep_current, "current"),
            (self.keep_other, "other"),
        ):
            button.clicked.connect(lambda _c=False, k=keep: self.settle(k))
        self.write_new.clicked.connect(self._ask_new)
        buttons = QHBoxLayout()
        for button in (self.keep_current, self.keep_other, self.write_new):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        self.runner.submit(self.service.conflicts, self.show_conflicts)

    def show_conflicts(self, rows: list[ConflictView]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for n, c in enumerate(rows):
            kind = self.tr("edited on both")
            if c.field == "deleted_at":
                kind = self.tr("deleted on one, edited on the other")
            cells = [
                f"{c.table_name} {c.row_id[:8]}",
                c.field,
                c.current_value,
                f"{c.current_author}, {c.current_at.replace('T', ' ')[:16]}",
                c.other_value or self.tr("(deleted)"),
                f"{c.other_author}, {c.other_at.replace('T', ' ')[:16]}",
                kind,
            ]
            for column, value in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(0)
        for button in (self.keep_current, self.keep_other, self.write_new):
            button.setEnabled(bool(rows))

    def selected(self) -> ConflictView | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _ask_new(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Write a new value"), chosen.field, chosen.current_value
        )
        if ok:
            self.settle("new", text)

    def settle(self, keep: str, value: str | None = None) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        actor = self.actor_id
        self.runner.submit(
            lambda: self.service.settle(chosen.id, actor, keep, value),  # type: ignore[arg-type]
            lambda _status: (self.settled.emit(), self.load()),
            changes="sync",
        )

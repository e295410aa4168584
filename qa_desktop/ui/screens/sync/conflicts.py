"""Conflicts: both values with their authors and times; keep one, or write a new one.
Settling is an ordinary edit (history keeps both), then it travels to every laptop."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.fit import FittedDialog

Keep = Literal["current", "other", "new"]  # which value settles a conflict


class ConflictsDialog(FittedDialog):
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
        self.table = QTableWidget(0, 6)
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
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        self.shown = QLabel()
        self.shown.setObjectName("conflictShown")
        self.other = QLabel()
        self.other.setObjectName("conflictOther")
        for pane in (self.shown, self.other):
            pane.setWordWrap(True)
            pane.setTextFormat(Qt.TextFormat.PlainText)
            pane.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        both = QHBoxLayout()
        both.addWidget(self.shown, 1)
        both.addWidget(self.other, 1)
        self.keep_current = QPushButton(self.tr("Keep the value &shown"))
        self.keep_other = QPushButton(self.tr("Keep the &other value"))
        self.write_new = QPushButton(self.tr("&Write a new value…"))
        self.keep_current.clicked.connect(lambda _c=False: self.settle("current"))
        self.keep_other.clicked.connect(lambda _c=False: self.settle("other"))
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
        layout.addLayout(both)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        ops.read(self.runner, self.service.conflicts, on_done=self.show_conflicts)

    def show_conflicts(self, rows: list[ConflictView]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for n, c in enumerate(rows):
            cells = [
                c.record,
                _field_label(c.field),
                _short(c.current_value) or self.tr("(kept)"),
                f"{c.current_author}, {_when(c.current_at)}",
                _short(c.other_value) or self.tr("(deleted)"),
                f"{c.other_author}, {_when(c.other_at)}",
            ]
            for column, value in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)
        for button in (self.keep_current, self.keep_other, self.write_new):
            button.setEnabled(bool(rows))
        self._show_selected()

    def _show_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.shown.setText("")
            self.other.setText("")
            return
        self.shown.setText(
            self.tr("Shown now, by {who} at {when}:\n{value}").format(
                who=chosen.current_author,
                when=_when(chosen.current_at),
                value=chosen.current_value or self.tr("(the record is kept)"),
            )
        )
        self.other.setText(
            self.tr("Other value, by {who} at {when}:\n{value}").format(
                who=chosen.other_author,
                when=_when(chosen.other_at),
                value=chosen.other_value or self.tr("(the record was deleted)"),
            )
        )

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

    def settle(self, keep: Keep, value: str | None = None) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        actor = self.actor_id
        ops.write(
            self.runner,
            self.service.settle,
            chosen.id,
            actor,
            keep,
            value,
            on_done=lambda _status: self._settled(),
        )

    def _settled(self) -> None:
        self.settled.emit()
        self.load()


def _when(moment: str) -> str:
    return moment.replace("T", " ")[:16]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_label(field: str) -> str:
    if field == "deleted_at":
        return QCoreApplication.translate("ConflictsDialog", "deleted or kept")
    return field.replace("_", " ").capitalize()

"""Refused by the central database: every change the central database would not take, with
the audit reference, the part, the value and why. Nothing refused is silent: the value is
kept here until the person copies it (to put it where it belongs, or to give it to whoever
may write it) or discards it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.services.sync import RefusedView, SyncService, SyncStatus
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.fit import FittedDialog

CONTEXT = "RefusedDialog"


class RefusedDialog(FittedDialog):
    discarded = Signal()

    def __init__(self, service: SyncService, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.rows: list[RefusedView] = []
        self.setWindowTitle(self.tr("Refused by the central database"))
        self.resize(1000, 420)
        intro = QLabel(
            self.tr(
                "The central database did not accept these changes, usually because they are "
                "not yours to make. Each is kept here with its value: copy it to give it to "
                "the person who may make the change, or discard it."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("refusedTable")
        self.table.setAccessibleName(self.tr("Refused changes"))
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Record"),
                self.tr("Part"),
                self.tr("Value"),
                self.tr("Why"),
                self.tr("By, when"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        self.detail = QLabel()
        self.detail.setObjectName("refusedDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(self.tr("Nothing has been refused."))
        self.empty.setObjectName("refusedEmpty")
        self.copy_button = QPushButton(self.tr("&Copy the value"))
        self.copy_button.setObjectName("refusedCopy")
        self.copy_button.clicked.connect(self.copy_value)
        self.discard_button = QPushButton(self.tr("&Discard…"))
        self.discard_button.setObjectName("refusedDiscard")
        self.discard_button.clicked.connect(self.discard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        ops.read(self.runner, self.service.refused, on_done=self.show_refused)

    def show_refused(self, rows: list[RefusedView]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            cells = [
                r.record,
                part_label(r),
                _short(r.value) or self.tr("(none)"),
                reason_text(r.reason),
                f"{r.author}, {_when(r.at)}",
            ]
            for column, value in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        for button in (self.copy_button, self.discard_button):
            button.setEnabled(bool(rows))
        self._show_selected()

    def selected(self) -> RefusedView | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.detail.setText("")
            self.copy_button.setEnabled(False)
            return
        self.detail.setText(
            self.tr("{record}, {part}: refused because {why}.\n{value}").format(
                record=chosen.record,
                part=part_label(chosen),
                why=reason_text(chosen.reason).rstrip(".").lower(),
                value=chosen.value,
            )
        )
        self.copy_button.setEnabled(bool(chosen.value))

    def copy_value(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.value:
            QGuiApplication.clipboard().setText(chosen.value)

    def discard(self) -> None:
        chosen = self.selected()
        if chosen is None or not self.confirm_discard(chosen):
            return
        ops.write(
            self.runner,
            self.service.discard_refused,
            chosen.change_id,
            on_done=self._discarded,
        )

    def _discarded(self, _status: SyncStatus) -> None:
        self.discarded.emit()
        self.load()

    def confirm_discard(self, chosen: RefusedView) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard the refused change?"),
            self.tr(
                "The value will no longer be kept on this computer. Copy it first if "
                "someone else should make this change."
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("refusedConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Discard


_REASONS = {
    "not allowed for this role": "This change is not yours to make",
    "the author must be you, or a participant of this audit": (
        "It names as its author someone who is neither you nor a participant of this audit"
    ),
    "unknown row": "The record it changes is not on the central database",
    "no such conflict": "The conflict it settles is not on the central database",
    "the practitioner's confirmation is missing or was not theirs": (
        "The practitioner's sign-off needs their own confirmation"
    ),
}


def reason_text(reason: str) -> str:
    """The central database's reason in the person's language (an unknown one as it came)."""
    known = _REASONS.get(reason)
    return QCoreApplication.translate(CONTEXT, known) if known else reason


def part_label(row: RefusedView) -> str:
    if row.op == "insert":
        return QCoreApplication.translate(CONTEXT, "new record")
    if row.op == "delete":
        return QCoreApplication.translate(CONTEXT, "deleting the record")
    return row.field.replace("_", " ").capitalize()


def _when(moment: str) -> str:
    return moment.replace("T", " ")[:16]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

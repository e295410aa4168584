"""The history of one field: who changed it, when, from what, to what."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.grades import Grade
from qa_desktop.services.audit.workspace_data import HistoryEntry
from qa_desktop.ui.widgets.fit import FittedDialog


def shown(value: object) -> str:
    """A stored value as a person reads it (grades and answers by their labels)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return QCoreApplication.translate("HistoryDialog", "Yes" if value else "No")
    text = str(value)
    for kind in (Grade, Answer):
        try:
            return QCoreApplication.translate("labels", kind(text).label)
        except ValueError:
            continue
    return text


class HistoryDialog(FittedDialog):
    def __init__(self, title: str, entries: list[HistoryEntry], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("History: {field}").format(field=title))
        heading = QLabel(
            self.tr("{count} change(s) to {field}, oldest first.").format(
                count=len(entries), field=title
            )
            if entries
            else self.tr("{field} has not been changed yet.").format(field=title)
        )
        heading.setWordWrap(True)
        self.table = QTableWidget(len(entries), 4)
        self.table.setAccessibleName(self.tr("Changes to {field}").format(field=title))
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Old value"), self.tr("New value")]
        )
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, entry in enumerate(entries):
            for column, text in enumerate(
                (
                    entry.at.strftime("%d %b %Y %H:%M:%S"),
                    self._who(entry),
                    shown(entry.old),
                    shown(entry.new),
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def _who(self, entry: HistoryEntry) -> str:
        who = entry.actor or self.tr("(not recorded)")
        if entry.origin:  # the value this laptop was given when it joined, not a change here
            return self.tr("{who} (came with this laptop's first sync)").format(who=who)
        return who

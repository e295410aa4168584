"""My work: the audits the person has to do next (planned and in progress)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.services.audits import AuditFilter, AuditList
from qa_desktop.services.container import Services
from qa_desktop.services.people import Actor
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.audit_table import ROW_ROLE, AuditTableModel


class MyWorkScreen(QWidget):
    open_requested = Signal(str)
    counted = Signal(int)

    def __init__(
        self, services: Services, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        title = QLabel(self.tr("My work"))
        title.setObjectName("screenTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("My audits to do"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        later = QLabel(
            self.tr(
                "Still to come here: audits to moderate, reflective meetings to hold, re-audits due "
                "and the actions you own."
            )
        )
        later.setObjectName("plannedNotice")
        later.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(later)
        runner.changed.connect(lambda what: self.load() if what == "audits" else None)

    def load(self) -> None:
        flt = AuditFilter(
            auditor_id=self._actor.id,
            states=(AuditState.PLANNED, AuditState.IN_PROGRESS),
        )
        self._runner.submit(lambda: self._services.audits.list(flt), self._show)

    def _show(self, listing: AuditList) -> None:
        mine = listing.rows
        self.model.set_rows(mine)
        if mine:
            self.summary.setText(
                self.tr("You have {count} audits planned or in progress.").format(count=len(mine))
            )
        else:
            self.summary.setText(self.tr("You have no audits planned or in progress."))
        self.counted.emit(len(mine))

    def _open(self, index: object) -> None:
        row = self.model.data(index, ROW_ROLE)  # type: ignore[arg-type]
        if row is not None:
            self.open_requested.emit(row.id)

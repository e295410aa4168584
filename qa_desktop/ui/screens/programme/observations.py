"""Observations of practice: the list, and recording a new one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from qa_desktop.domain.roles import Role
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.programme.observations import ObservationForm, ObservationRow, may_observe
from qa_desktop.services.setup.people import Actor, PersonInfo
from qa_desktop.ui import ops
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.observation_dialog import ObservationDialog
from qa_desktop.ui.screens.programme.tables import RowsTable
from qa_desktop.ui.widgets.empty import set_empty_text


class ObservationsTab(QWidget):
    loaded = Signal()
    dialog_opened = Signal(object)

    def __init__(
        self,
        services: Services,
        runner: Runner,
        actor: Actor,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        self._today = today
        self.dialog: ObservationDialog | None = None
        self.record_button = QPushButton(self.tr("Record an o&bservation…"))
        self.record_button.setEnabled(may_observe(actor))
        self.record_button.clicked.connect(self.open_dialog)
        self.table = RowsTable(
            [
                self.tr("Date"),
                self.tr("Observer"),
                self.tr("Practitioner"),
                self.tr("Team"),
                self.tr("What was observed"),
                self.tr("Grade"),
            ],
            self.tr("Observations of practice"),
        )
        set_empty_text(
            self.table,
            self.tr(
                "No observations of practice recorded yet. Record one with Record an observation."
            ),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("A manager records an observed visit or meeting on its short form."))
        )
        layout.addWidget(self.record_button)
        layout.addWidget(self.table, 1)
        runner.subscribe(self, Change.OBSERVATIONS, lambda _what: self.load())

    def load(self) -> None:
        ops.read(self._runner, self._services.observations.list, on_done=self._show)

    def _show(self, rows: tuple[ObservationRow, ...]) -> None:
        self.table.set_rows(
            [
                (
                    r.observed_on.strftime("%d %b %Y"),
                    r.observer,
                    r.practitioner,
                    r.team,
                    self.tr(r.setting.label),
                    grade_label(r.grade),
                )
                for r in rows
            ]
        )
        self.loaded.emit()

    def open_dialog(self) -> None:
        services = self._services

        def work() -> tuple[ObservationForm, list[PersonInfo]]:
            people = [
                p
                for p in services.directory.people()
                if p.role in (Role.PRACTITIONER, Role.TEAM_MANAGER)
            ]
            return services.observations.form(), people

        ops.read(self._runner, work, on_done=self._show_dialog)

    def _show_dialog(self, loaded: tuple[ObservationForm, list[PersonInfo]]) -> None:
        form, people = loaded
        self.dialog = ObservationDialog(
            form, people, self._today(), self._services, self._runner, self._actor, self
        )
        self.dialog.setModal(True)
        self.dialog.show()
        self.dialog_opened.emit(self.dialog)

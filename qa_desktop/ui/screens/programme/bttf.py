"""Back to the Floor: the yearly schedule (every team once; the teams not yet scheduled are
shown), scheduling a visit with its inspection team, and the chosen visit below."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.roles import Role
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.programme.bttf import BttfSchedule, VisitPlan
from qa_desktop.services.setup.people import Actor, PersonInfo
from qa_desktop.ui import ops
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.bttf_visit import VisitPanel
from qa_desktop.ui.screens.programme.tables import RowsTable
from qa_desktop.ui.widgets.dates import pydate, qdate
from qa_desktop.ui.widgets.empty import set_empty_text
from qa_desktop.ui.widgets.side_by_side import SideBySide, panel

ID_ROLE = Qt.ItemDataRole.UserRole
SENIOR = (
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
    Role.HEAD_OF_SERVICE,
    Role.ASSISTANT_DIRECTOR,
    Role.QA_OFFICER,
)


class BackToTheFloorTab(QWidget):
    scheduled = Signal(str)
    schedule_shown = Signal()

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
        self._people: list[PersonInfo] = []
        self.schedule_data: BttfSchedule | None = None

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today().year)
        self.year.valueChanged.connect(self.load)
        self.unscheduled = QListWidget()
        self.unscheduled.setAccessibleName(self.tr("Teams not yet scheduled"))
        self.unscheduled_label = QLabel()

        self.team = QComboBox()
        self.visit_date = QDateEdit()
        self.visit_date.setCalendarPopup(True)
        self.visit_date.setDisplayFormat("dd/MM/yyyy")
        self.visit_date.setDate(qdate(today()))
        self.lead = QComboBox()
        self.members = QListWidget()
        self.members.setAccessibleName(self.tr("Inspection team"))
        self.schedule_button = QPushButton(self.tr("&Schedule visit"))
        self.schedule_button.clicked.connect(self.schedule_visit)
        plan_box = QGroupBox(self.tr("Schedule a visit"))
        form = QFormLayout(plan_box)
        form.addRow(self.tr("&Team:"), self.team)
        form.addRow(self.tr("&Date:"), self.visit_date)
        form.addRow(self.tr("&Led by:"), self.lead)
        form.addRow(self.tr("&Inspection team:"), self.members)
        form.addRow(self.schedule_button)

        left = QVBoxLayout()
        year_row = QFormLayout()
        year_row.addRow(self.tr("Year of &visits:"), self.year)
        left.addLayout(year_row)
        left.addWidget(self.unscheduled_label)
        left.addWidget(self.unscheduled, 1)
        left.addWidget(plan_box, 2)

        self.visits = RowsTable(
            [
                self.tr("Team"),
                self.tr("Visit"),
                self.tr("Led by"),
                self.tr("Inspection team"),
                self.tr("Cases recorded"),
                self.tr("Judgement"),
            ],
            self.tr("The year's visits"),
        )
        set_empty_text(self.visits, self.tr("No Back to the Floor visits yet. Schedule one above."))
        self.visits.itemSelectionChanged.connect(self._visit_chosen)
        self.panel = VisitPanel(services, runner, actor, lambda: self._people)
        self.panel.changed.connect(self.load)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.visits)
        right.addWidget(self.panel)
        right.setStretchFactor(1, 2)

        QVBoxLayout(self).addWidget(SideBySide(panel(left), right, (1, 3)))
        # Visits scheduled here or brought by a sync.
        runner.subscribe(self, Change.PROGRAMME, lambda _what: self.load())

    def load(self) -> None:
        year = self.year.value()
        services = self._services

        def work() -> tuple[BttfSchedule, list[PersonInfo]]:
            return services.bttf.schedule(year), services.directory.people()

        ops.read(self._runner, work, on_done=self._show)

    def _show(self, loaded: tuple[BttfSchedule, list[PersonInfo]]) -> None:
        schedule, people = loaded
        self.schedule_data = schedule
        if not self._people:
            self._people = [p for p in people if p.role in SENIOR]
            for person in self._people:
                self.lead.addItem(person.name, person.id)
                item = QListWidgetItem(f"{person.name} — {person.role.label}")
                item.setData(ID_ROLE, person.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.members.addItem(item)
        self.unscheduled_label.setText(
            self.tr("Teams not yet scheduled in {year}: {count}").format(
                year=schedule.year, count=len(schedule.unscheduled)
            )
        )
        self.unscheduled.clear()
        self.team.clear()
        for team in schedule.unscheduled:
            self.unscheduled.addItem(f"{team.name} ({team.service})")
            self.team.addItem(team.name, team.id)
        chosen = self.panel.detail.summary.id if self.panel.detail else None
        self.visits.blockSignals(True)
        self.visits.set_rows(
            [
                (
                    v.team,
                    v.planned_on.strftime("%d %b %Y"),
                    v.lead,
                    ", ".join(v.members),
                    f"{v.recorded} of {v.cases}",
                    grade_label(v.judgement) or self.tr("not yet"),
                )
                for v in schedule.visits
            ]
        )
        for row, visit in enumerate(schedule.visits):
            if visit.id == chosen:
                self.visits.selectRow(row)
        self.visits.blockSignals(False)
        self.schedule_button.setEnabled(bool(schedule.unscheduled))
        self.schedule_shown.emit()

    def checked_members(self) -> tuple[str, ...]:
        return tuple(
            str(self.members.item(i).data(ID_ROLE))
            for i in range(self.members.count())
            if self.members.item(i).checkState() is Qt.CheckState.Checked
        )

    def schedule_visit(self) -> None:
        plan = VisitPlan(
            self.team.currentData(),
            self.year.value(),
            pydate(self.visit_date.date()),
            self.lead.currentData(),
            self.checked_members(),
        )
        actor = self._actor
        ops.write(
            self._runner, self._services.bttf.schedule_visit, plan, actor, on_done=self._scheduled
        )

    def _scheduled(self, visit_id: str) -> None:
        self.scheduled.emit(visit_id)
        self.panel.show_visit(visit_id)
        self.load()

    def _visit_chosen(self) -> None:
        row = self.visits.currentRow()
        if self.schedule_data is not None and 0 <= row < len(self.schedule_data.visits):
            self.panel.show_visit(self.schedule_data.visits[row].id)

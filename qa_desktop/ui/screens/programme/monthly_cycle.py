"""Monthly cycle: import the case list, plan the month (sample and assign), and track
completed against planned."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.roles import Capability
from qa_desktop.domain.sampling import DEFAULT_EXCLUDE_MONTHS
from qa_desktop.errors import ValidationError
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.imports.cases import ImportSummary
from qa_desktop.services.programme.monthly_plan import (
    COMPLETION_AIM_PERCENT,
    CapacityRow,
    MonthPlan,
    PlannedAudit,
    PlanRequest,
    ProgrammeOverview,
    parse_month,
)
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.tables import RowsTable
from qa_desktop.ui.widgets.cells import cell_text
from qa_desktop.ui.widgets.empty import set_empty_text
from qa_desktop.ui.widgets.side_by_side import SideBySide


def next_month(today: date) -> str:
    return (today.replace(day=28) + timedelta(days=4)).strftime("%Y-%m")


class MonthlyCycleTab(QWidget):
    imported = Signal(object)  # ImportSummary
    planned = Signal(object)  # MonthPlan
    loaded = Signal()
    capacities_shown = Signal()
    capacity_saved = Signal()

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
        may_manage = actor.can(Capability.MANAGE_PROGRAMME)
        # Replaceable in tests: asks the person for the CSV file.
        self.choose_file: Callable[[], str] = self._ask_for_file

        self.cases_label = StatusLabel()
        self.import_button = QPushButton(self.tr("&Import case list…"))
        self.import_button.setEnabled(may_manage)
        self.import_button.clicked.connect(self._import_clicked)
        self.import_result = StatusLabel()
        self.import_result.setWordWrap(True)
        cases_box = QGroupBox(self.tr("Case list"))
        cases_row = QHBoxLayout(cases_box)
        cases_row.addWidget(self.cases_label)
        cases_row.addWidget(self.import_button)
        cases_row.addWidget(self.import_result, 1)

        self.month = QLineEdit(next_month(today()))
        self.month.setInputMask("9999-99")
        self.month.editingFinished.connect(self.load_capacities)
        self.target = QSpinBox()
        self.target.setRange(1, 10000)
        self.seed = QSpinBox()
        self.seed.setRange(0, 999999)
        self.seed.setValue(today().year * 100 + today().month)
        self.exclude = QSpinBox()
        self.exclude.setRange(0, 36)
        self.exclude.setValue(DEFAULT_EXCLUDE_MONTHS)
        self.exclude.setSuffix(self.tr(" months"))
        self.plan_button = QPushButton(self.tr("&Draw sample and assign auditors"))
        self.plan_button.setEnabled(may_manage)
        self.plan_button.clicked.connect(self.plan_month)
        plan_box = QGroupBox(self.tr("Plan a month"))
        form = QFormLayout(plan_box)
        form.addRow(self.tr("&Month (YYYY-MM):"), self.month)
        form.addRow(self.tr("&Target (audits):"), self.target)
        form.addRow(self.tr("&Seed:"), self.seed)
        form.addRow(self.tr("&Leave out cases audited in the last:"), self.exclude)
        form.addRow(self.plan_button)
        if not may_manage:
            form.addRow(QLabel(self.tr("Only the QA team can import cases and plan months.")))

        self.plan_summary = QLabel()
        self.plan_table = RowsTable(
            [
                self.tr("Case"),
                self.tr("Team"),
                self.tr("Service"),
                self.tr("Auditor"),
                self.tr("Due"),
            ],
            self.tr("The month's planned audits"),
        )
        set_empty_text(
            self.plan_table,
            self.tr(
                "No plan for this month yet. Choose the target, then Draw sample and assign auditors."
            ),
        )
        self.progress_table = RowsTable(
            [
                self.tr("Month"),
                self.tr("Planned"),
                self.tr("Completed"),
                self.tr("Completed %"),
                self.tr("Aim"),
            ],
            self.tr("Completed against planned, by month"),
        )
        set_empty_text(
            self.progress_table,
            self.tr("No months planned yet: progress shows here once a month is planned."),
        )
        self.progress_table.itemSelectionChanged.connect(self._month_chosen)
        self.capacity_table = QTableWidget(0, 4)
        set_empty_text(
            self.capacity_table,
            self.tr(
                "No auditors yet: people trained as auditors are listed here with their capacity."
            ),
        )
        self.capacity_table.setHorizontalHeaderLabels(
            [self.tr("Auditor"), self.tr("Team"), self.tr("Planned"), self.tr("Capacity")]
        )
        self.capacity_table.setAccessibleName(self.tr("Auditors' capacity for the month"))
        self.capacity_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.capacity_table.setTabKeyNavigation(False)
        self.capacity_table.verticalHeader().hide()
        self.capacity_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.capacity_table.setEnabled(may_manage)
        self.capacity_box = QGroupBox()
        QVBoxLayout(self.capacity_box).addWidget(self.capacity_table)
        progress_box = QGroupBox(
            self.tr("Completed against planned (aim: {aim:.0f}%)").format(
                aim=COMPLETION_AIM_PERCENT
            )
        )
        QVBoxLayout(progress_box).addWidget(self.progress_table)
        # Side by side where there is room, else one above the other (at 200% on a laptop).
        top = SideBySide(plan_box, progress_box, (2, 3))
        layout = QVBoxLayout(self)
        layout.addWidget(cases_box)
        layout.addWidget(top)
        layout.addWidget(self.plan_summary)
        layout.addWidget(SideBySide(self.plan_table, self.capacity_box, (3, 2)), 1)
        runner.subscribe(
            self, Change.AUDITS | Change.CASES | Change.PROGRAMME, lambda _what: self.load()
        )

    # -- loading --------------------------------------------------------------------------------

    def load(self) -> None:
        ops.read(self._runner, self._services.programme.overview, on_done=self._show_overview)
        self.load_capacities()

    def load_capacities(self) -> None:
        month = self.month.text()
        try:
            parse_month(month)
        except ValidationError:
            return  # a half-typed month: nothing to show yet
        ops.read(
            self._runner,
            self._services.programme.capacities,
            month,
            on_done=lambda rows: self._show_capacities(month, rows),
        )

    def _show_capacities(self, month: str, rows: tuple[CapacityRow, ...]) -> None:
        self.capacity_box.setTitle(
            self.tr("Auditors' capacity in {month} (never their own team)").format(month=month)
        )
        self.capacity_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            for column, text in enumerate((row.name, row.team, str(row.planned_this_month))):
                self.capacity_table.setItem(index, column, QTableWidgetItem(text))
            spin = QSpinBox()
            spin.setRange(0, 50)
            spin.setValue(row.per_month)
            spin.setAccessibleName(self.tr("Capacity of {name}").format(name=row.name))
            spin.editingFinished.connect(
                lambda person_id=row.person_id, box=spin: self.set_capacity(person_id, box.value())
            )
            self.capacity_table.setCellWidget(index, 3, spin)
        self.capacities_shown.emit()

    def set_capacity(self, person_id: str, per_month: int) -> None:
        actor = self._actor
        ops.write(
            self._runner,
            self._services.programme.set_capacity,
            person_id,
            per_month,
            actor,
            on_done=lambda _none: self.capacity_saved.emit(),
        )

    def _month_chosen(self) -> None:
        row = self.progress_table.currentRow()
        if row < 0:
            return
        month = cell_text(self.progress_table, row, 0)
        ops.read(
            self._runner,
            self._services.programme.planned_audits,
            month,
            on_done=lambda audits: self._show_audits(month, audits),
        )

    def _show_audits(self, month: str, audits: tuple[PlannedAudit, ...]) -> None:
        self.plan_summary.setText(
            self.tr("{month}: {count} audits planned.").format(month=month, count=len(audits))
        )
        self.plan_table.set_rows(
            [
                (a.case_reference, a.team, a.service, a.auditor, a.due_on.strftime("%d %b %Y"))
                for a in audits
            ]
        )

    def _show_overview(self, overview: ProgrammeOverview) -> None:
        self.cases_label.setText(self.tr("{count} open cases").format(count=overview.open_cases))
        if not self.target.property("touched"):
            self.target.setValue(overview.default_target)
        self.progress_table.set_rows(
            [
                (
                    p.month,
                    p.planned,
                    p.completed,
                    f"{p.percent:.0f}%",
                    self.tr("Met") if p.meets_aim else self.tr("Not met"),
                )
                for p in overview.plans
            ]
        )
        self.loaded.emit()

    # -- importing ------------------------------------------------------------------------------

    def _ask_for_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import case list"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        return path

    def _import_clicked(self) -> None:
        path = self.choose_file()
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        actor = self._actor
        ops.write(
            self._runner,
            self._services.case_import.import_file,
            path,
            actor,
            on_done=self._show_import,
        )

    def _show_import(self, summary: ImportSummary) -> None:
        self.import_result.setText(
            self.tr(
                "Imported {listed} cases: {added} new, {updated} updated, {unchanged} unchanged; "
                "{closed} no longer listed and closed."
            ).format(
                listed=summary.listed,
                added=summary.added,
                updated=summary.updated,
                unchanged=summary.unchanged,
                closed=summary.closed,
            )
        )
        self.imported.emit(summary)

    # -- planning -------------------------------------------------------------------------------

    def plan_month(self) -> None:
        self.target.setProperty("touched", True)
        request = PlanRequest(
            self.month.text(), self.target.value(), self.seed.value(), self.exclude.value()
        )
        actor = self._actor
        ops.write(
            self._runner, self._services.programme.plan, request, actor, on_done=self._show_plan
        )

    def _show_plan(self, plan: MonthPlan) -> None:
        self.plan_summary.setText(
            self.tr(
                "{month}: {count} audits planned from seed {seed}, due {due}. Each is in its "
                "auditor's My work."
            ).format(
                month=plan.month,
                count=len(plan.audits),
                seed=plan.seed,
                due=plan.audits[0].due_on.strftime("%d %b %Y") if plan.audits else "—",
            )
        )
        self.plan_table.set_rows(
            [
                (a.case_reference, a.team, a.service, a.auditor, a.due_on.strftime("%d %b %Y"))
                for a in plan.audits
            ]
        )
        self.planned.emit(plan)

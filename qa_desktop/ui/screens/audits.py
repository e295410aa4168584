"""Audits: every audit the person may see, with search and filters; opens one read-only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.services.audit.listing import AuditFilter, AuditPage, PageKey
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.setup.people import Actor, FilterOptions
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.labels import grade_label, state_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.audit_table import COMPLETED_COLUMN, ROW_ROLE, AuditTableModel
from qa_desktop.ui.widgets.buddy import buddy_label, with_clear_button
from qa_desktop.ui.widgets.empty import set_empty_text
from qa_desktop.ui.widgets.filter_fold import FilterFold


def period_choices(today: date) -> list[tuple[str, Period | None]]:
    """The periods offered: any time, months, quarters of the financial year, 12 months."""
    this_month = Period.month(today.year, today.month)
    last_month_end = this_month.start - timedelta(days=1)
    quarter = FinancialQuarter.containing(today)
    choices: list[tuple[str, Period | None]] = [
        ("Any time", None),
        ("This month", this_month),
        ("Last month", Period.month(last_month_end.year, last_month_end.month)),
    ]
    for offset in range(5):
        label = "This quarter ({q})" if offset == 0 else "{q}"
        choices.append((label.replace("{q}", quarter.label), Period.quarter(quarter)))
        quarter = quarter.previous()
    choices.append(("Last 12 months", Period(today - timedelta(days=364), today)))
    return choices


class AuditsScreen(QWidget):
    open_requested = Signal(str)  # audit id
    loaded = Signal()

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
        self.setObjectName("auditsScreen")

        title = QLabel(self.tr("Audits"))
        title.setObjectName("screenTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Reference, case, initials or person"))
        with_clear_button(self.search)
        self.period = QComboBox()
        self.area = QComboBox()
        self.service = QComboBox()
        self.team = QComboBox()
        self.grade = QComboBox()
        self.state = QComboBox()
        self.form = QComboBox()
        self.clear = QPushButton(self.tr("C&lear filters"))
        # The filters may narrow (a long team name is elided in its box) so that their
        # labels are never clipped on a small screen or at 200%.
        for choice in (self.period, self.area, self.service, self.team, self.grade, self.state):
            choice.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            choice.setMinimumContentsLength(6)
        self.form.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.form.setMinimumContentsLength(6)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 8)

        # The search and, below it, the filters; on a short screen the filters fold away.
        self.filters = QWidget()
        columns = QHBoxLayout(self.filters)
        columns.setContentsMargins(0, 0, 0, 0)
        rows: list[tuple[QLabel, QComboBox]] = []
        for column in (
            ((self.tr("&Period:"), self.period), (self.tr("F&orm:"), self.form)),
            (
                (self.tr("Ar&ea:"), self.area),
                (self.tr("Ser&vice:"), self.service),
                (self.tr("&Team:"), self.team),
            ),
            ((self.tr("&Grade:"), self.grade), (self.tr("&State:"), self.state)),
        ):
            form = QFormLayout()
            for text, box in column:
                rows.append((buddy_label(text, box), box))
                form.addRow(*rows[-1])
            columns.addLayout(form, 1)
        self.filter_fold = FilterFold(rows, [self.filters], self)
        searching = QHBoxLayout()
        searching.addWidget(buddy_label(self.tr("Sear&ch:"), self.search))
        searching.addWidget(self.search, 1)
        searching.addWidget(self.filter_fold)
        searching.addWidget(self.clear)

        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Audits"))
        # The store's order (newest first) is shown as it comes, page by page; sorting by a
        # column fetches the remaining pages, so the sort covers every audit.
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COMPLETED_COLUMN, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_by)
        self.model.fetch_more = self._fetch_more
        self._next: PageKey | None = None
        self._listed = AuditFilter()  # the filter of the rows shown
        self._generation = 0  # a page of an earlier filter is dropped
        self._want_all = False
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Columns fit the rows in sight, not every row of every page as it arrives.
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.activated.connect(self._open_index)  # Enter or double-click, once
        set_empty_text(
            self.table,
            self.tr(
                "No audits match these filters. Widen the filters, or start an audit with "
                "Audit > New audit."
            ),
        )

        self.count = StatusLabel()
        self.count.setAccessibleName(self.tr("Audits shown"))
        self.count.setObjectName("countLabel")
        self.open_button = QPushButton(self.tr("Ope&n audit"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_selected)
        footer = QHBoxLayout()
        footer.addWidget(self.count, 1)
        footer.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(searching)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self._filling = False
        self._options: FilterOptions | None = None
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        for combo in self._combos():
            combo.currentIndexChanged.connect(self._filters_changed)
        self.area.currentIndexChanged.connect(self._fill_teams)
        self.service.currentIndexChanged.connect(self._fill_teams)
        self.clear.clicked.connect(self.clear_filters)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.open_button.setEnabled(self.table.selectionModel().hasSelection())
        )
        # The list shows each audit's case, team and people as well as the audit itself.
        runner.subscribe(self, Change.AUDITS | Change.CASES | Change.PEOPLE, self._data_changed)

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.period, self.area, self.service, self.team, self.grade, self.state, self.form)

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        """Fetch the filter choices, then the audits."""
        ops.read(self._runner, self._services.directory.filter_options, on_done=self._fill_options)

    def _fill_options(self, options: FilterOptions) -> None:
        self._filling = True
        self._options = options
        self.period.clear()
        for label, period in period_choices(self._today()):
            self.period.addItem(self.tr(label) if "{" not in label else label, period)
        _fill(self.area, self.tr("All areas"), [(a.name, a.id) for a in options.areas])
        _fill(self.service, self.tr("All services"), [(s.name, s.id) for s in options.services])
        _fill(
            self.grade,
            self.tr("All grades"),
            [(grade_label(g), g.value) for g in Grade.best_first()],
        )
        _fill(self.state, self.tr("All states"), [(state_label(s), s.value) for s in AuditState])
        _fill(self.form, self.tr("All forms"), [(f.name, f.id) for f in options.forms])
        self._filling = False
        self._fill_teams()

    def _fill_teams(self) -> None:
        if self._options is None:
            return
        area, service = self.area.currentData(), self.service.currentData()
        teams = [
            (t.name, t.id)
            for t in self._options.teams
            if (area is None or t.area_id == area) and (service is None or t.service_id == service)
        ]
        previous = self.team.currentData()
        self._filling = True
        _fill(self.team, self.tr("All teams"), teams)
        index = self.team.findData(previous) if previous else 0
        self.team.setCurrentIndex(max(index, 0))
        self._filling = False
        self.refresh()

    def current_filter(self) -> AuditFilter:
        state, grade = self.state.currentData(), self.grade.currentData()
        return AuditFilter(
            search=self.search.text(),
            period=self.period.currentData(),
            area_id=self.area.currentData(),
            service_id=self.service.currentData(),
            team_id=self.team.currentData(),
            grade=Grade(grade) if grade else None,
            states=(AuditState(state),) if state else (),
            form_key=self.form.currentData(),
        )

    def refresh(self) -> None:
        self._generation += 1
        generation, flt = self._generation, self.current_filter()
        ops.read(
            self._runner,
            self._services.audits.page,
            flt,
            self._actor,
            on_done=lambda page: self._show(page, flt, generation),
        )

    def _show(self, page: AuditPage, flt: AuditFilter, generation: int) -> None:
        if generation != self._generation:
            return
        self._listed, self._next = flt, page.next
        self._want_all = self.model.is_sorted  # a column sort covers every audit
        self.model.set_rows(page.rows, more=page.next is not None)
        total = page.total if page.total is not None else len(page.rows)
        self.count.setText(self.tr("{total} audits").format(total=f"{total:,}"))
        self.loaded.emit()
        self._fetch_rest()

    def _fetch_more(self) -> None:
        """The next page, when the person scrolls near the end (or a sort wants them all)."""
        generation, flt, after = self._generation, self._listed, self._next
        if after is None:
            self.model.fetch_failed()
            return
        self.model.fetching = True
        ops.read(
            self._runner,
            self._services.audits.page,
            flt,
            self._actor,
            after,
            on_done=lambda page: self._more(page, generation),
            on_error=lambda exc: self._more_failed(exc, generation),
        )

    def _more(self, page: AuditPage, generation: int) -> None:
        if generation != self._generation:
            return
        self._next = page.next
        self.model.append_rows(page.rows, more=page.next is not None)
        QTimer.singleShot(0, self._fetch_rest)  # the next page after this one is painted

    def _more_failed(self, exc: BaseException, generation: int) -> None:
        if generation == self._generation:
            self.model.fetch_failed()
            self._want_all = False
        self._runner.report(exc)

    def _fetch_rest(self) -> None:
        if self._want_all and self.model.has_more and not self.model.fetching:
            self._fetch_more()

    def _sort_by(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        self._want_all = True
        self._fetch_rest()

    def _filters_changed(self) -> None:
        if not self._filling:
            self.refresh()

    def _data_changed(self, what: Change) -> None:
        if self.isVisible():
            self.refresh()

    def clear_filters(self) -> None:
        self._filling = True
        self.search.clear()
        for combo in self._combos():
            combo.setCurrentIndex(0)
        self._filling = False
        self._debounce.stop()
        self._fill_teams()

    # -- opening ------------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.data(index, ROW_ROLE)
        if row is not None:
            self.open_requested.emit(row.id)

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._open_index(rows[0])


def _fill(combo: QComboBox, everything: str, items: Sequence[tuple[str, object]]) -> None:
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for label, data in items:
        combo.addItem(label, data)
    combo.blockSignals(False)

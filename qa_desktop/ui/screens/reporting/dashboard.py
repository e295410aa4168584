"""Reports: the dashboard. Choose a period and a slice; see compliance against the standard,
grades and their trend, the programme, moderation, follow-up, the voice of the child and the
"even better if" themes; click a bar, a figure or a row to list the audits behind it; export
any table as CSV or Excel. Every query runs on the background runner.

What each figure and row shows is worked out in ``figures.py`` (plain Python); this screen
builds the widgets (one small builder per part) and draws what it is given."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.dashboard import Dashboard
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.report_periods import (
    ReportSlice,
    counted_to,
    last_whole_quarter,
    long_day,
)
from qa_desktop.domain.report_tables import ReportTable
from qa_desktop.domain.roles import Capability
from qa_desktop.services.audit.listing import AuditList
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.reporting import INDICATORS, Drill, SliceOptions, describe_slice
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.reporting import figures
from qa_desktop.ui.screens.reporting.charts import ComplianceChart, GradeChart, TrendChart
from qa_desktop.ui.screens.reporting.figures import (
    NO_FIGURE,
    TILE_CAPTIONS,
    Phrase,
    PhraseValue,
    Words,
)
from qa_desktop.ui.widgets.audit_table import ROW_ROLE, AuditTableModel
from qa_desktop.ui.widgets.empty import set_empty_text
from qa_desktop.ui.widgets.filter_fold import FilterFold
from qa_desktop.ui.widgets.report_table import ReportTableView
from qa_desktop.ui.widgets.side_by_side import SideBySide
from qa_desktop.ui.widgets.wrap_grid import WrapGrid

MONTH, QUARTER, DATES = range(3)
BODY_MINIMUM_HEIGHT = 300  # the tabs and the audits listed: scrolled to, never squashed


def month_choices(today: date, count: int = 24) -> list[tuple[str, Period]]:
    choices = []
    year, month = today.year, today.month
    for _ in range(count):
        period = Period.month(year, month)
        choices.append((period.start.strftime("%B %Y"), period))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return choices


def quarter_choices(today: date, count: int = 12) -> list[tuple[str, Period]]:
    quarter = FinancialQuarter.containing(today)
    choices = []
    for _ in range(count):
        choices.append((quarter.label, Period.quarter(quarter)))
        quarter = quarter.previous()
    return choices


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class FigureButton(QPushButton):
    """A headline figure: press it to list the audits behind it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        self.caption = caption
        self.drill: tuple[Phrase, Drill] | None = None
        self.setMinimumHeight(56)
        self.set_value(NO_FIGURE)

    def set_value(
        self,
        value: str,
        drill: tuple[Phrase, Drill] | None = None,
        caption: str | None = None,
        change: str = "",
        arrow: str = "",
    ) -> None:
        """The figure, its caption and its change against the period before in words (the
        arrow beside them only shows it; the accessible name says the words)."""
        self.drill = drill
        if caption is not None:
            self.caption = caption
        lines = [value, self.caption]
        if change:
            lines.append(f"{arrow} {change}".strip())
        self.setText("\n".join(lines))
        self.setAccessibleName(f"{self.caption}: {value}" + (f", {change}" if change else ""))
        self.setEnabled(drill is not None)


class DashboardScreen(QWidget):
    open_requested = Signal(str)  # audit id
    loaded = Signal()  # the figures are on screen
    drilled = Signal()  # the audits behind a figure are listed
    exported = Signal(str)  # path written

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
        self._options: SliceOptions | None = None
        self._filling = False
        self._started = False
        self._commentary_quarter: FinancialQuarter | None = None
        self.dashboard: Dashboard | None = None
        self.setObjectName("dashboardScreen")
        title = QLabel(self.tr("Reports"))
        title.setObjectName("screenTitle")
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        layout.addLayout(heading)
        # A practitioner sees their own team, counted from the audits they may read (their
        # own cases): the service narrows the slice, the screen hides what it may not choose.
        self.team_view = not actor.can(Capability.REPORT) and actor.can(Capability.TEAM_REPORT)
        self.allowed = actor.can(Capability.REPORT) or (
            self.team_view and actor.person.team_id is not None
        )
        if not self.allowed:
            notice = QLabel(self.tr("Reports are for managers, the QA team and practitioners."))
            notice.setObjectName("plannedNotice")
            layout.addWidget(notice)
            layout.addStretch(1)
            return
        # Everything under the title scrolls: at 200% on a laptop the slice boxes and the
        # tiles wrap onto more rows and the tabs are still reached below them.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._build_choices())
        if self.team_view:
            column.addWidget(self._build_team_notice())
        column.addLayout(self._build_heading())
        column.addWidget(self._build_figures())
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(self._build_tabs())
        body.addWidget(self._build_drill())
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setMinimumHeight(BODY_MINIMUM_HEIGHT)
        column.addWidget(body, 1)
        self.body_scroll = QScrollArea()
        self.body_scroll.setObjectName("dashboardScroll")
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setWidget(content)
        layout.addWidget(self.body_scroll, 1)
        self._wire()
        if self.team_view:
            self._narrow_to_team()
        heading.addWidget(self._fold_slices(), 0, Qt.AlignmentFlag.AlignBottom)
        runner.subscribe(self, Change.AUDITS, self._data_changed)

    # -- building -------------------------------------------------------------------------

    def _build_choices(self) -> WrapGrid:
        """The period (a month, a quarter or two dates) and the slice."""
        self.period_kind = QComboBox()
        self.period_kind.addItems([self.tr("Month"), self.tr("Quarter"), self.tr("Dates")])
        self.month = QComboBox()
        self.month.setAccessibleName(self.tr("Month"))
        self.quarter = QComboBox()
        self.quarter.setAccessibleName(self.tr("Quarter"))
        self.date_from = QDateEdit()
        self.date_from.setAccessibleName(self.tr("From"))
        self.date_to = QDateEdit()
        self.date_to.setAccessibleName(self.tr("To"))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd MMM yyyy")
        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(self.date_from)
        dates_row.addWidget(QLabel(self.tr("to")))
        dates_row.addWidget(self.date_to)
        self.period_stack = QStackedWidget()
        self.period_stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        for widget in (self.month, self.quarter, dates):
            self.period_stack.addWidget(widget)
        self.area = QComboBox()
        self.service = QComboBox()
        self.team = QComboBox()
        self.worker = QComboBox()
        self.form = QComboBox()
        self.audit_type = QComboBox()
        self.legal_status = QComboBox()
        self.age_band = QComboBox()
        period_row = QHBoxLayout()
        period_row.addWidget(self.period_kind)
        period_row.addWidget(self.period_stack, 1)
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.period_kind)
        left = QFormLayout()
        left.addRow(period_label, period_row)
        middle = QFormLayout()
        middle.addRow(self.tr("Ar&ea:"), self.area)
        middle.addRow(self.tr("&Service:"), self.service)
        middle.addRow(self.tr("&Team:"), self.team)
        right = QFormLayout()
        right.addRow(self.tr("&Worker:"), self.worker)
        right.addRow(self.tr("F&orm:"), self.form)
        right.addRow(self.tr("Au&dit type:"), self.audit_type)
        child = QFormLayout()  # the council reports by the child's legal status and age
        child.addRow(self.tr("&Legal status:"), self.legal_status)
        child.addRow(self.tr("Age &band:"), self.age_band)
        self._worker_form = right
        boxes = []
        for form in (left, middle, right, child):
            box = QWidget()
            box.setLayout(form)
            form.setContentsMargins(0, 0, 0, 0)
            boxes.append(box)
        self.choices = WrapGrid(boxes)
        return self.choices

    def _fold_slices(self) -> FilterFold:
        """On a short screen the slice boxes but the period fold behind a button beside the
        title, so that the figures are in sight (at 200% on a laptop the boxes took the whole
        screen)."""
        parts = [box for box in self.choices.items[1:] if not box.isHidden()]
        rows = [row for part in parts for row in _shown_rows(part.layout())]
        self.slice_fold = FilterFold(rows, parts, self, self.choices.refit)
        return self.slice_fold

    def _build_team_notice(self) -> QLabel:
        notice = QLabel(
            self.tr(
                "Your team, {team}: the figures count the audits of your own cases, the ones "
                "you may read. The whole team's figures are in your managers' and the QA "
                "team's reports."
            ).format(team=self._actor.person.team_name)
        )
        notice.setObjectName("teamNotice")
        notice.setWordWrap(True)
        self.team_notice = notice
        return notice

    def _narrow_to_team(self) -> None:
        """A practitioner chooses no area, service, team or worker, and writes no quarterly
        report (the QA team's)."""
        self.choices.items[1].hide()  # area, service, team
        self.choices.refit()
        self._worker_form.setRowVisible(self.worker, False)
        self.tabs.removeTab(self.tabs.count() - 1)  # the quarterly report

    def _build_heading(self) -> QHBoxLayout:
        self.export_all = QPushButton(self.tr("Export all tables to E&xcel…"))
        self.heading = StatusLabel()
        self.heading.setObjectName("dashboardHeading")
        self.heading.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.heading, 1)
        row.addWidget(self.export_all)
        return row

    def _build_figures(self) -> WrapGrid:
        """One button per headline figure (``figures.TILE_CAPTIONS``), in that order."""
        self.tiles = {key: FigureButton(self.tr(caption)) for key, caption in TILE_CAPTIONS}
        self.fig_completed = self.tiles["completed"]
        self.fig_standard = self.tiles["standard"]
        self.fig_moderation = self.tiles["moderation"]
        self.fig_agreement = self.tiles["agreement"]
        self.fig_inadequate = self.tiles["inadequate"]
        self.fig_moved_up = self.tiles["moved_up"]
        self.fig_overdue = self.tiles["overdue"]
        self.fig_voice = self.tiles["voice"]
        self.figures = list(self.tiles.values())
        for button in self.figures:
            button.clicked.connect(lambda _c=False, b=button: self._drill_figure(b))
        self.tile_grid = WrapGrid(self.figures)
        return self.tile_grid

    def _build_tabs(self) -> QTabWidget:
        self.compliance_chart = ComplianceChart()
        self.compliance_table = ReportTableView(self.tr("Compliance per question"))
        self.grade_chart = GradeChart()
        self.trend_chart = TrendChart()
        self.grades_table = ReportTableView(self.tr("Grades per practice area and overall"))
        self.trend_table = ReportTableView(self.tr("Overall grades by quarter"))
        self.plan_table = ReportTableView(self.tr("Audits completed against plan"))
        self.moderation_table = ReportTableView(self.tr("Moderation coverage and agreement"))
        self.inadequate_table = ReportTableView(self.tr("Inadequate audits and re-audits"))
        self.actions_table = ReportTableView(self.tr("Actions due in the period"))
        self.voice_table = ReportTableView(self.tr("Voice of the child"))
        self.themes_table = ReportTableView(self.tr("Even better if: themes"))
        self.area_trend_table = ReportTableView(self.tr("Grades per practice area by quarter"))
        self.tables: dict[str, ReportTableView] = {
            "compliance": self.compliance_table,
            "grades": self.grades_table,
            "grade_trend": self.trend_table,
            "plan": self.plan_table,
            "moderation": self.moderation_table,
            "inadequate": self.inadequate_table,
            "actions": self.actions_table,
            "voice": self.voice_table,
            "themes": self.themes_table,
            "area_trend": self.area_trend_table,
        }
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(True)  # at 200% the tab bar is wider than the screen
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.compliance_chart)
        scroll.setMinimumWidth(300)
        compliance = SideBySide(scroll, self.compliance_table)
        compliance.setSizes([520, 800])
        self.tabs.addTab(compliance, self.tr("&Compliance"))
        grade_charts = QSplitter(Qt.Orientation.Vertical)
        grade_charts.addWidget(self.grade_chart)
        grade_charts.addWidget(self.trend_chart)
        grade_tables = QSplitter(Qt.Orientation.Vertical)
        grade_tables.addWidget(self.grades_table)
        grade_tables.addWidget(self.trend_table)
        self.tabs.addTab(SideBySide(grade_charts, grade_tables), self.tr("&Grades"))
        self.tabs.addTab(
            SideBySide(self.plan_table, self.moderation_table), self.tr("Programme and &moderation")
        )
        self.tabs.addTab(
            SideBySide(self.inadequate_table, self.actions_table), self.tr("Follow-&up")
        )
        self.tabs.addTab(
            SideBySide(self.voice_table, self.themes_table), self.tr("&Voice and themes")
        )
        self.tabs.addTab(self._build_area_trend(), self.tr("Practice area tre&nds"))
        self.tabs.addTab(self._build_quarterly(), self.tr("&Quarterly report"))
        return self.tabs

    def _build_area_trend(self) -> QWidget:
        """One practice area's grades over the last four quarters (chosen from a list), with
        every area's figures as a table beside it for those who read tables, not charts."""
        self.trend_area = QComboBox()
        self.trend_area.setAccessibleName(self.tr("Practice area"))
        self.area_chart = TrendChart(title=self.tr("A practice area's grades by quarter"))
        label = QLabel(self.tr("Practice area:"))
        label.setBuddy(self.trend_area)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.trend_area, 1)
        chart_side = QWidget()
        column = QVBoxLayout(chart_side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.area_chart, 1)
        self.trend_area.currentIndexChanged.connect(self._show_area_trend)
        return SideBySide(chart_side, self.area_trend_table)

    def _fill_area_trend(self, dash: Dashboard) -> None:
        chosen = self.trend_area.currentData()
        self.trend_area.blockSignals(True)
        self.trend_area.clear()
        for area in dash.area_trend:
            self.trend_area.addItem(self.tr(area.section_title), area.section_id)
        index = self.trend_area.findData(chosen) if chosen else 0
        self.trend_area.setCurrentIndex(max(index, 0))
        self.trend_area.blockSignals(False)
        self._show_area_trend()

    def _show_area_trend(self) -> None:
        dash = self.dashboard
        wanted = self.trend_area.currentData()
        area = next((a for a in dash.area_trend if a.section_id == wanted), None) if dash else None
        if area is None:
            self.area_chart.set_title(self.tr("No practice area was graded in these quarters"))
            self.area_chart.show_points(())
            return
        self.area_chart.set_title(
            self.tr("{area}: grades by quarter").format(area=self.tr(area.section_title))
        )
        self.area_chart.show_points(area.points)

    def _build_quarterly(self) -> QWidget:
        """The quarterly report's tab: a commentary box per indicator, saved and printed."""
        self.quarter_label = QLabel()
        self.quarter_label.setWordWrap(True)
        self.commentary_edits: dict[str, QPlainTextEdit] = {}
        boxes = QFormLayout()
        for key, indicator in INDICATORS:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            edit.setPlaceholderText(self.tr("What the figures say, why, and what happens next"))
            label = QLabel(self.tr(indicator) + ":")
            label.setBuddy(edit)
            boxes.addRow(label, edit)
            self.commentary_edits[key] = edit
        boxes_widget = QWidget()
        boxes_widget.setLayout(boxes)
        boxes_scroll = QScrollArea()
        boxes_scroll.setWidgetResizable(True)
        boxes_scroll.setWidget(boxes_widget)
        self.save_commentary = QPushButton(self.tr("&Save commentary"))
        self.quarterly_pdf = QPushButton(self.tr("Save the quarterly report as P&DF…"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_commentary)
        buttons.addWidget(self.quarterly_pdf)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(self.quarter_label)
        column.addWidget(boxes_scroll, 1)
        column.addLayout(buttons)
        return tab

    def _build_drill(self) -> QWidget:
        """The audits behind the figure, bar or row last clicked."""
        self.drill_label = StatusLabel(self.tr("Click a bar, a figure or a row to see its audits."))
        self.drill_label.setObjectName("countLabel")
        self.drill_model = AuditTableModel(self)
        self.drill_table = QTableView()
        self.drill_table.setModel(self.drill_model)
        self.drill_table.setAccessibleName(self.tr("Audits behind the figure"))
        set_empty_text(
            self.drill_table,
            self.tr(
                "No audits chosen: click a bar, a figure or a row to list the audits behind it."
            ),
        )
        self.drill_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.drill_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.drill_table.setTabKeyNavigation(False)
        self.drill_table.verticalHeader().hide()
        self.drill_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.drill_table.horizontalHeader().setStretchLastSection(True)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.drill_label)
        column.addWidget(self.drill_table, 1)
        return box

    def _wire(self) -> None:
        self.period_kind.currentIndexChanged.connect(self._kind_changed)
        for combo in (
            self.month,
            self.quarter,
            self.area,
            self.service,
            self.team,
            self.worker,
            self.form,
            self.audit_type,
            self.legal_status,
            self.age_band,
        ):
            combo.currentIndexChanged.connect(self._changed)
        self.area.currentIndexChanged.connect(self._fill_teams)
        self.service.currentIndexChanged.connect(self._fill_teams)
        self.date_from.dateChanged.connect(self._changed)
        self.date_to.dateChanged.connect(self._changed)
        self.compliance_chart.question_clicked.connect(
            lambda qid: self.show_audits(*figures.question_drill(qid))
        )
        self.grade_chart.grade_clicked.connect(self._grade_clicked)
        for view, row_drill in (
            (self.compliance_table, figures.compliance_row),
            (self.grades_table, figures.grades_row),
            (self.moderation_table, figures.moderation_row),
            (self.themes_table, figures.themes_row),
        ):
            view.on_row(partial(self._row_clicked, row_drill))
        for view in self.tables.values():
            view.export_csv_requested.connect(self._export_csv)
            view.export_excel_requested.connect(lambda t: self._export_excel([t]))
        # ``activated`` is Enter and the platform's open gesture (a double-click, or one
        # click where the desktop says so); ``doubleClicked`` as well would open it twice.
        self.drill_table.activated.connect(self._open)
        self.export_all.clicked.connect(self._export_everything)
        self.save_commentary.clicked.connect(self._save_commentary)
        self.quarterly_pdf.clicked.connect(self._quarterly_pdf)

    def say(self, phrase: Phrase) -> str:
        """A phrase of ``figures`` in the person's language."""

        def word(value: PhraseValue) -> object:
            if isinstance(value, Phrase):
                return self.say(value)
            if isinstance(value, Grade):
                return grade_label(value)
            if isinstance(value, Words):
                return self.tr(value)
            return value

        return self.tr(phrase.template).format(**{k: word(v) for k, v in phrase.values.items()})

    # -- loading --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """The figures are worked out the first time the screen is shown, not at start."""
        super().showEvent(event)
        if not self._started:
            self.load()

    def load(self) -> None:
        if self.allowed:
            self._started = True
            ops.read(
                self._runner, self._services.reporting.slice_options, on_done=self._fill_options
            )

    def _fill_options(self, options: SliceOptions) -> None:
        self._filling = True
        self._options = options
        today = self._today()
        _fill(self.month, None, [(label, p) for label, p in month_choices(today)])
        _fill(self.quarter, None, [(label, p) for label, p in quarter_choices(today)])
        this_quarter = Period.quarter(FinancialQuarter.containing(today))
        self.date_from.setDate(_qdate(this_quarter.start))
        self.date_to.setDate(_qdate(today))
        org = options.organisation
        _fill(self.area, self.tr("All areas"), [(a.name, a.id) for a in org.areas])
        _fill(self.service, self.tr("All services"), [(s.name, s.id) for s in org.services])
        _fill(self.worker, self.tr("All workers"), [(w.name, w.id) for w in options.workers])
        _fill(self.form, self.tr("All forms"), [(f.name, f.id) for f in org.forms])
        _fill(
            self.audit_type,
            self.tr("All audit types"),
            [(self.tr(t.name), t.id) for t in options.audit_types],
        )
        _fill(
            self.legal_status,
            self.tr("All legal statuses"),
            [(self.tr(s.name), s.id) for s in options.legal_statuses],
        )
        _fill(
            self.age_band,
            self.tr("All ages"),
            [(self.tr(b.name), b.id) for b in options.age_bands],
        )
        self.period_kind.setCurrentIndex(QUARTER)
        self.period_stack.setCurrentIndex(QUARTER)
        # A quarter is read once it is over: the last whole one, unless chosen otherwise.
        self.quarter.setCurrentIndex(max(self.quarter.findText(last_whole_quarter(today).label), 0))
        self._filling = False
        self._fill_teams()

    def _fill_teams(self) -> None:
        if self._options is None:
            return
        area, service = self.area.currentData(), self.service.currentData()
        teams = [
            (t.name, t.id)
            for t in self._options.organisation.teams
            if (area is None or t.area_id == area) and (service is None or t.service_id == service)
        ]
        previous = self.team.currentData()
        was_filling = self._filling
        self._filling = True
        _fill(self.team, self.tr("All teams"), teams)
        index = self.team.findData(previous) if previous else 0
        self.team.setCurrentIndex(max(index, 0))
        self._filling = was_filling
        if not was_filling:
            self.refresh()

    def _kind_changed(self, index: int) -> None:
        self.period_stack.setCurrentIndex(index)
        self._changed()

    def _changed(self) -> None:
        if not self._filling:
            self.refresh()

    def current_period(self) -> Period | None:
        kind = self.period_kind.currentIndex()
        if kind in (MONTH, QUARTER):
            chosen: Period | None = (self.month if kind == MONTH else self.quarter).currentData()
            return chosen
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        return Period(start, end) if end >= start else None

    def current_slice(self) -> ReportSlice:
        if self.team_view:  # as the service narrows it: their team, their own cases
            return ReportSlice(
                team_id=self._actor.person.team_id,
                worker_id=self._actor.id,
                form_key=self.form.currentData(),
                audit_type=self.audit_type.currentData(),
                legal_status=self.legal_status.currentData(),
                age_band=self.age_band.currentData(),
            )
        return ReportSlice(
            area_id=self.area.currentData(),
            service_id=self.service.currentData(),
            team_id=self.team.currentData(),
            worker_id=self.worker.currentData(),
            form_key=self.form.currentData(),
            audit_type=self.audit_type.currentData(),
            legal_status=self.legal_status.currentData(),
            age_band=self.age_band.currentData(),
        )

    def refresh(self) -> None:
        period = self.current_period()
        if period is None:
            self.heading.setText(self.tr("The period ends before it starts."))
            return
        self.heading.setText(self.tr("Working out the figures…"))
        ops.read(
            self._runner,
            self._services.reporting.dashboard,
            period,
            self.current_slice(),
            self._actor,
            on_done=self._show,
        )

    def _data_changed(self, what: Change) -> None:
        if self.isVisible():
            self.refresh()

    # -- showing --------------------------------------------------------------------------

    def _show(self, dash: Dashboard) -> None:
        if dash.period != self.current_period() or dash.slice != self.current_slice():
            return  # the choice changed while this was being worked out; a newer one follows
        self.dashboard = dash
        self.heading.setText(self._heading_text(dash))
        for tile in figures.tiles(dash):
            self.tiles[tile.key].set_value(
                self.say(tile.value),
                (tile.drill_label, tile.drill),
                self.say(tile.caption),
                self.say(tile.change) if tile.change else "",
                tile.arrow,
            )
        self.tile_grid.refit()  # the figures' words may need more room than before
        for table in dash.tables():
            self.tables[table.key].set_table(table)
        self.compliance_chart.show_rows(dash.compliance, dash.standard)
        self.grade_chart.show_rows(dash.grades)
        self.trend_chart.show_points(dash.trend)
        self._fill_area_trend(dash)
        if not self.team_view:
            self._load_commentary(FinancialQuarter.containing(dash.period.start))
        self.loaded.emit()

    def _heading_text(self, dash: Dashboard) -> str:
        if self._options is None:
            slice_text = ""
        elif self.team_view:
            slice_text = describe_slice(replace(dash.slice, worker_id=None), self._options)
            slice_text += "; " + self.tr("your own cases")
        else:
            slice_text = describe_slice(dash.slice, self._options)
        return self.say(figures.heading(dash, slice_text))

    # -- the audits behind a figure -------------------------------------------------------

    def _drill_figure(self, button: FigureButton) -> None:
        if button.drill is None:
            return
        if button.drill[1].kind == "compliance":
            self.tabs.setCurrentIndex(0)  # the figures behind it are per question
            self.compliance_table.view.setFocus()
            return
        self.show_audits(*button.drill)

    def show_audits(self, label: Phrase, drill: Drill) -> None:
        period = self.current_period()
        if period is None:
            return
        ops.read(
            self._runner,
            self._services.reporting.audits_behind,
            period,
            self.current_slice(),
            drill,
            self._actor,
            on_done=lambda listing: self._show_audits(label, listing),
        )

    def _show_audits(self, label: Phrase, listing: AuditList) -> None:
        self.drill_model.set_rows(listing.rows)
        self.drill_label.setText(
            self.say(figures.listed(label, len(listing.rows), listing.total, listing.truncated))
        )
        self.drilled.emit()

    def _row_clicked(
        self, pick: Callable[[Dashboard, int], tuple[Phrase, Drill] | None], row: int
    ) -> None:
        chosen = pick(self.dashboard, row) if self.dashboard is not None else None
        if chosen is not None:
            self.show_audits(*chosen)

    def _grade_clicked(self, row: int, grade: str) -> None:
        rows = self.grade_chart.rows[::-1]
        if 0 <= row < len(rows):
            found = rows[row]
            self.show_audits(
                *figures.grade_drill(found.section_id, found.section_title, Grade(grade))
            )

    def _open(self, index: QModelIndex) -> None:
        row = self.drill_model.data(index, ROW_ROLE)
        if row is not None:
            self.open_requested.emit(row.id)

    # -- the quarterly report -------------------------------------------------------------

    def report_quarter(self) -> FinancialQuarter | None:
        period = self.current_period()
        return FinancialQuarter.containing(period.start) if period else None

    def _load_commentary(self, quarter: FinancialQuarter) -> None:
        text = self.tr(
            "The quarterly QA report for {quarter}, beside {previous}. Write what the "
            "figures say for each indicator; the report prints it beside them."
        ).format(quarter=quarter.label, previous=quarter.previous().label)
        so_far = counted_to(Period.quarter(quarter), self._today())
        if so_far is not None:
            text += " " + self.tr(
                "The quarter is not finished: its figures run from {start} to {end}, beside "
                "the whole of {previous}."
            ).format(
                start=long_day(quarter.start),
                end=long_day(so_far),
                previous=quarter.previous().label,
            )
        self.quarter_label.setText(text)
        if quarter == self._commentary_quarter:
            return
        self._commentary_quarter = quarter
        ops.read(
            self._runner,
            self._services.reporting.commentary,
            quarter,
            on_done=self._show_commentary,
        )

    def _show_commentary(self, texts: dict[str, str]) -> None:
        for key, edit in self.commentary_edits.items():
            edit.setPlainText(texts.get(key, ""))

    def _commentary_texts(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.commentary_edits.items()}

    def _save_commentary(self) -> None:
        quarter = self._commentary_quarter
        if quarter is None:
            return
        ops.write(
            self._runner,
            self._services.reporting.save_commentary,
            quarter,
            self._commentary_texts(),
            self._actor,
            on_done=lambda _saved: self.drill_label.setText(
                self.tr("Commentary for {quarter} saved.").format(quarter=quarter.label)
            ),
        )

    def _quarterly_pdf(self) -> None:
        quarter = self._commentary_quarter
        if quarter is None:
            return
        path = self.ask_path(
            self.tr("Save the quarterly QA report"),
            f"quarterly-qa-report-{quarter.label.replace('/', '-')}.pdf",
            self.tr("PDF documents (*.pdf)"),
        )
        if path is None:
            return
        texts, actor, slc = self._commentary_texts(), self._actor, self.current_slice()
        reporting = self._services.reporting

        def work() -> Path:
            reporting.save_commentary(quarter, texts, actor)
            return reporting.quarterly_report(quarter, path, slc, actor)

        ops.write_job(self._runner, work, (reporting.save_commentary,), on_done=self._exported)

    # -- exports --------------------------------------------------------------------------

    def ask_path(self, caption: str, suggested: str, file_filter: str) -> Path | None:
        """The file to write (a file dialog; tests replace this)."""
        chosen, _ = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return Path(chosen) if chosen else None

    def _export_csv(self, table: ReportTable) -> None:
        path = self.ask_path(
            self.tr("Export {title} as CSV").format(title=self.tr(table.title)),
            f"{table.key}.csv",
            self.tr("CSV files (*.csv)"),
        )
        if path is not None:
            ops.read(
                self._runner,
                self._services.reporting.export_csv,
                table,
                path,
                on_done=self._exported,
            )

    def _export_excel(self, tables: list[ReportTable]) -> None:
        if not tables:
            return
        name = tables[0].key if len(tables) == 1 else "dashboard"
        path = self.ask_path(
            self.tr("Export to Excel"), f"{name}.xlsx", self.tr("Excel workbooks (*.xlsx)")
        )
        if path is not None and self.dashboard is not None:
            ops.read(
                self._runner,
                self._services.reporting.export_excel,
                tables,
                path,
                self._heading_text(self.dashboard),
                on_done=self._exported,
            )

    def _export_everything(self) -> None:
        if self.dashboard is not None:
            self._export_excel(list(self.dashboard.tables()))

    def _exported(self, path: Path) -> None:
        self.drill_label.setText(self.tr("Saved {path}").format(path=path))
        self.exported.emit(str(path))


def _fill(combo: QComboBox, everything: str | None, items: Sequence[tuple[str, object]]) -> None:
    combo.blockSignals(True)
    combo.clear()
    if everything is not None:
        combo.addItem(everything, None)
    for label, data in items:
        combo.addItem(label, data)
    combo.blockSignals(False)


def _shown_rows(form: object) -> list[tuple[QLabel, QComboBox]]:
    """The (label, box) rows of a slice box's form that the person may see."""
    assert isinstance(form, QFormLayout)
    rows = []
    for index in range(form.rowCount()):
        label = form.itemAt(index, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(index, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or not form.isRowVisible(index):
            continue
        shown, box = label.widget(), field.widget()
        if isinstance(shown, QLabel) and isinstance(box, QComboBox):
            rows.append((shown, box))
    return rows

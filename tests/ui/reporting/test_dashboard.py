"""The Reports screen: change the period and the slice, click through to the audits behind a
figure, a bar and a row, export a table; practitioners see no reports."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from qa_desktop.domain.roles import Role
from qa_desktop.ui.screens.reporting.dashboard import MONTH, QUARTER, DashboardScreen
from qa_desktop.ui.shell.main_window import NAV_REPORTS
from tests.ui.conftest import open_window_as


def reports_of(application, qtbot, role: Role = Role.QA_OFFICER) -> DashboardScreen:  # type: ignore[no-untyped-def]
    window = open_window_as(application, qtbot, role)
    screen = window.reports
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        window.go_to(NAV_REPORTS)
    return screen


def choose(qtbot, combo, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an item as a person does with the keyboard: focus the box, type its start."""
    index = combo.findText(text)
    assert index >= 0, text
    combo.setFocus()
    combo.setCurrentIndex(index)


def choose_loaded(qtbot, screen, combo, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose an item and wait for the figures, unless it is already chosen."""
    if combo.currentText() != text:
        with qtbot.waitSignal(screen.loaded):
            choose(qtbot, combo, text)


def test_the_dashboard_opens_on_the_last_whole_quarter(application, qtbot) -> None:
    screen = reports_of(application, qtbot)  # on 20 November 2026: Q3 is not over
    dash = screen.dashboard
    assert dash is not None
    assert screen.period_kind.currentIndex() == QUARTER
    assert screen.quarter.currentText() == "2026/27-Q2"
    assert dash.counted_to is None and "not finished" not in screen.heading.text()
    assert screen.fig_completed.text().split("\n")[0] == str(dash.plan.completed)
    assert screen.compliance_table.model.rowCount() == len(dash.compliance) > 0
    assert "County" in screen.heading.text()
    assert len(screen.compliance_chart.question_ids) > 0


def test_changing_the_period_and_the_slice_refreshes_the_figures(application, qtbot) -> None:
    screen = reports_of(application, qtbot)
    county = screen.dashboard
    assert county is not None
    choose_loaded(qtbot, screen, screen.quarter, "2026/27-Q2")
    quarter = screen.dashboard
    assert quarter is not None and quarter.period.start.isoformat() == "2026-07-01"
    with qtbot.waitSignal(screen.loaded):
        choose(qtbot, screen.area, "West")
    west = screen.dashboard
    assert west is not None and west.slice.area_id is not None
    assert west.plan.completed < quarter.plan.completed
    assert "Area: West" in screen.heading.text()
    # Teams offered follow the area chosen.
    teams = [screen.team.itemText(i) for i in range(1, screen.team.count())]
    assert teams and all(t.startswith("West") for t in teams)
    with qtbot.waitSignal(screen.loaded):
        choose(qtbot, screen.team, teams[0])
    assert screen.dashboard.plan.completed <= west.plan.completed
    with qtbot.waitSignal(screen.loaded):
        screen.period_kind.setCurrentIndex(MONTH)
    assert screen.dashboard.period.days in (28, 29, 30, 31)


def test_clicking_a_figure_lists_the_audits_behind_it(application, qtbot) -> None:
    screen = reports_of(application, qtbot)
    choose_loaded(qtbot, screen, screen.quarter, "2026/27-Q2")
    completed = screen.dashboard.plan.completed
    with qtbot.waitSignal(screen.drilled):
        qtbot.mouseClick(screen.fig_completed, Qt.MouseButton.LeftButton)
    assert screen.drill_model.rowCount() == completed > 0
    assert f"{completed} audits" in screen.drill_label.text()
    # The standard figure leads to the questions behind it.
    screen.tabs.setCurrentIndex(1)
    qtbot.mouseClick(screen.fig_standard, Qt.MouseButton.LeftButton)
    assert screen.tabs.currentIndex() == 0
    first = screen.drill_model.row_at(0)
    assert first.completed_on is not None and first.completed_on.isoformat() >= "2026-07-01"
    # Opening a listed audit opens the audit viewer.
    window = screen.window()
    index = screen.drill_model.index(0, 0)
    screen.drill_table.activated.emit(index)  # Enter, or the double-click
    assert window.viewer is not None and first.reference in window.viewer.windowTitle()


def test_clicking_a_bar_or_a_row_lists_its_audits(application, qtbot) -> None:
    screen = reports_of(application, qtbot)
    choose_loaded(qtbot, screen, screen.quarter, "2026/27-Q2")
    dash = screen.dashboard
    chart = screen.compliance_chart
    worst = min((q for q in dash.compliance if q.counts.no), key=lambda q: q.percent)
    bar = chart.question_ids.index(worst.question_id)
    bar_set = chart.meets_set if worst.percent >= dash.standard else chart.below_set
    with qtbot.waitSignal(screen.drilled):
        bar_set.clicked.emit(bar)
    assert screen.drill_model.rowCount() == worst.counts.no
    assert worst.question_id in screen.drill_label.text()
    # A row of the grades table: the Inadequate audits of that practice area.
    overall_row = [r.section_id for r in dash.grades].index("overall")
    view = screen.grades_table.view
    screen.tabs.setCurrentIndex(1)
    rect = view.visualRect(view.model().index(overall_row, 0))
    with qtbot.waitSignal(screen.drilled):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    inadequate = next(r for r in dash.grades if r.section_id == "overall").count
    from qa_desktop.domain.grades import Grade

    assert screen.drill_model.rowCount() == inadequate(Grade.INADEQUATE)


def test_export_buttons_write_csv_and_excel(application, qtbot, tmp_path: Path) -> None:
    screen = reports_of(application, qtbot)
    target = tmp_path / "compliance.csv"
    screen.ask_path = lambda *_args: target  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.exported):
        qtbot.mouseClick(screen.compliance_table.csv_button, Qt.MouseButton.LeftButton)
    assert target.read_text(encoding="utf-8-sig").startswith("question_id,section,question")
    book = tmp_path / "all.xlsx"
    screen.ask_path = lambda *_args: book  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.exported):
        qtbot.mouseClick(screen.export_all, Qt.MouseButton.LeftButton)
    sheets = load_workbook(book).sheetnames
    assert len(sheets) == 10  # every table, the per-area grade trend among them
    assert any(name.startswith("Grades per practice area by") for name in sheets)


def test_a_practitioner_sees_their_own_team_from_their_own_cases(application, qtbot) -> None:
    from qa_desktop.domain.calendar import FinancialQuarter, Period
    from qa_desktop.domain.report_periods import ReportSlice
    from qa_desktop.services.actors import SYSTEM

    services = application.services
    q2 = Period.quarter(FinancialQuarter(2026, 2))
    person = max(
        (p for p in services.directory.people() if p.role is Role.PRACTITIONER),
        key=lambda p: (
            services.reporting.dashboard(q2, ReportSlice(worker_id=p.id), SYSTEM).plan.completed
        ),
    )
    window = application.show_window(services.directory.actor(person.id))
    qtbot.addWidget(window)
    screen = window.reports
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        window.go_to(NAV_REPORTS)
    dash = screen.dashboard
    assert screen.allowed and screen.team_view and dash is not None
    assert (dash.slice.team_id, dash.slice.worker_id) == (person.team_id, person.id)
    assert f"Team: {person.team_name}; your own cases" in screen.heading.text()
    assert person.team_name in screen.team_notice.text()
    # No other team, area, service or worker to choose; no quarterly report to write.
    assert not screen.area.isVisibleTo(screen) and not screen.team.isVisibleTo(screen)
    assert not screen.worker.isVisibleTo(screen)
    tabs = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
    assert "&Quarterly report" not in tabs
    # The audits behind a figure are only their own cases' audits.
    with qtbot.waitSignal(screen.drilled):
        qtbot.mouseClick(screen.fig_completed, Qt.MouseButton.LeftButton)
    rows = [screen.drill_model.row_at(i) for i in range(screen.drill_model.rowCount())]
    assert rows and {r.practitioner for r in rows} == {person.name}
    assert screen.dashboard.plan.completed == len(rows)


def test_commentary_is_written_saved_and_printed_in_the_quarterly_report(
    application, qtbot, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from qa_desktop.domain.calendar import FinancialQuarter

    screen = reports_of(application, qtbot)
    choose_loaded(qtbot, screen, screen.quarter, "2026/27-Q2")
    screen.tabs.setCurrentIndex(screen.tabs.count() - 1)
    assert "2026/27-Q2" in screen.quarter_label.text()
    box = screen.commentary_edits["summary"]
    box.setFocus()
    qtbot.keyClicks(box, "Good rose for the third quarter running.")
    qtbot.mouseClick(screen.save_commentary, Qt.MouseButton.LeftButton)
    reporting = application.services.reporting
    assert reporting.commentary(FinancialQuarter(2026, 2)) == {
        "summary": "Good rose for the third quarter running."
    }
    # Another quarter has its own (empty) boxes; coming back shows what was saved.
    with qtbot.waitSignal(screen.loaded):
        choose(qtbot, screen.quarter, "2026/27-Q1")
    assert box.toPlainText() == ""
    choose_loaded(qtbot, screen, screen.quarter, "2026/27-Q2")
    assert box.toPlainText() == "Good rose for the third quarter running."
    target = tmp_path / "q.pdf"
    screen.ask_path = lambda *_args: target  # type: ignore[method-assign]
    qtbot.keyClicks(screen.commentary_edits["voice"], "Every audit recorded the child's voice.")
    with qtbot.waitSignal(screen.exported):
        qtbot.mouseClick(screen.quarterly_pdf, Qt.MouseButton.LeftButton)
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Good rose for the third quarter running." in text
    assert "Every audit recorded the child" in text


def test_the_slice_bar_slices_by_the_childs_legal_status_and_age(application, qtbot) -> None:
    screen = reports_of(application, qtbot)
    county = screen.dashboard
    assert county is not None
    statuses = [screen.legal_status.itemText(i) for i in range(screen.legal_status.count())]
    assert statuses[0] == "All legal statuses" and "Early Help" in statuses
    with qtbot.waitSignal(screen.loaded):
        choose(qtbot, screen.legal_status, "Child we care for")
    cared_for = screen.dashboard
    assert cared_for is not None and cared_for.slice.legal_status == "child_we_care_for"
    assert "Legal status: Child we care for" in screen.heading.text()
    with qtbot.waitSignal(screen.loaded):
        choose(qtbot, screen.age_band, "0 to 4")
    young = screen.dashboard
    assert young is not None and young.slice.age_band == "0-4"
    assert young.plan.completed <= cared_for.plan.completed < county.plan.completed

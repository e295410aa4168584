"""The Programme screen's "Performance extract" tab: a good extract is imported and its
figures shown, each beside the team's compliance on the matching question for that month; a
re-import says which team-months it replaced; a bad file names its bad rows and imports
nothing; only the QA team has the tab."""

from __future__ import annotations

from pathlib import Path

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.performance_extract import COLUMNS
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.domain.roles import Role
from qa_desktop.services.actors import SYSTEM
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME
from tests.services.imports.test_performance_extract import busiest_team_month, team_names
from tests.store_access import store_of
from tests.ui.conftest import open_window_as


def extract_file(folder: Path, name: str, *lines: str) -> Path:
    path = folder / name
    path.write_text("\r\n".join([",".join(COLUMNS), *lines]) + "\r\n", encoding="utf-8-sig")
    return path


def the_tab(application, qtbot):  # type: ignore[no-untyped-def]
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    screen = window.programme
    tab = screen.extract
    assert tab is not None
    screen.tabs.setCurrentWidget(tab)
    return tab


def test_a_good_extract_is_imported_and_set_beside_the_audits(
    application, qtbot, tmp_path: Path
) -> None:
    services = application.services
    store = store_of(services)
    team_id, team, month = busiest_team_month(store)
    tab = the_tab(application, qtbot)
    assert tab.figures.rowCount() == 0 and tab.figures.accessibleDescription().startswith(
        "No performance figures imported yet"
    )
    tab.ask_file = lambda: extract_file(tmp_path, "extract.csv", f"{team},{month},95,40,")  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.loaded):
        tab.import_button.click()
    assert tab.import_report == "Imported 1 team-month(s) from extract.csv, 2 figure(s)."
    assert [tab.figures.texts(r) for r in range(tab.figures.rowCount())] == [
        [team, month, "95.0%", "40.0%", ""]
    ]
    year, number = (int(p) for p in month.split("-"))
    reported = {
        q.question_id: q
        for q in services.reporting.compliance(
            Period.month(year, number), ReportSlice(team_id=team_id), SYSTEM
        )
    }
    beside = {tab.beside.texts(r)[2]: tab.beside.texts(r) for r in range(tab.beside.rowCount())}
    visits = beside["Statutory visits in timescale"]
    c1 = reported["C1"]
    assert visits == [
        team,
        month,
        "Statutory visits in timescale",
        "95.0%",
        f"{c1.held:.1f}%",
        f"{c1.held - 95:+.1f} pts",
        str(c1.counts.answered),
        f"C1 {c1.text}",
    ]
    summaries = beside["Case summaries up to date"]
    assert summaries[3] == "40.0%" and summaries[5] == f"{reported['A8'].held - 40:+.1f} pts"
    supervision = beside["Supervision in timescale"]
    assert supervision[3] == "" and supervision[5] == ""  # no figure: no difference, not 0
    assert supervision[4] == f"{reported['E2'].held:.1f}%"

    tab.ask_file = lambda: extract_file(tmp_path, "again.csv", f"{team},{month},90,,60")  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.loaded):
        tab.import_button.click()
    assert f"Replaced the figures held before for {team} {month}" in tab.import_report
    assert "a figure it left blank is cleared" in tab.import_report
    assert tab.figures.texts(0) == [team, month, "90.0%", "", "60.0%"]
    assert application.errors.last_message is None


def test_a_bad_extract_names_its_bad_rows_and_imports_nothing(
    application, qtbot, tmp_path: Path
) -> None:
    first, second = team_names(store_of(application.services))[:2]
    tab = the_tab(application, qtbot)
    tab.ask_file = lambda: extract_file(  # type: ignore[method-assign]
        tmp_path,
        "bad.csv",
        f"{first},2026-08,99,99,99",
        "Nowhere Team,2026-09,80,80,80",
        f"{second},2026-9,80,180,80",
    )
    with qtbot.waitSignal(tab.imported):
        tab.import_button.click()
    assert tab.import_report == "Nothing was imported: the file has 3 problem(s), listed below."
    assert tab.problems.isVisible()
    assert [tab.problems.texts(r) for r in range(tab.problems.rowCount())] == [
        ["3", "team", "there is no team called 'Nowhere Team' in this store."],
        ["4", "month", "'2026-9' is not a month: write it as YYYY-MM, for example 2026-04."],
        ["4", "case_summaries_up_to_date", "'180' is not a percentage from 0 to 100."],
    ]
    assert application.services.triangulation.rows(SYSTEM) == ()  # the good row too: nothing
    assert tab.figures.rowCount() == 0 and tab.beside.rowCount() == 0
    assert application.errors.last_message is None  # listed in the tab, not an error box

    tab.ask_file = lambda: extract_file(tmp_path, "empty.csv")  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.imported):
        tab.import_button.click()
    assert tab.problems.texts(0) == [
        "1",
        "(the whole file)",
        "the file has its header row but no teams.",
    ]


def test_only_the_qa_team_has_the_tab(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    window.go_to(NAV_PROGRAMME)
    screen = window.programme
    assert screen.extract is None
    titles = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
    assert "Historic audits" in titles and "Performance extract" not in titles

"""The Programme screen's "Historic audits" tab: a file with problems lists every one of them
and imports nothing; a clean one imports; only the QA team has the menu and the button."""

from __future__ import annotations

from pathlib import Path

from qa_desktop.domain.roles import Role
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.listing import AuditFilter
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME
from tests.ui.conftest import open_window_as


def test_historic_import_from_the_app_lists_every_problem_or_imports(
    application, qtbot, tmp_path: Path
) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "audit_ref,case_ref,team,completed_on,overall_grade,A1\r\n"
        "H-1,CR-x,Nowhere,2019-05-40,Great,yes\r\n",
        encoding="utf-8-sig",
    )
    screen = window.programme
    tab = screen.historic
    tab.ask_file = lambda: bad  # type: ignore[method-assign]
    menu = window.menuBar().actions()[0].menu()
    action = next(a for a in menu.actions() if "historic" in a.text())
    with qtbot.waitSignal(tab.imported):
        action.trigger()  # File > Import historic audits: the Programme screen, its tab
    assert window.stack.currentWidget() is screen and screen.tabs.currentWidget() is tab
    assert "Nothing was imported" in tab.import_report
    assert "row 2, column completed_on" in tab.import_report
    assert "row 2, column overall_grade" in tab.import_report
    shown = tab.problems.toPlainText()
    assert tab.problems.isVisible() and "row 2, column completed_on" in shown
    assert application.errors.last_message is None  # listed in the tab, not an error box
    good = tmp_path / "good.csv"
    good.write_text(
        "audit_ref,case_ref,team,completed_on,overall_grade,A1\n"
        "H-1,CR-new,Historic Team,2019-05-01,Good,yes\n",
        encoding="utf-8",
    )
    tab.ask_file = lambda: good  # type: ignore[method-assign]
    tab.create_missing.setChecked(True)
    with qtbot.waitSignal(tab.imported):
        tab.import_button.click()
    assert "Imported 1 historic audits" in tab.import_report
    assert not tab.problems.isVisible()
    listing = application.services.audits.list(AuditFilter(search="H-1"), SYSTEM)
    assert [r.reference for r in listing.rows] == ["H-1"]
    assert listing.rows[0].state.value == "closed"


def test_without_create_missing_unknown_teams_are_problems(
    application, qtbot, tmp_path: Path
) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.historic
    file = tmp_path / "new-team.csv"
    file.write_text(
        "audit_ref,case_ref,team,completed_on,overall_grade\n"
        "H-2,CR-new,Historic Team,2019-05-01,Good\n",
        encoding="utf-8",
    )
    tab.ask_file = lambda: file  # type: ignore[method-assign]
    assert not tab.create_missing.isChecked()
    with qtbot.waitSignal(tab.imported):
        tab.import_button.click()
    assert "Nothing was imported" in tab.import_report and "Historic Team" in tab.import_report
    assert not application.services.audits.list(AuditFilter(search="H-2"), SYSTEM).rows


def test_only_the_qa_team_has_the_import_menu(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    menu = window.menuBar().actions()[0].menu()
    assert not any("historic" in a.text() for a in menu.actions())
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.historic
    assert not tab.import_button.isEnabled()
    assert "Only the QA team" in tab.result.text()

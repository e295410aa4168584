"""The Monthly cycle tab driven through real widgets: plan a month from an imported case list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.listing import AuditFilter
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME
from tests.services.programme.helpers import case_lines, csv_bytes
from tests.store_access import store_of
from tests.ui.conftest import open_window_as


def test_plan_a_month_from_an_imported_case_list(application, qtbot, tmp_path: Path) -> None:
    store = store_of(application.services)
    lines = case_lines(store)
    source = tmp_path / "open-cases.csv"
    source.write_bytes(csv_bytes(lines[:-3], ending="\r\n", bom=True))
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.monthly
    assert window.stack.currentWidget() is window.programme

    tab.choose_file = lambda: str(source)
    with qtbot.waitSignal(tab.imported) as imported:
        qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].closed == 3
    assert "3 no longer listed and closed" in tab.import_result.text()
    assert tab.cases_label.text() == f"{len(lines) - 3} open cases"

    tab.month.selectAll()
    qtbot.keyClicks(tab.month, "2026-12")
    tab.target.selectAll()
    qtbot.keyClicks(tab.target, "12")
    tab.seed.selectAll()
    qtbot.keyClicks(tab.seed, "77")
    with qtbot.waitSignal(tab.planned) as planned:
        qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    plan = planned.args[0]
    assert (plan.month, len(plan.audits), plan.seed) == ("2026-12", 12, 77)
    assert tab.plan_table.rowCount() == 12
    first = tab.plan_table.texts(0)
    assert first[0] == plan.audits[0].case_reference and first[4] == "31 Dec 2026"
    assert "12 audits planned" in tab.plan_summary.text()
    assert tab.progress_table.texts(0)[:3] == ["2026-12", "12", "0"]
    # The planned audit is in its auditor's My work.
    auditor = next(
        p for p in application.services.directory.people() if p.name == plan.audits[0].auditor
    )
    mine = application.services.audits.list(
        AuditFilter(auditor_id=auditor.id, states=(AuditState.PLANNED,)), SYSTEM
    )
    assert plan.audits[0].audit_id in {r.id for r in mine.rows}


def test_a_bad_case_list_shows_one_clear_message(application, qtbot, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    lines = case_lines(store_of(application.services), 3)
    source.write_bytes(csv_bytes([*lines, lines[0]]))
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    tab = window.programme.monthly
    tab.choose_file = lambda: str(source)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    message = application.errors.last_message or ""
    assert "Row 5, column case_ref" in message and "nothing has been changed" in message
    assert tab.import_result.text() == ""


def test_people_outside_the_qa_team_cannot_plan(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    tab = window.programme.monthly
    assert not tab.plan_button.isEnabled() and not tab.import_button.isEnabled()


def test_capacity_is_set_per_auditor_and_shown_with_the_plan(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    tab = window.programme.monthly
    tab.month.setText("2027-02")
    with qtbot.waitSignal(tab.capacities_shown):
        tab.month.editingFinished.emit()
    assert "2027-02" in tab.capacity_box.title()
    table = tab.capacity_table
    assert table.rowCount() > 10
    assert {table.item(r, 2).text() for r in range(table.rowCount())} == {"0"}
    spin = table.cellWidget(0, 3)
    name = table.item(0, 0).text()
    spin.selectAll()
    qtbot.keyClicks(spin, "9")
    with qtbot.waitSignal(tab.capacity_saved):
        qtbot.keyClick(spin, Qt.Key.Key_Return)
    rows = {r.name: r for r in application.services.programme.capacities("2027-02")}
    assert rows[name].per_month == 9
    tab.target.selectAll()
    qtbot.keyClicks(tab.target, "30")
    with qtbot.waitSignal(tab.capacities_shown):
        qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    planned = sum(int(table.item(r, 2).text()) for r in range(table.rowCount()))
    assert planned == 30
    # Choosing a month in the progress table shows its plan again.
    tab.plan_table.set_rows([])
    tab.progress_table.selectRow(0)
    assert tab.plan_table.rowCount() == 30

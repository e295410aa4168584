"""Entering a dip sample by keyboard, cell to cell, and seeing the results by team."""

from __future__ import annotations

from PySide6.QtCore import Qt

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME
from tests.ui.conftest import open_window_as


def test_enter_a_dip_sample_by_keyboard(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.dip_samples
    window.programme.tabs.setCurrentWidget(tab)
    assert [b.property("question_id") for b in tab.question_boxes] == ["A1", "C1"]
    qtbot.keyClicks(tab.title, "Children seen, November")
    tab.cases.selectAll()
    qtbot.keyClicks(tab.cases, "4")
    with qtbot.waitSignal(tab.created), qtbot.waitSignal(tab.grid_shown):
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    table = tab.table
    assert table.rowCount() == 4 and table.columnCount() == 4
    assert (table.currentRow(), table.currentColumn()) == (0, 2)
    assert "4 of 4" not in tab.samples.item(0).text()

    # Eight cells typed in one go: each key answers and moves to the next cell.
    for key in "ynpaYyNy":
        with qtbot.waitSignal(tab.answer_saved):
            qtbot.keyClick(table, key)
    assert [table.cell_text(r, q) for r in range(4) for q in range(2)] == [
        "Yes", "No", "Partly", "N/A", "Yes", "Yes", "No", "Yes",
    ]  # fmt: skip
    # Arrow keys move freely; Delete clears one cell; typing puts it back.
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert (table.currentRow(), table.currentColumn()) == (2, 3)
    with qtbot.waitSignal(tab.answer_saved):
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert table.cell_text(2, 1) == ""
    grid = application.services.dip_samples.grid(tab.current_id)
    assert grid.rows[2].answers == {"A1": Answer.YES, "C1": None}
    assert grid.rows[0].answers == {"A1": Answer.YES, "C1": Answer.NO}
    with qtbot.waitSignal(tab.answer_saved):
        qtbot.keyClick(table, "n")

    whole = tab.results.texts(tab.results.rowCount() - 1)
    # A1: Yes, Partly, Yes, No -> 2.5 of 4; C1: No, N/A, No, Yes -> 1 of 3.
    assert whole[:6] == ["All teams", "4", "62%", "2 / 1 / 1 / 0", "33%", "1 / 0 / 2 / 1"]
    with qtbot.waitSignal(tab.grid_shown):
        qtbot.mouseClick(tab.finish_button, Qt.MouseButton.LeftButton)
    assert not tab.finish_button.isEnabled()
    assert "finished" in tab.samples.item(0).text()
    qtbot.keyClick(table, "n")  # a finished dip sample no longer changes
    assert application.services.dip_samples.grid(tab.current_id).rows[3].answers["C1"] is Answer.YES


def test_a_dip_sample_of_another_form_across_teams(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.dip_samples
    window.programme.tabs.setCurrentWidget(tab)
    assert tab.form.currentData() == "dip-sample"
    tab.form.setCurrentIndex(tab.form.findData("learning-audit"))
    boxes = tab.question_boxes
    offered = application.services.dip_samples.questions("learning-audit")
    assert [b.property("question_id") for b in boxes] == [q.id for q in offered]
    assert len(boxes) > 5 and not any(b.isChecked() for b in boxes)
    assert not tab.create_button.isEnabled()  # nothing to check yet
    for box in boxes[2:7]:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert "5 of at most 5" in tab.questions_count.text()
    assert not boxes[0].isEnabled() and boxes[2].isEnabled()  # a sixth waits
    qtbot.mouseClick(boxes[6], Qt.MouseButton.LeftButton)  # untick one: four
    assert boxes[0].isEnabled()
    chosen = [str(b.property("question_id")) for b in boxes[2:6]]

    # Two teams ticked of the list (a team ticked and unticked again is left out).
    names = [tab.teams.item(r).text() for r in range(tab.teams.count())]
    assert len(names) >= 3
    for row in (0, 1, 2):
        tab.teams.item(row).setCheckState(Qt.CheckState.Checked)
    tab.teams.item(1).setCheckState(Qt.CheckState.Unchecked)
    wanted = {names[0], names[2]}
    qtbot.keyClicks(tab.title, "Four questions, two teams")
    tab.cases.selectAll()
    qtbot.keyClicks(tab.cases, "6")
    with qtbot.waitSignal(tab.created), qtbot.waitSignal(tab.grid_shown):
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    table = tab.table
    assert table.rowCount() == 6 and table.columnCount() == 2 + 4
    headers = [table.horizontalHeaderItem(c).text() for c in range(2, 6)]
    assert headers == chosen
    teams_in_grid = {table.item(r, 1).text() for r in range(6)}
    assert teams_in_grid <= wanted and len(teams_in_grid) == 2

    # Every cell Yes, but the first case's first question No.
    for index in range(6 * 4):
        with qtbot.waitSignal(tab.answer_saved):
            qtbot.keyClick(table, "n" if index == 0 else "y")
    results = [tab.results.texts(r) for r in range(tab.results.rowCount())]
    assert [r[0] for r in results] == [*sorted(teams_in_grid), "All teams"]
    whole = results[-1]
    assert whole[1] == "6" and whole[2] == "83%" and whole[3] == "5 / 0 / 1 / 0"
    assert whole[4:6] == ["100%", "6 / 0 / 0 / 0"]
    assert sum(int(r[1]) for r in results[:-1]) == 6
    with qtbot.waitSignal(tab.grid_shown):
        qtbot.mouseClick(tab.finish_button, Qt.MouseButton.LeftButton)
    assert "finished" in tab.samples.item(0).text()

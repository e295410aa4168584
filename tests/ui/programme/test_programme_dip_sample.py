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

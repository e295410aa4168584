"""The Audits filters on a small screen (a 1366x768 laptop at 200% leaves the screen about
680 pixels wide and 380 high): the boxes narrow, their labels are never clipped, and on a
short screen they fold away behind one button, their keys still working."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from qa_desktop.app import Application
from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.main_window import NAV_AUDITS
from tests.ui.conftest import open_on_a_short_screen, open_window_as


def test_the_filter_labels_keep_their_width_on_a_narrow_screen(
    application: Application, qtbot
) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_AUDITS)
    screen = window.audits
    window.splitter.setSizes([150, 520])
    window.resize(680, 380)
    QApplication.processEvents()
    assert screen.width() <= 540
    labels = [label for label in screen.findChildren(QLabel) if label.buddy() is not None]
    names = {label.text().replace("&", "") for label in labels}
    assert {"Service:", "Team:", "Grade:"} <= names
    for label in labels:
        assert label.width() >= label.sizeHint().width(), label.text()


def test_on_a_short_screen_the_filters_fold_and_their_keys_still_work(
    application: Application, qtbot, monkeypatch
) -> None:
    window = open_on_a_short_screen(application, qtbot, monkeypatch, Role.QA_OFFICER)
    window.resize(680, 380)
    window.go_to(NAV_AUDITS)
    screen, fold = window.audits, window.audits.filter_fold
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    assert not fold.is_open and not screen.filters.isVisible()
    assert screen.search.isVisible() and screen.clear.isVisible()
    QApplication.processEvents()
    folded_height = screen.table.height()

    # A filter's mnemonic opens the filters at its box; the list is narrowed by it.
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(screen.search, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert fold.is_open and screen.filters.isVisible()
    assert QApplication.focusWidget() is screen.team
    team = screen.team.itemText(1)
    screen.team.setCurrentIndex(1)
    QApplication.processEvents()
    assert screen.table.height() < folded_height  # open, the filters take the list's room

    # Folded again by the person: the button says a filter is in use, and which.
    qtbot.mouseClick(fold, Qt.MouseButton.LeftButton)
    assert not screen.filters.isVisible()
    assert fold.text().replace("&", "") == "Filters (1 in use)"
    assert f"Team: {team}" in fold.accessibleDescription()
    assert screen.current_filter().team_id == screen.team.currentData()
    # The person's choice holds when they come back to the screen.
    window.go_to(0)
    window.go_to(NAV_AUDITS)
    assert not fold.is_open
    qtbot.mouseClick(fold, Qt.MouseButton.LeftButton)
    window.go_to(0)
    window.go_to(NAV_AUDITS)
    assert fold.is_open and screen.filters.isVisible()


def test_on_a_tall_screen_the_filters_start_open(application: Application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.show()
    window.go_to(NAV_AUDITS)
    assert window.audits.filter_fold.is_open and window.audits.filters.isVisible()
    assert window.audits.filter_fold.text().replace("&", "") == "Filters"

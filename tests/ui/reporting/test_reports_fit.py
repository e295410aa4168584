"""The Reports screen on a small screen (a 1366x768 laptop at 200% leaves 683x384 for the
window): the slice boxes and the tiles wrap onto more rows instead of being cut off, the
tab bar scrolls, and everything is reached by scrolling, never wider than the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar, QToolButton

from qa_desktop.app import Application
from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.main_window import NAV_REPORTS
from qa_desktop.ui.widgets.side_by_side import SideBySide
from tests.ui.conftest import open_on_a_short_screen, open_window_as


def test_the_reports_screen_wraps_and_scrolls_at_200_percent(
    application: Application, qtbot
) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    screen = window.reports
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        window.go_to(NAV_REPORTS)
    window.resize(683, 384)
    for _ in range(3):
        QApplication.processEvents()
    scroll = screen.body_scroll
    room = scroll.viewport().width()
    assert room < 560
    # Nothing wider than the room: no part is reached only by scrolling sideways.
    assert scroll.widget().width() <= room
    # The tiles wrap onto more rows, each wide enough for its words.
    assert 1 <= screen.tile_grid.columns < len(screen.figures)
    rows = {tile.y() for tile in screen.figures}
    assert len(rows) >= 2
    for tile in screen.figures:
        assert tile.width() >= tile.minimumSizeHint().width(), tile.text()
        assert tile.geometry().right() <= screen.tile_grid.width()
    # The slice boxes wrap too: every label and box within the room.
    assert screen.choices.columns < 4
    for box in screen.choices.items:
        assert box.geometry().right() <= screen.choices.width()
    # The tab bar scrolls to tabs that do not fit; every tab is reached.
    bar = screen.tabs.findChild(QTabBar)
    assert bar is not None and screen.tabs.usesScrollButtons()
    assert bar.sizeHint().width() > screen.tabs.width()
    arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
    assert len(arrows) == 2
    for index in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert bar.tabRect(index).right() <= bar.width(), screen.tabs.tabText(index)
        # Two tables (or a chart and a table) with no room side by side stand one above
        # the other, neither squeezed below its smallest width.
        for pair in screen.findChildren(SideBySide):
            if pair.isVisible():
                assert pair.orientation() is Qt.Orientation.Vertical
                for part, narrowest in zip(pair._parts(), pair._narrowest(), strict=True):
                    assert part.width() >= narrowest, screen.tabs.tabText(index)
    # The tabs and the audits below them are reached by scrolling down.
    scroll.ensureWidgetVisible(screen.drill_table)
    QApplication.processEvents()
    assert scroll.verticalScrollBar().value() > 0
    assert not screen.drill_table.visibleRegion().isEmpty()


def test_tiles_refit_when_their_words_change_and_hidden_boxes_leave_no_gap(
    application: Application, qtbot
) -> None:
    window = open_window_as(application, qtbot, Role.PRACTITIONER)
    screen = window.reports
    window.resize(1366, 768)
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        window.go_to(NAV_REPORTS)
    QApplication.processEvents()
    # New figures (each with its change in words) came after the last resize.
    for tile in screen.figures:
        assert tile.width() >= tile.minimumSizeHint().width(), tile.text()
    # A practitioner's hidden area, service and team boxes take no place in the row.
    hidden = screen.choices.items[1]
    assert hidden.isHidden() and screen.choices._grid.indexOf(hidden) == -1
    shown = [box for box in screen.choices.items if not box.isHidden()]
    assert [screen.choices._grid.indexOf(box) for box in shown] == list(range(len(shown)))


def test_on_a_short_screen_the_slices_fold_and_the_figures_come_into_sight(
    application: Application, qtbot, monkeypatch
) -> None:
    window = open_on_a_short_screen(application, qtbot, monkeypatch, Role.QA_OFFICER)
    window.resize(683, 384)
    screen = window.reports
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        window.go_to(NAV_REPORTS)
    QApplication.processEvents()
    fold = screen.slice_fold
    assert not fold.is_open
    period, *slices = screen.choices.items
    assert period.isVisible() and not any(box.isVisible() for box in slices)
    # The first row of figures starts within the first screenful of the scrolled body.
    first_tile = screen.figures[0]
    top = first_tile.mapTo(screen.body_scroll.widget(), first_tile.rect().topLeft()).y()
    assert top < screen.body_scroll.viewport().height() / 2
    # A slice chosen by its key opens the boxes; folded again, the button names it.
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(screen.period_kind, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert fold.is_open and QApplication.focusWidget() is screen.legal_status
    screen.legal_status.setCurrentIndex(1)
    fold.click()
    assert fold.text().replace("&", "") == "Filters (1 in use)"
    chosen = screen.legal_status.currentText()
    assert f"Legal status: {chosen}" in fold.accessibleDescription()


def test_a_practitioners_fold_never_shows_the_boxes_hidden_from_them(
    application: Application, qtbot, monkeypatch
) -> None:
    window = open_on_a_short_screen(application, qtbot, monkeypatch, Role.PRACTITIONER)
    screen = window.reports
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        window.go_to(NAV_REPORTS)
    screen.slice_fold.click()  # open
    assert screen.slice_fold.is_open
    assert screen.form.isVisible() and screen.legal_status.isVisible()
    assert not screen.area.isVisible() and not screen.team.isVisible()
    assert not screen.worker.isVisible()
    assert "Team" not in [label.text().replace("&", "") for label, _ in screen.slice_fold._rows]

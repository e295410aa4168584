"""The Programme tabs on a laptop at 200% (683x384 for the window): a tab's form and its tables
stand one above the other, each at its own height, and the page scrolls down, not sideways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from qa_desktop.app import Application
from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME
from qa_desktop.ui.widgets.side_by_side import SideBySide
from tests.ui.conftest import open_window_as

# Tabs with a form beside tables, too wide for both at 200%: they stack.
STACKED = ("Monthly cycle", "Back to the Floor", "Thematic audits")


def test_the_programme_tabs_stack_and_scroll_down_at_200_percent(
    application: Application, qtbot
) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.show()
    window.resize(683, 384)
    window.go_to(NAV_PROGRAMME)
    tabs = window.programme.tabs
    names = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    for name in names:  # every tab
        tabs.setCurrentIndex(names.index(name))
        for _ in range(3):
            QApplication.processEvents()
        page = tabs.currentWidget()
        assert page is not None
        area = page.parentWidget().parentWidget()
        assert isinstance(area, QScrollArea)
        room = area.viewport().width()
        assert page.width() <= room, name  # nothing reached only by scrolling sideways
        if name not in STACKED:
            continue
        pairs = page.findChildren(SideBySide)
        assert pairs, name
        for pair in pairs:
            assert pair.orientation() is Qt.Orientation.Vertical, name
            for part in pair._parts():
                # Each part as tall as it asks to be: the page is taller than the room, and
                # scrolls, instead of the two squeezed into one screen's height.
                assert part.height() >= part.sizeHint().height(), (name, part)
        assert page.height() > area.viewport().height(), name


def test_on_a_wide_window_they_stand_side_by_side(application: Application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.show()
    window.resize(1366, 768)
    window.go_to(NAV_PROGRAMME)
    QApplication.processEvents()
    page = window.programme.tabs.currentWidget()
    assert page is not None
    pairs = page.findChildren(SideBySide)
    assert len(pairs) == 2  # the monthly cycle: plan beside progress, sample beside capacity
    assert all(pair.orientation() is Qt.Orientation.Horizontal for pair in pairs)

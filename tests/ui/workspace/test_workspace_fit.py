"""The workspace on a small screen: the window opens within its screen (its own 1280x800 is
taller than a 1366x768 laptop), and where the screen is smaller than an area page's least size
(a laptop at 200% holds 683x384) the page scrolls as a whole instead of squeezing its parts
into each other."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from qa_desktop.ui.widgets.fit import room_on
from tests.ui.workspace.workspace_fixtures import open_workspace


def test_the_workspace_opens_within_its_screen(application, qtbot) -> None:
    _window, workspace, _a = open_workspace(application, qtbot)
    room = room_on(QWidget.screen(workspace))
    assert room is not None and room.height() < 800  # the tests' screen is smaller
    assert workspace.width() <= room.width() and workspace.height() <= room.height()


def test_an_area_page_scrolls_rather_than_squeezes_on_a_small_screen(application, qtbot) -> None:
    _window, workspace, _a = open_workspace(application, qtbot)
    workspace.resize(667, 336)  # a 1366x768 laptop at 200%, less the title bar and borders
    QApplication.processEvents()
    page = workspace.pages.currentWidget()
    assert page is workspace.areas[0]
    assert page.height() >= page.minimumSizeHint().height()
    assert page.width() >= page.minimumSizeHint().width()
    assert workspace.page_room.verticalScrollBar().isVisible()
    # The first question is still answerable where the page starts.
    first = page.rows[0]
    assert first.isVisibleTo(workspace)

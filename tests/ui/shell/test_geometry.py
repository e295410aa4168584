"""The window comes back the size and place it was left, with its splitter where it was.

(The offscreen test screen is 800 x 800 and Qt keeps a restored window on its screen, so the
sizes here fit that screen as far as the window's minimum size allows.)"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize

from qa_desktop.domain.roles import Role
from qa_desktop.ui.settings import MAIN_SPLITTER, WINDOW_GEOMETRY
from tests.ui.conftest import open_window_as


def test_size_position_and_splitter_are_restored(application, qtbot) -> None:
    first = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    assert first.size() == QSize(1280, 800)  # the first time: the default size
    first.resize(1000, 700)
    first.move(QPoint(0, 60))
    first.splitter.setSizes([320, 780])
    left = first.splitter.sizes()[0]
    assert left != 210  # really moved from the default
    first.close()
    assert application.settings.get(WINDOW_GEOMETRY)
    assert application.settings.get(MAIN_SPLITTER)

    again = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    assert again is not first
    assert again.size() == QSize(1000, 700)
    assert again.pos() == QPoint(0, 60)
    assert again.splitter.sizes()[0] == left


def test_damaged_window_settings_fall_back_to_the_defaults(application, qtbot) -> None:
    application.settings.set(WINDOW_GEOMETRY, b"not a geometry")
    application.settings.set(MAIN_SPLITTER, b"nor a splitter")
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    assert window.size() == QSize(1280, 800)
    assert window.splitter.sizes()[0] > 0 and window.splitter.sizes()[1] > 0

"""The window comes back the size and place it was left, with its splitter where it was.

(The offscreen test screen is 800 x 800, and the window is always fitted inside its screen, so the
sizes here fit that screen as far as the window's minimum size allows.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QMainWindow

from qa_desktop.domain.roles import Role
from qa_desktop.ui.settings import MAIN_SPLITTER, WINDOW_GEOMETRY
from tests.ui.conftest import open_window_as


def test_size_position_and_splitter_are_restored(application, qtbot) -> None:
    first = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    room = QMainWindow.screen(first).availableGeometry()
    # The first time: 1280x800, made to fit the screen (the test screen is 800x800).
    assert first.width() <= min(1280, room.width()) and first.height() <= room.height() - 48
    assert first.frameGeometry().bottom() <= room.bottom()
    first.resize(700, 600)
    first.move(QPoint(0, 60))
    first.splitter.setSizes([260, 440])
    left = first.splitter.sizes()[0]
    assert left != 210  # really moved from the default
    first.close()
    assert application.settings.get(WINDOW_GEOMETRY)
    assert application.settings.get(MAIN_SPLITTER)

    again = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    assert again is not first
    assert again.size() == QSize(700, 600)
    assert again.pos() == QPoint(0, 60)
    assert again.splitter.sizes()[0] == left


def test_damaged_window_settings_fall_back_to_the_defaults(application, qtbot) -> None:
    application.settings.set(WINDOW_GEOMETRY, b"not a geometry")
    application.settings.set(MAIN_SPLITTER, b"nor a splitter")
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    room = QMainWindow.screen(window).availableGeometry()
    assert window.width() == min(1280, room.width() - 16)
    assert window.height() == min(800, room.height() - 48)
    assert window.splitter.sizes()[0] > 0 and window.splitter.sizes()[1] > 0


FIT = """
import json, sys
from pathlib import Path
from qa_desktop.app import _qapplication
from qa_desktop.ui.runner import Runner
from PySide6.QtWidgets import QMainWindow
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import MainWindow

app = _qapplication()
runner = Runner(print, immediate=True)
window = MainWindow(runner, AppSettings(Path(sys.argv[1])), lambda: None, Path("log"), None)
window.show()
app.processEvents()
room = QMainWindow.screen(window).availableGeometry()
frame = window.frameGeometry()
status = window.statusBar().geometry()
print(json.dumps({
    "room": [room.x(), room.y(), room.width(), room.height()],
    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
    "status_bottom": window.mapTo(window, status.bottomLeft()).y() + window.y(),
    "minimum": [window.minimumWidth(), window.minimumHeight()],
    "nav_scrolls_sideways": window.nav.horizontalScrollBar().isVisible(),
    "nav_bottom": max(
        window.nav.visualItemRect(window.nav.item(i)).bottom() for i in range(window.nav.count())
    ),
    "nav_room": window.nav.viewport().height(),
}))
"""


@pytest.mark.parametrize("scale", ["1", "2"])
def test_the_main_window_fits_a_1366x768_laptop_at_100_and_200_percent(
    scale: str, tmp_path: Path
) -> None:
    """A 1366x768 screen, as is and at 200% (683x384 of room): the whole window, status bar
    included, is on the screen, and its minimum size is no bigger than the screen."""
    config = tmp_path / "screens.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": 1366,
                        "height": 768,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
    }
    done = subprocess.run(
        [sys.executable, "-c", FIT, str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    x, y, width, height = shown["room"]
    assert (width, height) == ((1366, 768) if scale == "1" else (683, 384))
    fx, fy, fw, fh = shown["frame"]
    assert fx >= x and fy >= y and fx + fw <= x + width and fy + fh <= y + height
    assert shown["status_bottom"] <= y + height
    assert shown["minimum"][0] <= width and shown["minimum"][1] <= height
    # The navigation fits: no sideways scroll bar, and Settings, the last entry, in full.
    assert not shown["nav_scrolls_sideways"]
    assert shown["nav_bottom"] < shown["nav_room"]

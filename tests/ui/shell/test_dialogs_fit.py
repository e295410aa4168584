"""Every dialog of the working day fits a 1366x768 laptop at 200% (683x384 of room, less the
title bar and borders): its least size is within that, and fitted it is never larger."""

from __future__ import annotations

from PySide6.QtCore import QSize

from qa_desktop.domain.roles import Role
from qa_desktop.ui.screens.sync.central_server import SyncSettingsDialog
from qa_desktop.ui.shell.help import GuideWindow, ShortcutsDialog, WhatsNewWindow
from qa_desktop.ui.widgets.fit import FRAME
from tests.ui.conftest import open_window_as

ROOM_AT_200 = QSize(683, 384) - FRAME


def test_the_help_and_central_server_dialogs_fit_at_200_percent(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    dialogs = [
        SyncSettingsDialog(application.services.sync, application.runner, None, window),
        ShortcutsDialog(window),
        GuideWindow("auditor", window),
        WhatsNewWindow(window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        assert least.width() <= ROOM_AT_200.width(), type(dialog).__name__
        assert least.height() <= ROOM_AT_200.height(), type(dialog).__name__


def test_the_settings_screen_scrolls_rather_than_squashing(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    screen = window.settings_screen
    assert screen.minimumSizeHint().height() <= ROOM_AT_200.height()

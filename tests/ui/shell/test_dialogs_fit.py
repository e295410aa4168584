"""Every dialog of the working day fits a 1366x768 laptop at 200% (683x384 of room, less the
title bar and borders): its least size is within that, and fitted it is never larger."""

from __future__ import annotations

from PySide6.QtCore import QSize

from qa_desktop.domain.roles import Role
from qa_desktop.ui.screens.reporting.board_papers import BoardPapersDialog
from qa_desktop.ui.screens.sync.central_server import SyncSettingsDialog
from qa_desktop.ui.screens.sync.conflicts import ConflictsDialog
from qa_desktop.ui.screens.sync.refused import RefusedDialog
from qa_desktop.ui.screens.workspace.new_audit import NewAuditDialog
from qa_desktop.ui.shell.about import AboutDialog
from qa_desktop.ui.shell.help import GuideWindow, ShortcutsDialog, WhatsNewWindow
from qa_desktop.ui.shell.identity import IdentityDialog
from qa_desktop.ui.widgets.fit import FRAME, room_on
from qa_desktop.ui.widgets.sign_off_box import SignOffBox
from tests.ui.conftest import open_window_as

ROOM_AT_200 = QSize(683, 384) - FRAME


def _fits(qtbot, dialogs) -> None:
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        assert least.width() <= ROOM_AT_200.width(), type(dialog).__name__
        assert least.height() <= ROOM_AT_200.height(), type(dialog).__name__


def test_the_working_days_other_dialogs_fit_at_200_percent(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    services = application.services
    actor = window.actor
    summary = [f"Area {n}: Good, rationale written" for n in range(1, 6)] + ["3 actions"]
    _fits(
        qtbot,
        [
            IdentityDialog(services.directory.people(), window),
            AboutDialog([("Version", "QA Desktop")], window, licences=()),
            NewAuditDialog(services.workspace.start_options(actor), window),
            SignOffBox(window, "Sign off the audit", summary, "A. Auditor", sign_label="Sign off"),
            ConflictsDialog(services.sync, application.runner, actor.person.id, window),
            RefusedDialog(services.sync, application.runner, window),
            BoardPapersDialog(
                services.board_papers,
                application.runner,
                actor,
                services.board_papers.teams(),
                window.today(),
                window,
            ),
        ],
    )


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


def test_a_dialog_is_shown_within_its_screen_and_at_its_own_size_where_it_fits(
    application, qtbot
) -> None:
    """The tests' screen is 800x600: the sync lists (1,000 pixels wide of their own) are
    shown as wide as it allows, "Who are you?" (560x520) at its own size."""
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    services = application.services
    wide = [
        ConflictsDialog(services.sync, application.runner, window.actor.person.id, window),
        RefusedDialog(services.sync, application.runner, window),
    ]
    identity = IdentityDialog(services.directory.people(), window)
    for dialog in [*wide, identity]:
        qtbot.addWidget(dialog)
        dialog.show()
        room = room_on(dialog.screen())
        assert room is not None and room.width() < 1000
        assert dialog.width() <= room.width(), type(dialog).__name__
        assert dialog.height() <= room.height(), type(dialog).__name__
    assert all(dialog.width() == room.width() for dialog in wide)
    assert (identity.width(), identity.height()) == (560, 520)

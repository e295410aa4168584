"""Nothing refused is silent: a change the central database refuses (two laptops, real logins)
is counted in the status bar, whose count opens the list, as does the Sync menu; the list
names it (audit reference, part, value, why), copying puts its value on the clipboard and
discarding removes it from the store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from qa_desktop.app import Application
from qa_desktop.services.container import build_services
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.ui.screens.sync.refused import RefusedDialog
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import MainWindow
from tests.conftest import NOW
from tests.sync.conftest import Pair
from tests.sync.world import edit

TYPED = "Visit the child alone, after school, at the grandparents' home"


def _refused_rows(pair: Pair) -> int:
    with pair.practitioner.store.reader() as s:
        return int(s.scalar(select(func.count()).select_from(m.SyncRefused)) or 0)


@pytest.fixture
def refused_once(pair: Pair) -> Pair:
    """The practitioner rewrites the description of an action the auditor agreed (only its
    status and completion are the owner's): the central database refuses it."""
    w = pair.world
    with pair.auditor.store.session() as s:
        action_id = (
            Recorder(s, w.auditor, NOW)
            .insert(
                m.Action,
                audit_id=pair.audit_id,
                description="Visit the child alone",
                owner_id=w.practitioner,
                due_on=date(2026, 12, 1),
                status="open",
                created_at=NOW,
            )
            .id
        )
    pair.sync_all()
    edit(pair.practitioner.store, w.practitioner, m.Action, action_id, description=TYPED)
    assert pair.practitioner.sync().refused == 1
    return pair


@pytest.fixture
def window(refused_once: Pair, clock, isolated_home: Path, qtbot) -> Iterator[MainWindow]:
    """The app on the practitioner's own laptop, signed in as them."""
    app = Application(
        build_services(refused_once.practitioner.store, clock),
        AppSettings(isolated_home / "settings.ini"),
        immediate=True,
    )
    shown: list[str] = []
    app.errors.show_box = shown.append  # type: ignore[method-assign]
    made = app.show_window(app.services.directory.actor(refused_once.world.practitioner))
    qtbot.addWidget(made)
    yield made
    assert not shown
    made.close()
    app.runner.wait()


def _open_dialog(window: MainWindow, qtbot) -> RefusedDialog:
    qtbot.waitUntil(lambda: bool([d for d in window.findChildren(RefusedDialog) if d.isVisible()]))
    found = [d for d in window.findChildren(RefusedDialog) if d.isVisible()]
    assert len(found) == 1
    return found[0]


def test_a_refused_change_is_listed_copied_and_discarded(
    refused_once: Pair, window: MainWindow, qtbot
) -> None:
    count = window.sync_status.refused
    assert count.isVisible() and count.text() == "1 refused by the central database"

    qtbot.mouseClick(count, Qt.MouseButton.LeftButton)
    dialog = _open_dialog(window, qtbot)
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, c).text() for c in range(5)]
    assert cells[0] == "QA-0000001 · action"
    assert cells[1] == "Description"
    assert cells[2].startswith("Visit the child alone, after")  # shortened in the table
    assert cells[3] == "This change is not yours to make"
    assert cells[4].startswith("Test Practitioner, ")
    assert TYPED in dialog.detail.text()  # the whole value, kept

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == TYPED

    # Cancelling the confirmation keeps it.
    _answer_confirmation(qtbot, QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1 and _refused_rows(refused_once) == 1

    _answer_confirmation(qtbot, QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(dialog.discarded):
        qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    assert not dialog.copy_button.isEnabled() and not dialog.discard_button.isEnabled()
    assert _refused_rows(refused_once) == 0
    assert window.sync_status.refused.isHidden()  # the count goes with it


def test_the_sync_menu_opens_the_refused_list(window: MainWindow, qtbot) -> None:
    sync_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Sync"
    )
    item = next(
        a
        for a in sync_menu.actions()
        if a.text().replace("&", "") == "Refused by the central database…"
    )
    item.trigger()
    dialog = _open_dialog(window, qtbot)
    assert dialog.windowTitle() == "Refused by the central database"
    assert dialog.table.rowCount() == 1


def _answer_confirmation(qtbot, button: QMessageBox.StandardButton) -> None:
    """Press ``button`` on the confirmation box once it is up (it runs its own loop)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        assert "no longer be kept" in box.text()
        box.button(button).click()

    QTimer.singleShot(0, press)

"""Sync in the app: the status bar, the central server settings (password to the keyring,
Test connection), Sync now, and settling a conflict from the conflicts list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from qa_desktop.app import Application
from qa_desktop.domain.roles import Role
from qa_desktop.services.container import build_services
from qa_desktop.services.credentials import SERVICE, Credentials
from qa_desktop.services.sync import SyncService
from qa_desktop.store import models as m
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.sync.central_server import SyncSettingsDialog
from qa_desktop.ui.screens.sync.conflicts import ConflictsDialog
from qa_desktop.ui.settings import AppSettings
from tests.conftest import NOW
from tests.store_access import store_of
from tests.sync.world import add_audit, audit, build_world, edit
from tests.ui.conftest import open_window_as


@pytest.fixture
def application(demo_store, clock, isolated_home: Path) -> Iterator[Application]:
    """The app on a demo store, the runner in immediate mode (as tests/ui does)."""
    app = Application(
        build_services(demo_store, clock),
        AppSettings(isolated_home / "settings.ini"),
        immediate=True,
    )
    app.errors.show_box = lambda message: None  # type: ignore[method-assign]
    yield app
    if app.window is not None:
        app.window.close()
    app.runner.wait()


def test_without_a_server_the_status_bar_says_offline_calmly(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.PRACTITIONER)
    status = window.sync_status
    assert status.label.text() == "Working offline (sync is not set up)"
    assert not status.sync_button.isEnabled()
    assert status.conflicts.isHidden()


def test_settings_keep_the_password_in_the_keyring_and_sync_now_works(
    application, qtbot, central, memory_keyring
) -> None:
    login = central.add_login("ui", "someone", ["qa_team"])
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    dialog = SyncSettingsDialog(application.services.sync, application.runner, None, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.server, central.admin.host)
    dialog.port.setText(str(central.admin.port))
    qtbot.keyClicks(dialog.database, central.admin.database)
    qtbot.keyClicks(dialog.user, login.user)
    qtbot.keyClicks(dialog.password, "not-in-any-file")
    qtbot.mouseClick(dialog.findChild(object, "testConnection"), Qt.MouseButton.LeftButton)
    assert dialog.result_label.text() == "Connected: the server knows you as someone."
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    account = f"{login.user}@{login.host}:{login.port}/{login.database}"
    assert memory_keyring.secrets[(SERVICE, account)] == "not-in-any-file"
    with store_of(application.services).reader() as s:
        kept = [state.value for state in s.scalars(select(m.SyncState))]
    assert not any("not-in-any-file" in value for value in kept)
    assert kept and kept[0].startswith(f"postgresql+psycopg://{login.user}@{login.host}:")

    window.sync.refresh()
    assert window.sync_status.sync_button.isEnabled()
    with qtbot.waitSignal(window.sync.synced) as done:
        qtbot.mouseClick(window.sync_status.sync_button, Qt.MouseButton.LeftButton)
    report = done.args[0].report
    assert report.pushed > 0 and report.accepted == report.pushed  # what waited went up
    assert window.sync_status.label.text().startswith("Last sync 2026-11-20 10:00")


def test_a_conflict_is_settled_from_the_list_and_travels(central, laptops, qtbot) -> None:
    qa = central.add_login("qa", "qa-person", ["qa_team"])
    one, two = laptops("one", qa), laptops("two", qa)
    world = build_world(one.store)
    audit_id = add_audit(one.store, world, "QA-0000001")
    one.sync()
    two.sync()
    edit(one.store, world.auditor, m.Audit, audit_id, impact="From laptop one")
    edit(two.store, world.qa, m.Audit, audit_id, impact="From laptop two")
    one.sync()
    two.sync()

    errors: list[BaseException] = []
    runner = Runner(errors.append, immediate=True)
    service = SyncService(two.store, lambda: NOW, Credentials())
    dialog = ConflictsDialog(service, runner, world.qa)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, c).text() for c in range(6)]
    assert cells[:3] == ["QA-0000001", "Impact", "From laptop one"]
    assert cells[3].startswith("Test Auditor, ")  # at the central database's own time
    assert cells[4] == "From laptop two" and cells[5].startswith("Test Qa")
    assert "From laptop two" in dialog.other.text() and "Test Qa" in dialog.other.text()
    badges = service.conflicts_on("audits", audit_id)
    assert list(badges) == ["impact"] and badges["impact"].other_value == "From laptop two"
    with qtbot.waitSignal(dialog.settled):
        qtbot.mouseClick(dialog.keep_other, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0
    assert service.conflicts_on("audits", audit_id) == {}
    assert audit(two.store, audit_id).impact == "From laptop two"
    assert not errors

    two.sync()
    one.sync()
    assert audit(one.store, audit_id).impact == "From laptop two"
    with one.store.reader() as s:
        assert s.scalars(select(m.SyncConflict)).one().settled_at is not None
        history = s.scalars(
            select(m.History.new_value).where(
                m.History.row_id == audit_id, m.History.field == "impact"
            )
        ).all()
    assert history == ['"From laptop one"', '"From laptop two"']


def test_offline_is_calm_and_retries_back_off(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    application.services.sync.save_settings(
        "postgresql+psycopg://nobody@127.0.0.1:1/qa", "nobody", None
    )
    controller = window.sync
    first = controller.interval
    controller.sync_in_background()
    assert controller.interval == 2 * first
    controller.sync_now()  # asked for by the person: still offline, still no alarm
    assert controller.interval == 4 * first
    assert application.errors.last_message is None
    assert window.sync_status.label.text().startswith("Not synced:")
    assert "kept here" in window.sync_status.label.text()
    assert "cannot be reached" in window.sync_status.toolTip()

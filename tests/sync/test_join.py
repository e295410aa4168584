"""Joining, not declaring: ``qa-desktop join`` and the welcome's real path connect to the real
central PostgreSQL first, and the store they make belongs to the person the central database
says the login is, with that login's first pull in it."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select

from qa_desktop.app import Application
from qa_desktop.cli import main
from qa_desktop.paths import default_store_path, demo_store_path
from qa_desktop.services.clock import Clock
from qa_desktop.services.container import build_services
from qa_desktop.services.credentials import Credentials
from qa_desktop.services.setup.joining import JoinRefused, JoinRequest, join_central
from qa_desktop.services.setup.ownership import StoreKind, ownership
from qa_desktop.store import keys
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from qa_desktop.sync.central.admin import load_store
from qa_desktop.sync.client import SyncClient
from qa_desktop.sync.connection import CentralError
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.settings import STORE_PATH, WELCOME_DONE, AppSettings
from qa_desktop.ui.shell.welcome import PAGE_BUSY, PAGE_JOIN, PAGE_RECOVERY, WelcomeDialog
from tests.conftest import TEST_STORE_KEY
from tests.sync.conftest import Central
from tests.sync.world import World, build_world

RECOVERY = keys.StoreKey.from_text(TEST_STORE_KEY).recovery_text()


@pytest.fixture
def county(central: Central, tmp_path: Path) -> World:
    """The QA team's records loaded into the central database."""
    source = open_store(tmp_path / "qa-team.qadb", create=True)
    try:
        world = build_world(source)
        load_store(central.admin, None, source)
    finally:
        source.close()
    return world


def _central_people(central: Central) -> dict[str, str]:
    with central.admin_connection() as conn:
        rows = conn.execute(
            "SELECT row_id, fields ->> 'name' FROM qa_central.rows WHERE table_name = 'people'"
        ).fetchall()
    return {str(row_id): str(name) for row_id, name in rows}


def _login(central: Central, name: str, person_id: str, roles: list[str]) -> str:
    return central.add_login(name, person_id, roles).user


def test_join_by_command_line_makes_the_logins_own_store(
    central: Central,
    county: World,
    tmp_path: Path,
    clock: Clock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    login = _login(central, "moderator", county.moderator, ["moderator"])
    path = tmp_path / "laptop" / "mine.qadb"
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))  # no password: the test server trusts

    code = main(
        ["join", "--central", central.admin.display(), "--login", login, "--store", str(path)]
    )

    out = capsys.readouterr().out
    assert code == 0, out
    assert "Joined as Test Moderator (moderator)" in out
    assert f"    {RECOVERY}" in out  # the recovery key, shown this once
    assert not list(path.parent.glob("*.joining*"))
    store = open_store(path)
    try:
        owned = ownership(store)
        assert owned.kind is StoreKind.JOINED and owned.person_id == county.moderator
        assert not owned.may_switch_person
        with store.reader() as s:
            local = {p.id: p.name for p in s.scalars(select(m.Person))}
            waiting = s.scalar(select(func.count()).select_from(m.OutboxChange))
        assert local == _central_people(central)  # the first pull: the central's people
        assert waiting == 0  # nothing made here to push
        services = build_services(store, clock)
        assert services.sync.settings() is not None
        assert services.sync.settings().user == login  # type: ignore[union-attr]
        # The person is the central's, found without asking anyone.
        application = Application(services, AppSettings(), immediate=True)
        actor = application.choose_person()
        assert actor is not None and actor.id == county.moderator
        assert actor.person.name == "Test Moderator"
        # The joined store syncs as that login straight away.
        assert services.sync.sync_now().report.pushed == 0
    finally:
        store.close()
    # The app's next start opens it, with no welcome.
    settings = AppSettings()
    assert settings.get(STORE_PATH) == str(path) and settings.get(WELCOME_DONE)

    # Joining again over it is refused; the store is untouched.
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    again = ["join", "--central", central.admin.display(), "--login", login, "--store", str(path)]
    assert main(again) == 1
    assert "already exists" in capsys.readouterr().err


def test_the_password_never_comes_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.qadb"
    url = "postgresql+psycopg://someone:secret-word@127.0.0.1:5432/qa"
    assert main(["join", "--central", url, "--login", "someone", "--store", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Leave the password out of the address" in err and "secret-word" not in err
    assert not path.exists()


def test_a_login_the_central_does_not_know_leaves_no_store(
    central: Central, county: World, tmp_path: Path, clock: Clock
) -> None:
    with central.admin_connection() as conn:  # a client login with no person behind it
        stranger = f"{central.database}_stranger"
        conn.execute(f'CREATE ROLE "{stranger}" LOGIN IN ROLE "qa_client_{central.database}"')
        central.logins.append(stranger)
    path = tmp_path / "mine.qadb"
    request = JoinRequest(central.admin.display(), stranger)
    with pytest.raises(CentralError, match="not set up for QA Desktop"):
        join_central(path, request, clock, Credentials())
    assert not path.exists() and not list(tmp_path.glob("*.joining*"))


def test_a_login_whose_person_is_not_sent_leaves_no_store(
    central: Central, county: World, tmp_path: Path, clock: Clock
) -> None:
    login = _login(central, "ghost", "00000000-0000-4000-8000-000000000000", ["auditor"])
    path = tmp_path / "mine.qadb"
    with pytest.raises(JoinRefused, match=login):
        join_central(path, JoinRequest(central.admin.display(), login), clock, Credentials())
    assert not path.exists() and not list(tmp_path.glob("*.joining*"))


def test_the_first_sync_runs_in_a_process_of_its_own(
    central: Central,
    county: World,
    tmp_path: Path,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a county's first pull takes through the heap (and a new store's migrations) is
    never the app's: the app goes on in the same process after joining, for the rest of the
    session."""

    def not_here(*args: object, **kwargs: object) -> None:
        raise AssertionError("the first sync ran in the joining process")

    # Stopped in this process only: a process of its own imports the real ones afresh.
    monkeypatch.setattr(SyncClient, "handshake", not_here)
    monkeypatch.setattr(SyncClient, "sync", not_here)
    login = _login(central, "officer", county.qa, ["qa_team"])
    path = tmp_path / "mine.qadb"

    joined = join_central(path, JoinRequest(central.admin.display(), login), clock, Credentials())

    assert joined.prepared.person_id == county.qa and joined.pulled > 0
    assert joined.prepared.recovery_key == RECOVERY
    store = open_store(path)
    try:
        assert ownership(store).person_id == county.qa
        with store.reader() as s:
            arrived = s.scalars(select(m.History.at).where(m.History.row_id == m.FIRST_SYNC)).one()
            people = {p.id for p in s.scalars(select(m.Person))}
        assert people == set(_central_people(central))
        assert arrived == clock().replace(tzinfo=None)  # the caller's clock went with the work
    finally:
        store.close()


def test_join_by_the_welcome(
    central: Central, county: World, tmp_path: Path, clock: Clock, qtbot, isolated_home: Path
) -> None:
    login = _login(central, "auditor", county.auditor, ["auditor"])
    settings = AppSettings(isolated_home / "settings.ini")
    failures: list[BaseException] = []
    welcome = WelcomeDialog(
        Runner(failures.append, immediate=True),
        settings,
        clock,
        demo_path=demo_store_path(),
        own_path=default_store_path(),
        on_error=failures.append,
    )
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.mouseClick(welcome.set_up_button, Qt.MouseButton.LeftButton)
    assert welcome.pages.currentIndex() == PAGE_JOIN
    assert not welcome.join_button.isEnabled()  # no address or login yet
    assert welcome.password.echoMode() is welcome.password.EchoMode.Password
    path = tmp_path / "own" / "audits.qadb"
    qtbot.keyClicks(welcome.central_address, central.admin.display())
    qtbot.keyClicks(welcome.login, login)
    welcome.join_store_path.clear()
    qtbot.keyClicks(welcome.join_store_path, str(path))
    qtbot.mouseClick(welcome.join_button, Qt.MouseButton.LeftButton)

    assert failures == []
    # The recovery key, once, with a way to copy it; Continue waits until it is kept.
    assert welcome.pages.currentIndex() == PAGE_RECOVERY
    assert welcome.recovery_key.text() == RECOVERY
    qtbot.mouseClick(welcome.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == RECOVERY
    assert not welcome.continue_button.isEnabled()
    qtbot.keyClick(welcome.kept_check, Qt.Key.Key_Space)
    assert welcome.continue_button.isEnabled()
    qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)
    assert welcome.result() == QDialog.DialogCode.Accepted
    assert welcome.recovery_key.text() == ""  # not kept once seen
    prepared = welcome.prepared()
    assert prepared is not None and prepared.path == path
    assert prepared.person_id == county.auditor
    assert settings.get(STORE_PATH) == str(path)

    store = open_store(path)
    try:
        application = Application(build_services(store, clock), settings, immediate=True)
        actor = application.choose_person()
        assert actor is not None and actor.id == county.auditor
        window = application.show_window(actor)
        qtbot.addWidget(window)
        assert not window.switch_action.isVisible() and not window.switch_action.isEnabled()
        assert window.windowTitle().endswith("Test Auditor")
    finally:
        store.close()


def test_the_welcome_says_why_a_join_failed_and_keeps_what_was_typed(
    tmp_path: Path, clock: Clock, qtbot, isolated_home: Path
) -> None:
    failures: list[BaseException] = []
    welcome = WelcomeDialog(
        Runner(failures.append, immediate=True),
        AppSettings(isolated_home / "settings.ini"),
        clock,
        demo_path=demo_store_path(),
        own_path=tmp_path / "mine.qadb",
        on_error=failures.append,
    )
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.mouseClick(welcome.set_up_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.central_address, "postgresql+psycopg://127.0.0.1:1/none")
    qtbot.keyClicks(welcome.login, "nobody")
    qtbot.mouseClick(welcome.join_button, Qt.MouseButton.LeftButton)
    assert [type(e).__name__ for e in failures] == ["CentralUnreachable"]
    assert welcome.pages.currentIndex() == PAGE_JOIN != PAGE_BUSY
    assert welcome.login.text() == "nobody"
    assert not (tmp_path / "mine.qadb").exists()

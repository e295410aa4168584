"""The first launch, driven through the welcome's real buttons: try the demo county, or set
up for real. Either way the answer is remembered and nothing asks twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from qa_desktop import app as app_module
from qa_desktop.app import Application, store_to_open
from qa_desktop.domain.roles import Role
from qa_desktop.errors import StoreError
from qa_desktop.paths import default_store_path, demo_store_path
from qa_desktop.services.container import build_services
from qa_desktop.services.setup.about import store_facts
from qa_desktop.services.setup.ownership import StoreKind
from qa_desktop.store.engine import open_store
from qa_desktop.sync.connection import CentralError
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.settings import (
    STORE_PATH,
    WELCOME_DONE,
    AppSettings,
)
from qa_desktop.ui.shell.welcome import (
    PAGE_INTRO,
    PAGE_JOIN,
    PAGE_RECOVERY,
    PAGE_SET_UP,
    WelcomeDialog,
)


@pytest.fixture
def settings(isolated_home: Path) -> AppSettings:
    return AppSettings(isolated_home / "settings.ini")


@pytest.fixture
def failures() -> list[BaseException]:
    return []


@pytest.fixture
def welcome(qtbot, settings, clock, failures) -> WelcomeDialog:
    dialog = WelcomeDialog(
        Runner(failures.append, immediate=True),
        settings,
        clock,
        demo_path=demo_store_path(),
        own_path=default_store_path(),
        on_error=failures.append,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_first_launch_says_what_the_app_does_and_offers_both_ways(welcome) -> None:
    assert welcome.pages.currentIndex() == PAGE_INTRO
    intro = welcome.pages.widget(PAGE_INTRO)
    words = " ".join(label.text() for label in intro.findChildren(type(welcome.busy_label)))
    assert "quality of its case work" in words
    assert welcome.demo_button.text() == "&Try the demo county"
    assert welcome.set_up_button.text() == "&Set up for real"


def test_try_the_demo_county(welcome, qtbot, settings, clock, demo_template) -> None:
    # The demo county already built (building 600 audits is covered in the services tests).
    demo_store_path().parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_template, demo_store_path())

    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)

    assert welcome.result() == QDialog.DialogCode.Accepted
    prepared = welcome.prepared()
    assert prepared is not None and prepared.path == demo_store_path()
    assert prepared.person_id is None  # in the demo you choose whom to be
    assert settings.get(WELCOME_DONE) is True
    assert settings.get(STORE_PATH) == str(demo_store_path())
    # Next start: no welcome, straight to the demo county.
    assert store_to_open(default_store_path(), settings, clock) == demo_store_path()


def test_a_standalone_store_without_a_central_database(
    welcome, qtbot, settings, clock, tmp_path, failures
) -> None:
    own = tmp_path / "mine" / "audits.qadb"
    qtbot.mouseClick(welcome.set_up_button, Qt.MouseButton.LeftButton)
    assert welcome.pages.currentIndex() == PAGE_JOIN  # the real path joins first
    qtbot.mouseClick(welcome.standalone_button, Qt.MouseButton.LeftButton)
    assert welcome.pages.currentIndex() == PAGE_SET_UP
    assert not welcome.start_button.isEnabled()  # no name yet

    qtbot.keyClicks(welcome.name, "  Robin   Ashworth ")
    welcome.role.setCurrentIndex(welcome.role.findData(Role.TEAM_MANAGER.value))
    qtbot.keyClick(welcome.is_auditor, Qt.Key.Key_Space)
    welcome.store_path.clear()
    qtbot.keyClicks(welcome.store_path, str(own))
    assert welcome.start_button.isEnabled()
    qtbot.mouseClick(welcome.start_button, Qt.MouseButton.LeftButton)

    assert failures == []
    assert welcome.pages.currentIndex() == PAGE_RECOVERY  # a real set-up shows the key once
    qtbot.keyClick(welcome.kept_check, Qt.Key.Key_Space)
    qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)
    assert welcome.result() == QDialog.DialogCode.Accepted
    assert settings.get(STORE_PATH) == str(own)
    assert store_to_open(default_store_path(), settings, clock) == own

    # The store holds the shipped forms and its one person, who is never asked who they are.
    store = open_store(own)
    try:
        application = Application(build_services(store, clock), settings, immediate=True)
        owned = application.services.directory.ownership()
        assert owned.kind is StoreKind.STANDALONE and not owned.may_switch_person
        actor = application.choose_person()
        assert actor is not None and actor.id == owned.person_id
        assert actor.person.name == "Robin Ashworth"
        assert actor.person.role is Role.TEAM_MANAGER and actor.person.is_auditor
        assert [p.name for p in application.services.directory.people()] == ["Robin Ashworth"]
        assert "learning-audit" in {f.key for f in store_facts(store).forms}
        # It never syncs: its people are not the central database's.
        with pytest.raises(CentralError, match="without a central database"):
            application.services.sync.save_settings(
                "postgresql+psycopg://127.0.0.1:5432/qa", "robin", None
            )
        with pytest.raises(CentralError, match="without a central database"):
            application.services.sync.sync_now("postgresql+psycopg://robin@127.0.0.1:5432/qa")
        assert application.services.sync.settings() is None
        window = application.show_window(actor)
        qtbot.addWidget(window)
        assert not window.switch_action.isVisible()
    finally:
        store.close()


def test_switch_person_is_on_the_demo_county_only(application, qtbot) -> None:
    from tests.ui.conftest import open_window_as

    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    assert application.services.directory.ownership().kind is StoreKind.DEMO
    assert window.switch_action.isVisible() and window.switch_action.isEnabled()


def test_a_store_that_cannot_be_made_is_said_plainly_and_nothing_is_remembered(
    welcome, qtbot, settings, tmp_path, failures
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    qtbot.mouseClick(welcome.set_up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(welcome.standalone_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.name, "Sam Okafor")
    welcome.store_path.setText(str(folder))
    qtbot.mouseClick(welcome.start_button, Qt.MouseButton.LeftButton)

    assert [type(e) for e in failures] == [StoreError]
    assert "is a folder" in str(failures[0])
    assert welcome.isVisible() and welcome.pages.currentIndex() == PAGE_SET_UP
    assert settings.get(WELCOME_DONE) is False
    assert welcome.name.text() == "Sam Okafor"  # nothing typed is lost


def test_a_store_named_on_the_command_line_skips_the_welcome(settings, clock, tmp_path) -> None:
    named = tmp_path / "named.qadb"
    assert store_to_open(named, settings, clock) == named
    assert settings.get(WELCOME_DONE) is False


def test_the_first_start_shows_the_welcome_once_then_opens_its_choice(
    qtbot, settings, clock, demo_template, monkeypatch
) -> None:
    """The start-up path itself: the welcome runs modally with the real background runner."""
    demo_store_path().parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_template, demo_store_path())
    seen: list[str] = []

    def choose_demo() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        assert isinstance(dialog, WelcomeDialog)
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose_demo)
    assert store_to_open(default_store_path(), settings, clock) == demo_store_path()
    assert seen == ["WelcomeDialog"]
    # The second start asks nothing.
    monkeypatch.setattr(app_module, "first_launch", lambda *_args: pytest.fail("asked twice"))
    assert store_to_open(default_store_path(), settings, clock) == demo_store_path()


def test_closing_the_welcome_starts_nothing_and_asks_again_next_time(
    qtbot, settings, clock
) -> None:
    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, WelcomeDialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, close_it)
    assert store_to_open(default_store_path(), settings, clock) is None
    assert settings.get(WELCOME_DONE) is False


def test_the_welcome_returns_when_the_chosen_store_has_gone(
    qtbot, settings, clock, tmp_path
) -> None:
    settings.set(WELCOME_DONE, True)
    settings.set(STORE_PATH, str(tmp_path / "deleted.qadb"))
    seen: list[object] = []

    def close_it() -> None:
        seen.append(QApplication.activeModalWidget())
        qtbot.keyClick(seen[0], Qt.Key.Key_Escape)

    QTimer.singleShot(0, close_it)
    assert store_to_open(default_store_path(), settings, clock) is None
    assert isinstance(seen[0], WelcomeDialog)

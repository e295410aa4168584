"""The start when the key is not at hand: the app asks for the recovery key (or passphrase),
opens the store with it, and only then keeps it in the keyring; a wrong one is asked again,
never written over the keyring's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from qa_desktop.app import Application
from qa_desktop.store import keys
from qa_desktop.store.keys import StoreKey
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.key_prompt import key_dialog
from qa_desktop.ui.widgets.fit import room_on
from tests.conftest import TEST_STORE_KEY


def test_a_lost_keyring_is_answered_with_the_recovery_key(
    tmp_path: Path, demo_template: Path, isolated_home: Path, memory_keyring, qtbot, monkeypatch
) -> None:
    monkeypatch.delenv(keys.ENV_KEY)
    memory_keyring.secrets.clear()  # the keyring was lost
    store = tmp_path / "demo.qadb"
    shutil.copy(demo_template, store)
    application = Application(None, AppSettings(isolated_home / "settings.ini"))
    recovery = StoreKey.from_text(TEST_STORE_KEY).recovery_text()
    answers = [StoreKey.generate().recovery_text(), recovery]  # a wrong one first
    asked: list[str] = []

    def prompt(message: str, new: bool) -> str | None:
        asked.append(message)
        assert not new
        return answers.pop(0)

    application.key_prompt = prompt
    # The remembered person is unknown here, so "Who are you?" would be asked: answer it, and
    # before the store opens (it opens on another thread, and a real modal dialog would wait
    # for a person who is not there).
    from qa_desktop.ui.shell.identity import IdentityDialog

    monkeypatch.setattr(IdentityDialog, "exec", lambda self: IdentityDialog.DialogCode.Accepted)
    monkeypatch.setattr(IdentityDialog, "chosen_id", lambda self: None)
    exits: list[int] = []
    application.quit = exits.append
    window = application.new_window(store)
    qtbot.addWidget(window)
    application.open_store(store, smoke_test=False)
    qtbot.waitUntil(lambda: len(asked) >= 1, timeout=30_000)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=30_000)
    assert "not on this computer" in asked[0] and "recovery key" in asked[0]
    assert "locked with a different key" in asked[1]
    qtbot.waitUntil(lambda: exits == [0] or window.is_ready, timeout=30_000)
    stored = memory_keyring.get_password(keys.KEYRING_SERVICE, keys.KEYRING_ACCOUNT)
    assert stored == TEST_STORE_KEY  # the right one, kept once it had opened the store
    application.shutdown()


def test_declining_to_give_a_key_quits_with_nothing_written(
    tmp_path: Path, demo_template: Path, isolated_home: Path, memory_keyring, qtbot, monkeypatch
) -> None:
    monkeypatch.delenv(keys.ENV_KEY)
    memory_keyring.secrets.clear()
    store = tmp_path / "demo.qadb"
    shutil.copy(demo_template, store)
    before = store.read_bytes()
    application = Application(None, AppSettings(isolated_home / "settings.ini"))
    application.key_prompt = lambda message, new: None
    exits: list[int] = []
    application.quit = exits.append
    application.errors.show_box = lambda message: None  # type: ignore[method-assign]
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical", lambda *a: None)
    window = application.new_window(store)
    qtbot.addWidget(window)
    application.open_store(store)
    qtbot.waitUntil(lambda: exits == [1], timeout=30_000)
    assert store.read_bytes() == before
    assert memory_keyring.secrets == {}


@pytest.fixture(autouse=True)
def _forget_held_key():
    yield
    keys.hold(None)


def test_the_key_box_wraps_its_message_to_the_screen_and_hides_what_is_typed(qtbot) -> None:
    """The message of a lost key is a long sentence: in one line the box was wider than a
    laptop at 200%, its OK button off the screen. The tests' screen is 800x600."""
    message = " ".join(["The key that unlocks the stores is not on this computer."] * 6)
    dialog = key_dialog(None, message, "Recovery key or passphrase:")
    qtbot.addWidget(dialog)
    dialog.show()
    room = room_on(dialog.screen())
    assert room is not None and dialog.width() <= room.width()
    assert dialog.height() <= room.height()
    assert any(label.wordWrap() for label in dialog.findChildren(QLabel))
    typed = dialog.findChild(QLineEdit)
    assert typed.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(typed, "correct horse battery")
    qtbot.keyClick(typed, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.textValue() == "correct horse battery"

"""Where no keyring keeps the stores' key (a fresh machine with no desktop keyring), the
command line asks for a passphrase at the terminal, without echo, rather than stopping: the
README's first command (`qa-desktop --demo`) builds the demo county after it. Scripts with no
terminal still get the message naming QA_DESKTOP_STORE_KEY."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from qa_desktop.cli import main
from qa_desktop.store import keys
from qa_desktop.store.engine import open_store

PASSPHRASE = "a synthetic passphrase for tests"


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    monkeypatch.delenv(keys.ENV_KEY, raising=False)
    keys.hold(None)
    yield
    keys.hold(None)
    keys.asker = None
    keyring.set_keyring(previous)


def _terminal(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)

    def typed(prompt: str = "") -> str:
        asked.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(getpass, "getpass", typed)
    return asked


def test_the_demo_is_built_under_a_passphrase_chosen_at_the_terminal(
    no_keyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked = _terminal(monkeypatch, [PASSPHRASE, PASSPHRASE])
    path = tmp_path / "demo.qadb"
    assert main(["demo", "--store", str(path), "--audits", "6"]) == 0
    assert len(asked) == 2 and "Choose a passphrase" in asked[0]
    keys.hold(None)
    monkeypatch.setenv(keys.ENV_KEY, PASSPHRASE)  # the same passphrase opens it later
    open_store(path).close()


def test_two_different_passphrases_make_nothing(
    no_keyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    _terminal(monkeypatch, [PASSPHRASE, PASSPHRASE + " but not the same"])
    path = tmp_path / "demo.qadb"
    assert main(["demo", "--store", str(path), "--audits", "6"]) == 1
    assert "not the same" in capsys.readouterr().err
    assert not path.exists()


def test_without_a_terminal_the_message_names_the_variable(
    no_keyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    path = tmp_path / "demo.qadb"
    assert main(["demo", "--store", str(path), "--audits", "6"]) == 1
    assert keys.ENV_KEY in capsys.readouterr().err

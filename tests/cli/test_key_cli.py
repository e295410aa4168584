"""``qa-desktop key recover``: the documented way back when the keyring is lost. The recovery
key is tried on the store before it goes into the keyring, so a wrong one changes nothing."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from qa_desktop.cli import main
from qa_desktop.store import keys
from qa_desktop.store.engine import open_store
from tests.conftest import TEST_STORE_KEY, MemoryKeyring

ENTRY = (keys.KEYRING_SERVICE, keys.KEYRING_ACCOUNT)


@pytest.fixture
def lost_keyring(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A store, then the keyring entry gone (a new profile) and no key in the environment."""
    path = tmp_path / "mine.qadb"
    open_store(path, create=True).close()
    memory_keyring.delete_password(*ENTRY)
    monkeypatch.delenv(keys.ENV_KEY)
    with pytest.raises(keys.KeyNeeded):
        open_store(path)
    return path


def test_the_recovery_key_puts_the_key_back(
    lost_keyring: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    recovery = keys.StoreKey.from_text(TEST_STORE_KEY).recovery_text()
    assert recovery is not None
    monkeypatch.setattr(sys, "stdin", io.StringIO(recovery.lower() + "\n"))

    assert main(["key", "recover", "--store", str(lost_keyring)]) == 0

    assert "back in this computer's keyring" in capsys.readouterr().out
    assert memory_keyring.secrets[ENTRY] == TEST_STORE_KEY
    open_store(lost_keyring).close()  # opens with nothing typed


def test_a_wrong_recovery_key_changes_nothing(
    lost_keyring: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    wrong = keys.StoreKey.generate().recovery_text()
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{wrong}\n"))

    assert main(["key", "recover", "--store", str(lost_keyring)]) == 1

    err = capsys.readouterr().err
    assert "does not open" in err and "keyring was not changed" in err
    assert wrong is not None and wrong not in err
    assert ENTRY not in memory_keyring.secrets
    with pytest.raises(keys.KeyNeeded):
        open_store(lost_keyring)  # nothing held from the failed try either

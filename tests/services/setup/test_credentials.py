"""The central password lives in the keyring; with no keyring it is held in memory only."""

from __future__ import annotations

from pathlib import Path

import keyring
from keyring.backends.fail import Keyring as NoKeyring

from qa_desktop.services.credentials import SERVICE, Credentials, Kept


def test_the_password_goes_to_the_keyring(memory_keyring) -> None:
    credentials = Credentials()
    assert credentials.save("ann@db:5432/qa", "s3cret") is Kept.KEYRING
    assert memory_keyring.secrets[(SERVICE, "ann@db:5432/qa")] == "s3cret"
    assert Credentials().get("ann@db:5432/qa") == "s3cret"  # a later session finds it
    credentials.forget("ann@db:5432/qa")
    assert Credentials().get("ann@db:5432/qa") is None


def test_without_a_keyring_it_is_held_in_memory_only(isolated_home: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        credentials = Credentials()
        assert credentials.save("ann@db:5432/qa", "s3cret") is Kept.MEMORY
        assert credentials.get("ann@db:5432/qa") == "s3cret"
        assert Credentials().get("ann@db:5432/qa") is None  # gone when the app closes
        on_disk = [p for p in isolated_home.rglob("*") if p.is_file()]
        assert not any(b"s3cret" in p.read_bytes() for p in on_disk)
    finally:
        keyring.set_keyring(previous)

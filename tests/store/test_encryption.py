"""Encryption at rest: a store, its write-ahead log and its backups are unreadable without the
key; a wrong key, a damaged file and a store in use each get their own message; a plain store
from before is encrypted once with nothing lost; no keyring means a passphrase."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import sessionmaker

from qa_desktop.demo.county import build_demo
from qa_desktop.errors import StoreError, StoreLost
from qa_desktop.services.clock import Clock
from qa_desktop.store import keys
from qa_desktop.store import models as m
from qa_desktop.store.backups import backup_folder, make_daily_backup, restore_backup
from qa_desktop.store.engine import FileKind, Store, file_kind, migrate, open_store
from qa_desktop.store.keys import KeyNeeded, StoreKey, WrongKey
from qa_desktop.store.recorder import Recorder

SECRET_NAME = "Zephyrine Quillfeather"  # synthetic, and easy to look for in raw bytes
DAY = date(2026, 11, 20)


def _add_person(store, clock: Clock) -> None:
    with store.session() as session:
        Recorder(session, None, clock()).insert(
            m.Person, name=SECRET_NAME, role="auditor", is_auditor=True, active=True
        )


def _plain_error(path: Path) -> str:
    with pytest.raises(sqlite3.DatabaseError) as caught:
        plain = sqlite3.connect(path)
        try:
            plain.execute("select count(*) from sqlite_master").fetchone()
        finally:
            plain.close()
    return str(caught.value)


def _people(path: Path) -> int:
    store = open_store(path)
    try:
        with store.reader() as session:
            return session.scalar(select(func.count()).select_from(m.Person)) or 0
    finally:
        store.close()


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    monkeypatch.delenv(keys.ENV_KEY, raising=False)
    yield
    keyring.set_keyring(previous)


def test_store_wal_and_backup_are_unreadable_without_the_key(tmp_path: Path, clock) -> None:
    path = tmp_path / "secret.qadb"
    store = open_store(path, create=True)
    _add_person(store, clock)
    with store.engine.connect():  # a connection open: the answer is still in the WAL
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        for file in (path, wal):
            assert SECRET_NAME.encode() not in file.read_bytes()
        backup = make_daily_backup(store, DAY)
    store.close()
    assert backup is not None
    for file in (path, backup.path):
        assert not file.read_bytes().startswith(b"SQLite format 3")
        assert SECRET_NAME.encode() not in file.read_bytes()
        assert _plain_error(file) == "file is not a database"
    assert _people(path) == 1
    assert _people(backup.path) == 1  # the backup opens with the same key


def test_files_are_private_to_their_owner(tmp_path: Path, clock) -> None:
    path = tmp_path / "new-folder" / "store.qadb"
    store = open_store(path, create=True)
    _add_person(store, clock)
    backup = make_daily_backup(store, DAY)
    assert backup is not None
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    for file in [*files, backup.path]:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    for folder in (path.parent, backup_folder(path)):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder.name
    store.close()


def test_a_wrong_key_says_so_and_points_to_the_recovery_key(tmp_path: Path, memory_keyring) -> None:
    path = tmp_path / "store.qadb"
    open_store(path, create=True).close()
    before = path.read_bytes()
    other = StoreKey.generate()
    memory_keyring.set_password(keys.KEYRING_SERVICE, keys.KEYRING_ACCOUNT, other.keyring_text())
    with pytest.raises(WrongKey) as caught:
        open_store(path)
    assert "locked with a different key" in str(caught.value)
    assert "recovery key" in str(caught.value)
    assert not isinstance(caught.value, StoreLost)  # a backup would not help
    assert path.read_bytes() == before


def test_the_recovery_key_brings_a_lost_keyring_back(
    tmp_path: Path, memory_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(keys.ENV_KEY)
    path = tmp_path / "store.qadb"
    open_store(path, create=True).close()
    shown = keys.store_key(create=False).recovery_text()
    assert shown is not None and len(shown) == 79  # 16 groups of four, dashed
    memory_keyring.secrets.clear()  # the keyring is lost (a new laptop profile)
    with pytest.raises(KeyNeeded, match="recovery key"):
        open_store(path)
    keys.recover(shown.lower().replace("-", " "))  # typed back, however spaced
    keys.hold(None)
    open_store(path).close()  # from the keyring again


def test_a_damaged_encrypted_store_is_told_from_a_wrong_key(demo_store) -> None:
    path = demo_store.path
    assert path is not None
    assert make_daily_backup(demo_store, DAY) is not None
    demo_store.close()
    data = bytearray(path.read_bytes())
    data[2000:2100] = bytes(reversed(data[2000:2100]))  # page 1 damaged, still random-looking
    path.write_bytes(bytes(data))
    assert file_kind(path) is FileKind.SEALED
    with pytest.raises(StoreLost, match="is damaged"):
        open_store(path)
    path.write_bytes(bytes(data[:5000]))  # cut short: not whole pages
    with pytest.raises(StoreLost, match="not a QA Desktop store, or it is damaged"):
        open_store(path)


def test_restore_from_an_encrypted_backup(demo_store) -> None:
    from datetime import datetime

    path = demo_store.path
    assert path is not None
    backup = make_daily_backup(demo_store, DAY)
    assert backup is not None
    demo_store.close()
    path.write_bytes(b"\0" * 8192)
    with pytest.raises(StoreLost):
        open_store(path)
    restore_backup(path, backup.path, datetime(2026, 11, 20, 9, 30))
    assert file_kind(path) is FileKind.SEALED
    assert _plain_error(path) == "file is not a database"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _people(path) > 0


def test_a_backup_locked_with_another_key_is_not_restored(demo_store, memory_keyring) -> None:
    from datetime import datetime

    path = demo_store.path
    assert path is not None
    backup = make_daily_backup(demo_store, DAY)
    assert backup is not None
    demo_store.close()
    before = path.read_bytes()
    other = StoreKey.generate()
    memory_keyring.set_password(keys.KEYRING_SERVICE, keys.KEYRING_ACCOUNT, other.keyring_text())
    with pytest.raises(WrongKey):
        restore_backup(path, backup.path, datetime(2026, 11, 20, 9, 30))
    assert path.read_bytes() == before


def test_a_plain_store_from_before_is_encrypted_once_with_nothing_lost(
    tmp_path: Path, clock
) -> None:
    path = tmp_path / "old.qadb"
    engine = create_engine(f"sqlite:///{path}")  # as stores were made before: plain SQLite
    migrate(engine)
    plain = Store(path, engine, sessionmaker(engine, expire_on_commit=False))
    build_demo(plain, audits=30, seed=3, clock=clock)
    with plain.reader() as session:
        counts = {
            table: session.scalar(select(func.count()).select_from(table))
            for table in (m.Person, m.Audit, m.Answer, m.History)
        }
    plain.close()
    folder = backup_folder(path)
    folder.mkdir()
    old_backup = folder / "old-2026-11-19.qadb"
    shutil.copyfile(path, old_backup)
    assert file_kind(path) is FileKind.PLAIN

    store = open_store(path)
    with store.reader() as session:
        assert {
            table: session.scalar(select(func.count()).select_from(table)) for table in counts
        } == counts
    store.close()
    for file in (path, old_backup):
        assert file_kind(file) is FileKind.SEALED, file.name
        assert _plain_error(file) == "file is not a database"
    assert not list(tmp_path.glob("*.encrypting"))
    assert _people(old_backup) == counts[m.Person]
    open_store(path).close()  # the second open does nothing more


def test_with_no_keyring_a_passphrase_is_asked_and_held_in_memory(
    tmp_path: Path, no_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.qadb"
    with pytest.raises(KeyNeeded) as caught:
        open_store(path, create=True)
    assert caught.value.new
    assert keys.ENV_KEY in str(caught.value)
    assert not path.exists()

    asked: list[bool] = []

    def ask(new: bool) -> str:
        asked.append(new)
        return "correct horse battery staple"

    monkeypatch.setattr(keys, "asker", ask)
    open_store(path, create=True).close()
    assert asked == [True]
    open_store(path).close()  # held until QA Desktop closes: not asked again
    assert asked == [True]

    keys.hold(None)  # the next start: asked again
    monkeypatch.setattr(keys, "asker", lambda new: "not the passphrase")
    with pytest.raises(WrongKey):
        open_store(path)
    keys.hold(None)
    monkeypatch.setattr(keys, "asker", None)
    monkeypatch.setenv(keys.ENV_KEY, "correct horse battery staple")  # scripts and CI
    open_store(path).close()


def test_a_short_passphrase_is_refused_for_a_new_store(
    tmp_path: Path, no_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keys, "asker", lambda new: "short")
    with pytest.raises(StoreError, match="at least 10 characters"):
        open_store(tmp_path / "store.qadb", create=True)


def test_errors_never_carry_the_key(tmp_path: Path, memory_keyring) -> None:
    path = tmp_path / "store.qadb"
    open_store(path, create=True).close()
    key = keys.store_key(create=False)
    assert key.raw is not None
    memory_keyring.secrets.clear()
    memory_keyring.set_password(
        keys.KEYRING_SERVICE, keys.KEYRING_ACCOUNT, StoreKey.generate().keyring_text()
    )
    with pytest.raises(WrongKey) as caught:
        open_store(path)
    assert key.raw.hex() not in str(caught.value)
    assert key.raw.hex() not in repr(key)

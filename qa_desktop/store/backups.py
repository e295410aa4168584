"""Automatic local backups of a store: one a day, in a ``backups`` folder beside it, the
newest seven kept.

A backup is made with SQLite's online backup, so it is a consistent copy even while the
store is in use, into a target locked with the store's own key: a backup is as encrypted as
the store (files 0600, the folder 0700). It is written under a temporary name and renamed, so a
half-made backup never looks like one. Restoring never deletes anything: the store it replaces (with its
write-ahead log) is kept beside it as ``<name>.replaced-<date>-<time>``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from datetime import date, datetime
from pathlib import Path

from qa_desktop.errors import StoreError
from qa_desktop.store.backup_files import Backup, backup_folder, backups_of, latest_backup
from qa_desktop.store.engine import (
    FileKind,
    Store,
    _unreadable,
    check_sqlite_file,
    file_kind,
    opens_with,
    private_file,
    private_folder,
)
from qa_desktop.store.instance_lock import lock_store
from qa_desktop.store.keys import store_key

__all__ = [
    "Backup",
    "backup_folder",
    "backups_of",
    "latest_backup",
    "make_daily_backup",
    "restore_backup",
]

log = logging.getLogger(__name__)
KEPT = 7
# The files SQLite keeps beside a store in WAL mode: they belong with it when it moves.
SIDE_FILES = ("-wal", "-shm")


def make_daily_backup(store: Store, day: date, keep: int = KEPT) -> Backup | None:
    """Back the open store up once on ``day``; None when today's backup is already there
    (or the store is not a file). Older backups beyond the newest ``keep`` are removed."""
    if store.path is None:
        return None
    target = backup_folder(store.path) / f"{store.path.stem}-{day.isoformat()}{store.path.suffix}"
    if target.exists():
        return None
    import sqlcipher3

    private_folder(target.parent)
    partial = target.with_name(target.name + ".partial")
    key = store.key or store_key(create=False)
    try:
        with store.engine.connect() as connection:
            source = connection.connection.driver_connection  # the driver's own: has backup()
            assert source is not None, "an open connection has its driver connection"
            private_file(partial)
            copy = sqlcipher3.dbapi2.connect(str(partial))
            try:
                copy.execute(f"PRAGMA key = {key.sql()}")  # before the first page is written
                source.backup(copy)
            finally:
                copy.close()
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    for old in backups_of(store.path)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    log.info("store backed up (%s)", target.name)
    return Backup(target, day)


def restore_backup(store_path: Path, backup: Path, now: datetime) -> Path | None:
    """Put ``backup`` in the store's place. The store it replaces, if any, is moved aside (not
    deleted); returns where it went. The store must not be open."""
    if not backup.is_file():
        raise StoreError("There is no backup at {path}.", path=str(backup))
    # A backup that is not a store, or that the key here does not open, is refused before
    # anything moves.
    check_sqlite_file(backup)
    if file_kind(backup) is FileKind.SEALED and not opens_with(backup, store_key(create=False)):
        raise _unreadable(backup, store_key(create=False))
    instance = lock_store(store_path)  # never under a QA Desktop that has it open
    try:
        return _put_in_place(store_path, backup, now)
    finally:
        instance.release()


def _put_in_place(store_path: Path, backup: Path, now: datetime) -> Path | None:
    aside = store_path.with_name(f"{store_path.name}.replaced-{now:%Y%m%d-%H%M%S}")
    moved = store_path.exists()
    if moved:
        os.replace(store_path, aside)
    for suffix in SIDE_FILES:  # a log left by the replaced store must not be applied to this one
        side = store_path.with_name(store_path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    partial = store_path.with_name(store_path.name + ".partial")
    private_file(partial)
    shutil.copyfile(backup, partial)
    os.replace(partial, store_path)
    private_file(store_path)
    log.info("store restored from backup %s", backup.name)
    return aside if moved else None

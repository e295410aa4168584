"""Daily backups beside the store, and putting one back in its place."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qa_desktop.errors import StoreError, StoreLost
from qa_desktop.store import models as m
from qa_desktop.store.backups import (
    KEPT,
    backup_folder,
    backups_of,
    latest_backup,
    make_daily_backup,
    restore_backup,
)
from qa_desktop.store.engine import open_store, sqlite_engine

DAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 9, 30)


def _audits(path: Path) -> int:
    store = open_store(path)
    try:
        with store.reader() as session:
            return session.scalar(select(func.count()).select_from(m.Audit)) or 0
    finally:
        store.close()


def test_one_backup_a_day_is_a_store_with_everything_in_it(demo_store) -> None:
    assert demo_store.path is not None
    made = make_daily_backup(demo_store, DAY)
    assert made is not None and made.day == DAY
    assert made.path.parent == backup_folder(demo_store.path)
    assert made.path.name == f"demo-{DAY.isoformat()}.qadb"
    assert make_daily_backup(demo_store, DAY) is None  # once a day
    assert _audits(made.path) == _audits(demo_store.path) == 120
    assert not list(made.path.parent.glob("*.partial"))


def test_the_newest_seven_are_kept(demo_store) -> None:
    assert demo_store.path is not None
    for offset in range(10):
        make_daily_backup(demo_store, DAY + timedelta(days=offset))
    kept = backups_of(demo_store.path)
    assert [b.day for b in kept] == [DAY + timedelta(days=9 - i) for i in range(KEPT)]
    assert latest_backup(demo_store.path) == kept[0]
    assert len(list(backup_folder(demo_store.path).iterdir())) == KEPT


def test_a_damaged_store_is_replaced_by_its_backup_and_kept_aside(demo_store) -> None:
    path = demo_store.path
    assert path is not None
    backup = make_daily_backup(demo_store, DAY)
    assert backup is not None
    demo_store.close()
    damaged = b"this file was overwritten " * 200
    path.write_bytes(damaged)
    with pytest.raises(StoreLost):
        open_store(path)
    aside = restore_backup(path, backup.path, NOW)
    assert aside == path.with_name("demo.qadb.replaced-20261120-093000")
    assert aside.read_bytes() == damaged  # never deleted
    assert _audits(path) == 120
    assert backup.path.exists()  # the backup stays a backup


def test_a_missing_store_comes_back_from_its_backup(demo_store) -> None:
    path = demo_store.path
    assert path is not None
    backup = make_daily_backup(demo_store, DAY)
    assert backup is not None
    demo_store.close()
    path.unlink()
    with pytest.raises(StoreLost):
        open_store(path)
    assert restore_backup(path, backup.path, NOW) is None
    assert _audits(path) == 120


def test_a_backup_that_is_not_a_store_is_refused_and_nothing_moves(demo_store, tmp_path) -> None:
    path = demo_store.path
    assert path is not None
    demo_store.close()
    before = path.read_bytes()
    fake = tmp_path / "not-a-backup.qadb"
    fake.write_bytes(b"hello " * 100)
    with pytest.raises(StoreError, match="not a QA Desktop store"):
        restore_backup(path, fake, NOW)
    with pytest.raises(StoreError, match="There is no backup"):
        restore_backup(path, tmp_path / "nowhere.qadb", NOW)
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.replaced-*"))


def test_a_store_made_by_a_newer_version_is_not_offered_a_backup(tmp_path) -> None:
    """Restoring an older copy over a newer store would lose work: that error is no StoreLost."""
    from sqlalchemy import text

    path = tmp_path / "newer.qadb"
    open_store(path, create=True).close()
    engine = sqlite_engine(path)  # the store is encrypted: its own engine
    with engine.begin() as connection:
        connection.execute(text("update alembic_version set version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert not isinstance(caught.value, StoreLost)

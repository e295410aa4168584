"""Opening stores: migration from empty, pragmas, and clear refusals for bad files."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text

from qa_desktop.errors import StoreError
from qa_desktop.store import models as m
from qa_desktop.store.engine import head_revision, migrate, open_store, sqlite_engine

TABLES = {
    "areas",
    "services",
    "teams",
    "people",
    "cases",
    "forms",
    "form_versions",
    "audits",
    "answers",
    "section_reviews",
    "participants",
    "actions",
    "moderations",
    "meetings",
    "audit_events",
    "settings",
    "history",
    "outbox",
}


def test_new_store_is_migrated_from_empty_to_head(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.qadb", create=True)
    with store.engine.connect() as connection:
        assert (
            connection.execute(text("select version_num from alembic_version")).scalar()
            == head_revision()
        )
        assert set(inspect(connection).get_table_names()) >= TABLES
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    store.close()


def test_an_empty_file_is_migrated_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.qadb"
    path.write_bytes(b"")
    store = open_store(path)
    with store.reader() as session:
        assert session.scalar(select(m.Area.id)) is None
    store.close()


def test_reopening_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "keep.qadb"
    store = open_store(path, create=True)
    with store.session() as session:
        session.add(m.Area(name="North"))
    store.close()
    again = open_store(path)
    with again.reader() as session:
        assert session.scalars(select(m.Area.name)).all() == ["North"]
    again.close()


def test_foreign_keys_are_enforced(store) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.session() as session:
        session.add(m.Team(name="Orphans", area_id=str(uuid.uuid4()), service_id=str(uuid.uuid4())))


def test_missing_store_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.qadb"
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert str(path) in str(caught.value)
    assert "qa-desktop demo" in str(caught.value)
    assert not path.exists()


def test_a_file_that_is_not_a_store_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.qadb"
    content = b"these are my meeting notes, not a database\n" * 20
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "not a QA Desktop store, or it is damaged" in str(caught.value)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content


def test_a_damaged_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.qadb"
    store = open_store(path, create=True)
    store.close()
    data = bytearray(path.read_bytes())
    data[16:100] = b"\xff" * 84  # header fields (page size...) destroyed, magic kept
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "damaged" in str(caught.value)


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.qadb"
    open_store(path, create=True).close()
    engine = sqlite_engine(path)  # the store is encrypted: its own engine
    with engine.begin() as connection:
        connection.execute(text("update alembic_version set version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "newer version of QA Desktop" in str(caught.value)
    engine = sqlite_engine(path)  # the store is encrypted: its own engine
    with engine.connect() as connection:
        assert (
            connection.execute(text("select version_num from alembic_version")).scalar()
            == "9999_future"
        )
    engine.dispose()


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_migrations_also_run_on_postgresql(postgres_url: str) -> None:
    """The central database (sync) uses the same migrations; they must work there too."""
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'create schema "{schema}"'))
    engine = create_engine(postgres_url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        migrate(engine)
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names(schema=schema)) >= TABLES
            version = connection.execute(text("select version_num from alembic_version")).scalar()
        assert version == head_revision()
        migrate(engine)  # a second run changes nothing and does not fail
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()


def test_a_store_locked_by_another_program_is_not_called_damaged(tmp_path: Path) -> None:
    """Locked is not lost: the message says to close the other program, and offers no backup
    (restoring over a store in use would lose what that program writes)."""
    from qa_desktop.errors import StoreLost

    path = tmp_path / "busy.qadb"
    open_store(path, create=True).close()
    other = sqlite_engine(path).raw_connection()  # another program holding the key
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as caught:
            open_store(path)  # waits the busy timeout (5 s) first
    finally:
        other.close()
    assert "in use by another program" in str(caught.value)
    assert not isinstance(caught.value, StoreLost)

"""Opening a store: the engine, its pragmas, checks for damage, and migration to the latest
schema (a store is migrated at start, never rebuilt).

Every store is encrypted at rest with SQLCipher (``store/keys.py`` says where the key comes
from); a plain store from before is encrypted once as it is opened. Files are made 0600 and
the folders made for them 0700."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from qa_desktop.errors import StoreError, StoreLost
from qa_desktop.store.backup_files import backups_of, latest_backup
from qa_desktop.store.instance_lock import InstanceLock, lock_store
from qa_desktop.store.keys import ENV_KEY, StoreKey, WrongKey, store_key
from qa_desktop.store.page_cache import steady_cache_kib
from qa_desktop.store.revision import MIGRATIONS, head_from_files

if TYPE_CHECKING:  # alembic is imported only when a store needs migrating (it is slow)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Store:
    """An open store. Sessions are short-lived; live ORM objects never leave the thread that
    made them (services hand out frozen data instead)."""

    path: Path | None
    engine: Engine
    sessions: sessionmaker[Session]
    key: StoreKey | None = None  # the key it is encrypted with (None: not an SQLite file)
    instance: InstanceLock | None = None  # held by the app: one QA Desktop per store

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self.instance is not None:
            self.instance.release()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _head_from_files() -> str | None:
    return head_from_files(MIGRATIONS)


def _stored_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("select version_num from alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema up to date. Refuses a store made by a newer QA Desktop."""
    head = _head_from_files()
    if head is not None and _stored_revision(engine) == head:
        return  # up to date, the usual case: no need to load alembic (a sixth of the start)
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current is not None and not _known(script, current):
            raise StoreError(
                "This store was made by a newer version of QA Desktop (schema {revision}). "
                "Update QA Desktop to open it; nothing in it has been changed.",
                revision=current,
            )
        if current != script.get_current_head():
            log.info("migrating store from %s to %s", current, script.get_current_head())
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


def _known(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util.exc import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _sqlite_pragmas(key: StoreKey, cache_kib: int) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA cipher_log_level = NONE")  # wrong keys go to our log, not stderr
        cursor.execute(f"PRAGMA key = {key.sql()}")  # first, before anything reads the file
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed answer survives a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute(f"PRAGMA cache_size = -{int(cache_kib)}")  # see page_cache.py
        cursor.close()

    return on_connect


def sqlite_engine(path: Path, key: StoreKey | None = None) -> Engine:
    """An engine on the encrypted store at ``path`` (the key: :func:`keys.store_key`).

    ``module=sqlcipher3`` on a ``sqlite:///`` URL keeps SQLAlchemy's pool and its wrapping of
    driver errors (a bare ``creator=`` would let ``sqlcipher3.dbapi2.IntegrityError`` through)."""
    import sqlcipher3

    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher3.dbapi2,
        connect_args={"check_same_thread": False},
    )
    size = path.stat().st_size if path.exists() else 0
    pragmas = _sqlite_pragmas(key or store_key(create=False), steady_cache_kib(size))
    event.listen(engine, "connect", pragmas)
    return engine


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and missing parents) readable by its owner only: 0700."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    for made in missing:
        with contextlib.suppress(OSError):
            made.chmod(0o700)


def private_file(path: Path) -> None:
    """Make ``path`` exist with mode 0600 before SQLite opens it: SQLite gives the WAL and
    shared-memory files the store's own mode, so they are private too."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for file in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        with contextlib.suppress(OSError):
            file.chmod(0o600)


class FileKind(StrEnum):
    EMPTY = "empty"  # SQLite makes a new database in an empty file
    PLAIN = "plain"  # a plain SQLite file: a store from before encryption
    SEALED = "sealed"  # looks encrypted: every byte random from the first on
    OTHER = "other"  # not a store, or damaged beyond telling


def file_kind(path: Path) -> FileKind:
    """What the file's first page says. An SQLCipher file starts with a random 16-byte salt
    and is all ciphertext after it, in whole pages; a plain store starts with SQLite's magic.
    Anything else (text, a run of zeros, a size that is not whole pages) is no store."""
    try:
        with path.open("rb") as handle:
            first = handle.read(4096)
        size = path.stat().st_size
    except OSError as exc:
        raise StoreError(
            "The store {path} cannot be read ({reason}).", path=str(path), reason=exc.strerror
        ) from exc
    if not first:
        return FileKind.EMPTY
    if first.startswith(SQLITE_HEADER):
        return FileKind.PLAIN
    if size % 1024 or len(first) < 1024 or len(set(first)) < 200:
        return FileKind.OTHER  # ciphertext uses nearly all 256 byte values in a page
    return FileKind.SEALED


def check_sqlite_file(path: Path) -> None:
    """Raise a clear StoreLost if ``path`` is neither a store nor an encrypted store."""
    if file_kind(path) is FileKind.OTHER:
        raise _not_a_store(path)


def _not_a_store(path: Path) -> StoreLost:
    return StoreLost(
        "{path} is not a QA Desktop store, or it is damaged. Nothing has been changed. "
        "Restore the newest backup ('qa-desktop restore --store {path}'), or choose "
        "another store with --store.",
        path=str(path),
    )


def _table_counts(connection: Any, schema: str = "main") -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            f"select name from {schema}.sqlite_master where type = 'table' "
            "and name not like 'sqlite_%'"
        )
    ]
    return {
        name: connection.execute(f'select count(*) from {schema}."{name}"').fetchone()[0]
        for name in names
    }


def encrypt_plain_file(path: Path, key: StoreKey) -> None:
    """Encrypt a plain SQLite store in place, once (the upgrade to encryption at rest).

    The encrypted copy is made beside it with ``sqlcipher_export``, then checked: every table
    has the same number of rows and SQLCipher's own page check passes. Only then does it take
    the plain file's name (one atomic rename), and the plain file's bytes are overwritten with
    zeros through a handle opened before the rename, so no readable copy is left under any
    name. If anything fails the plain store is left exactly as it was."""
    import sqlcipher3

    sealed = path.with_name(path.name + ".encrypting")
    sealed.unlink(missing_ok=True)
    private_file(sealed)
    plain = sqlcipher3.dbapi2.connect(str(path), isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = _table_counts(plain)
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS sealed KEY {key.sql()}", (str(sealed),))
        plain.execute("SELECT sqlcipher_export('sealed')")
        plain.execute(f"PRAGMA sealed.user_version = {int(version)}")
        plain.execute("DETACH DATABASE sealed")
    finally:
        plain.close()
    check = sqlcipher3.dbapi2.connect(str(sealed))
    try:
        check.execute("PRAGMA cipher_log_level = NONE")
        check.execute(f"PRAGMA key = {key.sql()}")
        after = _table_counts(check)
        problems = check.execute("PRAGMA cipher_integrity_check").fetchall()
        whole = check.execute("PRAGMA integrity_check").fetchone()[0]
        check.execute("PRAGMA journal_mode = WAL")
    finally:
        check.close()
    if after != before or problems or whole != "ok":
        sealed.unlink(missing_ok=True)
        raise StoreError(
            "The store {path} could not be encrypted (the encrypted copy did not match). "
            "Nothing has been changed.",
            path=str(path),
        )
    with path.open("r+b") as old:
        size = path.stat().st_size
        os.replace(sealed, path)
        _wipe(old, size)
    for suffix in ("-wal", "-shm"):  # the plain store's: they must never meet the new one
        side = path.with_name(path.name + suffix)
        if side.exists():
            with side.open("r+b") as handle:
                _wipe(handle, side.stat().st_size)
            side.unlink()
    log.info("store encrypted at rest (%s tables checked)", len(after))


def _wipe(handle: BinaryIO, size: int) -> None:
    handle.seek(0)
    block = b"\0" * 65536
    for _ in range(0, size, len(block)):
        handle.write(block)
    handle.flush()
    os.fsync(handle.fileno())


def opens_with(path: Path, key: StoreKey) -> bool:
    """Whether ``key`` opens the encrypted file at ``path`` (read-only look, nothing written)."""
    import sqlcipher3

    try:
        probe = sqlcipher3.dbapi2.connect(f"file:{path}?mode=ro", uri=True)
    except sqlcipher3.dbapi2.Error:
        return False
    try:
        probe.execute("PRAGMA cipher_log_level = NONE")
        probe.execute(f"PRAGMA key = {key.sql()}")
        probe.execute("select count(*) from sqlite_master").fetchone()
        return True
    except sqlcipher3.dbapi2.Error:
        return False
    finally:
        probe.close()


def _unreadable(path: Path, key: StoreKey) -> StoreError:
    """A sealed store the key does not open: a wrong key, or a damaged first page? Both read as
    "file is not a database". A backup of the same store settles it: if the key opens the
    newest backup, the key is right and the store is damaged (a backup can take its place);
    otherwise the key is wrong, and the way back is the recovery key, not a backup (which
    the same wrong key would not open either)."""
    backup = latest_backup(path)
    if backup is not None and opens_with(backup.path, key):
        return StoreLost(
            "The store {path} is damaged and cannot be opened. Nothing has been changed. "
            "Restore the newest backup ('qa-desktop restore --store {path}'), or choose "
            "another store with --store.",
            path=str(path),
        )
    return WrongKey(
        "The store {path} is locked with a different key from the one on this computer, so "
        "it cannot be opened. Nothing has been changed. Give the recovery key shown when it "
        "was set up (QA Desktop asks for it at start), or set {variable} for this run.",
        path=str(path),
        variable=ENV_KEY,
    )


def open_store(
    path: Path,
    *,
    create: bool = False,
    exclusive: bool = False,
    instance: InstanceLock | None = None,
) -> Store:
    """Open (and migrate) the encrypted store at ``path``; ``create`` makes a new one if
    absent. A plain store (from before encryption) is encrypted first, once. ``exclusive``
    (the app): take the store's instance lock first, held until the store is closed; or
    ``instance``, the lock the quick start took already."""
    path = path.expanduser()
    if not exclusive and instance is None:
        return _open_store(path, create)
    if not path.parent.is_dir() and create:
        private_folder(path.parent)
    if instance is None and path.parent.is_dir():
        instance = lock_store(path)
    try:
        store = _open_store(path, create)
    except BaseException:
        if instance is not None:
            instance.release()
        raise
    store.instance = instance
    return store


def _open_store(path: Path, create: bool) -> Store:
    if path.is_dir():
        raise StoreError("{path} is a folder, not a store file.", path=str(path))
    if not path.exists():
        if not create:
            raise StoreLost(
                "There is no store at {path}. Check the path, or build a demo store with "
                "'qa-desktop demo --store {path}'.",
                path=str(path),
            )
        key = store_key(create=True)
        private_folder(path.parent)
    else:
        kind = file_kind(path)
        if kind is FileKind.OTHER:
            raise _not_a_store(path)
        key = store_key(create=kind is not FileKind.SEALED)
        if kind is FileKind.PLAIN:
            _encrypt_or_explain(path, key)
            _encrypt_plain_backups(path, key)
    private_file(path)
    engine = sqlite_engine(path, key)
    try:
        with engine.connect() as connection:
            connection.execute(text("PRAGMA schema_version")).scalar()
        migrate(engine)
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        log.warning("store %s failed to open: %s", path, exc.orig)
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise StoreError(
                "The store {path} is in use by another program (another QA Desktop?) and "
                "cannot be opened. Nothing has been changed. Close that program and try again.",
                path=str(path),
            ) from exc
        if "file is not a database" in str(exc.orig) and file_kind(path) is FileKind.SEALED:
            raise _unreadable(path, key) from exc
        raise StoreLost(
            "The store {path} is damaged and cannot be opened. Nothing has been changed. "
            "Restore the newest backup ('qa-desktop restore --store {path}'), or choose "
            "another store with --store.",
            path=str(path),
        ) from exc
    except StoreError:
        engine.dispose()
        raise
    private_file(path)  # the WAL and shared-memory files now exist
    return Store(path, engine, sessionmaker(engine, expire_on_commit=False), key)


def _encrypt_or_explain(path: Path, key: StoreKey) -> None:
    import sqlcipher3

    try:
        encrypt_plain_file(path, key)
    except sqlcipher3.dbapi2.OperationalError as exc:
        path.with_name(path.name + ".encrypting").unlink(missing_ok=True)
        log.warning("store %s could not be encrypted: %s", path, exc)
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(
                "The store {path} is in use by another program (another QA Desktop?) and "
                "cannot be opened. Nothing has been changed. Close that program and try again.",
                path=str(path),
            ) from None
        raise _not_a_store(path) from None
    except sqlcipher3.dbapi2.DatabaseError:
        path.with_name(path.name + ".encrypting").unlink(missing_ok=True)
        log.warning("store %s is damaged: not encrypted", path)
        raise StoreLost(
            "The store {path} is damaged and cannot be opened. Nothing has been changed. "
            "Restore the newest backup ('qa-desktop restore --store {path}'), or choose "
            "another store with --store.",
            path=str(path),
        ) from None


def _encrypt_plain_backups(path: Path, key: StoreKey) -> None:
    """The store's plain backups are encrypted in the same upgrade (a damaged one is left)."""
    for backup in backups_of(path):
        if file_kind(backup.path) is FileKind.PLAIN:
            try:
                _encrypt_or_explain(backup.path, key)
            except StoreError:
                log.warning("a plain backup could not be encrypted: %s", backup.path.name)

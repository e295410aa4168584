"""Opening a store: the engine, its pragmas, checks for damage, and migration to the latest
schema (a store is migrated at start, never rebuilt)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from qa_desktop.errors import StoreError, StoreLost

if TYPE_CHECKING:  # alembic is imported only when a store needs migrating (it is slow)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Store:
    """An open store. Sessions are short-lived; live ORM objects never leave the thread that
    made them (services hand out frozen data instead)."""

    path: Path | None
    engine: Engine
    sessions: sessionmaker[Session]

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


_REVISION_LINE = re.compile(
    r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:['\"]([\w.-]+)['\"]|(None))\s*$", re.M
)


def _head_from_files() -> str | None:
    """The newest migration, read from the files without alembic; None if unsure (a merge,
    several heads, a form this reader does not know): then alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(
            (m.group(1), m.group(2))
            for m in _REVISION_LINE.finditer(path.read_text(encoding="utf-8"))
        )
        if "revision" not in found or "down_revision" not in found or not found["revision"]:
            if path.name != "__init__.py":
                return None
            continue
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


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


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed answer survives a power cut, not only a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def check_sqlite_file(path: Path) -> None:
    """Raise a clear StoreError if ``path`` is not a readable SQLite file."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(
            "The store {path} cannot be read ({reason}).", path=str(path), reason=exc.strerror
        ) from exc
    if header and header != SQLITE_HEADER:
        raise StoreLost(
            "{path} is not a QA Desktop store, or it is damaged. Nothing has been changed. "
            "Restore the newest backup ('qa-desktop restore --store {path}'), or choose "
            "another store with --store.",
            path=str(path),
        )


def open_store(path: Path, *, create: bool = False) -> Store:
    """Open (and migrate) the SQLite store at ``path``; ``create`` makes a new one if absent."""
    path = path.expanduser()
    if path.is_dir():
        raise StoreError("{path} is a folder, not a store file.", path=str(path))
    if not path.exists():
        if not create:
            raise StoreLost(
                "There is no store at {path}. Check the path, or build a demo store with "
                "'qa-desktop demo --store {path}'.",
                path=str(path),
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        check_sqlite_file(path)
    engine = sqlite_engine(path)
    try:
        with engine.connect() as connection:
            connection.execute(text("PRAGMA schema_version")).scalar()
        migrate(engine)
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        log.warning("store %s failed to open: %s", path, exc)
        if "locked" in str(exc.orig):
            raise StoreError(
                "The store {path} is in use by another program (another QA Desktop?) and "
                "cannot be opened. Nothing has been changed. Close that program and try again.",
                path=str(path),
            ) from exc
        raise StoreLost(
            "The store {path} is damaged and cannot be opened. Nothing has been changed. "
            "Restore the newest backup ('qa-desktop restore --store {path}'), or choose "
            "another store with --store.",
            path=str(path),
        ) from exc
    except StoreError:
        engine.dispose()
        raise
    return Store(path, engine, sessionmaker(engine, expire_on_commit=False))

"""The one way rows change: every insert, update and delete is written together with its
history row(s) and its captured change for sync, in the caller's transaction.

Services use a :class:`Recorder`; nothing else writes to the store's tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import Connection, Update, bindparam, insert, inspect, update
from sqlalchemy.orm import Session

from qa_desktop.store.models import Base, History, OutboxChange, new_id

M = TypeVar("M", bound=Base)


class _Tombstoned(Protocol):
    deleted_at: datetime | None


# History and outbox rows are inserted on the connection (Core, with no ORM bulk-insert
# machinery): they are never read back as ORM objects in the same transaction, and the ORM
# path cost more than the rest of a one-field save.
_HISTORY = insert(History.__table__)
_OUTBOX = insert(OutboxChange.__table__)
_UPDATES: dict[tuple[str, tuple[str, ...]], Update] = {}
# Bulk history and outbox rows go straight through the driver: for a historic import or a
# first sync they are hundreds of thousands, and SQLAlchemy's per-row parameter handling cost
# more than SQLite's own work. Moments are stored in the text form SQLAlchemy keeps them in.
_HISTORY_SQL = (
    "INSERT INTO history (at, actor_id, table_name, row_id, field, old_value, new_value) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_OUTBOX_SQL = (
    "INSERT INTO outbox (change_id, at, actor_id, table_name, row_id, op, field, value, "
    "base_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def encode(value: Any) -> str | None:
    """A value as the JSON kept in history and the outbox."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False)


class Recorder:
    """Writes rows for one actor at one moment, with history and change capture.

    ``capture`` False leaves the outbox alone: only for rows that came from the central
    database (a pull) or the demo builder, which are not changes to send anywhere.
    """

    def __init__(
        self,
        session: Session,
        actor_id: str | None,
        now: datetime,
        *,
        capture: bool = True,
        connection: Connection | None = None,
    ) -> None:
        """``connection``: the transaction's connection, when the caller holds it (then the
        Core writes go straight to it; ``session`` must be bound to it)."""
        self.session = session
        self.actor_id = actor_id
        self.now = now
        self.capture = capture
        self._connection = connection

    def connection(self) -> Connection:
        """The connection of the transaction the writes belong to."""
        if self._connection is not None:
            return self._connection
        return self.session.connection()

    def insert(self, model: type[M], **values: Any) -> M:
        key = inspect(model).primary_key[0].name
        if key == "id":
            values.setdefault("id", new_id())
        row = model(**values)
        self.session.add(row)
        snapshot = {k: _plain(v) for k, v in values.items()}
        self._history(model.__tablename__, str(values[key]), "*", None, snapshot)
        self._outbox(model.__tablename__, str(values[key]), "insert", None, snapshot, None)
        return row

    def insert_many(
        self, model: type[Base], rows: Iterable[Mapping[str, Any]], *, history: bool = True
    ) -> int:
        """Bulk insert (one statement), with the same history and capture as ``insert``.

        ``history`` False: the caller records the rows' history itself, compactly (a
        historic import writes one history row per audit carrying its answers and grades)."""
        table = model.__tablename__
        prepared = [dict(r, id=r.get("id") or new_id()) for r in rows]
        if not prepared:
            return 0
        # Core, not the ORM's bulk path (a third of an import's time went there); what the
        # session holds unflushed goes first, as the ORM statement would have autoflushed it.
        self.session.flush()
        connection = self.connection()
        connection.execute(insert(model.__table__), prepared)
        if history:
            self.history_many(table, [(r["id"], _snap(r)) for r in prepared])
        if self.capture:
            at, actor = _stored_moment(self.now), self.actor_id
            _driver(connection).executemany(
                _OUTBOX_SQL,
                [
                    (new_id(), at, actor, table, r["id"], "insert", None, encode(_snap(r)), None)
                    for r in prepared
                ],
            )
        return len(prepared)

    def history_many(self, table: str, inserted: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        """The insert history (field ``*``) of rows written without it: (row id, snapshot)."""
        at, actor = _stored_moment(self.now), self.actor_id
        rows = [(at, actor, table, row_id, "*", None, encode(snap)) for row_id, snap in inserted]
        if rows:
            _driver(self.connection()).executemany(_HISTORY_SQL, rows)

    def update(self, row: Base, **values: Any) -> dict[str, tuple[Any, Any]]:
        """Set fields; record each one that really changed. Returns {field: (old, new)}."""
        changed: dict[str, tuple[Any, Any]] = {}
        table = row.__tablename__
        row_id = _row_id(row)
        for field, new in values.items():
            if field not in inspect(type(row)).columns:
                raise AttributeError(f"{table} has no field {field}")
            old = getattr(row, field)
            if old == new:
                continue
            setattr(row, field, new)
            changed[field] = (old, new)
            self._history(table, row_id, field, _plain(old), _plain(new))
            self._outbox(table, row_id, "update", field, _plain(new), _plain(old))
        return changed

    def update_values(
        self, model: type[Base], row_id: str, changes: Mapping[str, tuple[Any, Any]]
    ) -> dict[str, tuple[Any, Any]]:
        """``update`` for a row the caller read without the ORM: ``changes`` is
        {field: (old, new)} with ``old`` as stored now. One Core UPDATE sets the fields that
        really change, with the same history and capture as ``update``; returns those.

        The row must not be loaded in this session (the ORM copy would go stale)."""
        columns = inspect(model).columns
        table = model.__tablename__
        changed: dict[str, tuple[Any, Any]] = {}
        for field, (old, new) in changes.items():
            if field not in columns:
                raise AttributeError(f"{table} has no field {field}")
            if old != new:
                changed[field] = (old, new)
        if not changed:
            return changed
        fields = tuple(changed)
        statement = _UPDATES.get((table, fields))
        if statement is None:
            key = inspect(model).primary_key[0]
            statement = _UPDATES[(table, fields)] = (
                update(model.__table__)
                .where(model.__table__.c[key.name] == bindparam("_row_id"))
                .values({f: bindparam(f) for f in fields})
            )
        connection = self.connection()
        connection.execute(
            statement, {"_row_id": row_id, **{f: new for f, (_old, new) in changed.items()}}
        )
        connection.execute(
            _HISTORY,
            [
                self._history_row(table, row_id, f, _plain(old), _plain(new))
                for f, (old, new) in changed.items()
            ],
        )
        if self.capture:
            connection.execute(
                _OUTBOX,
                [
                    self._outbox_row(table, row_id, "update", f, _plain(new), _plain(old))
                    for f, (old, new) in changed.items()
                ],
            )
        return changed

    def delete(self, row: Base) -> None:
        """A tombstone: the row stays, marked deleted, so the delete can travel."""
        if "deleted_at" not in inspect(type(row)).columns:
            raise AttributeError(f"{row.__tablename__} rows cannot be deleted")
        tombstoned = cast(_Tombstoned, row)  # the column check above makes it so
        if tombstoned.deleted_at is not None:
            return
        tombstoned.deleted_at = self.now
        table = row.__tablename__
        self._history(table, _row_id(row), "deleted_at", None, _plain(self.now))
        self._outbox(table, _row_id(row), "delete", None, None, None)

    # -- rows ---------------------------------------------------------------------------------

    def _history_row(
        self, table: str, row_id: str, field: str, old: Any, new: Any
    ) -> dict[str, Any]:
        return {
            "at": self.now,
            "actor_id": self.actor_id,
            "table_name": table,
            "row_id": row_id,
            "field": field,
            "old_value": encode(old),
            "new_value": encode(new),
        }

    def _outbox_row(
        self, table: str, row_id: str, op: str, field: str | None, value: Any, base: Any
    ) -> dict[str, Any]:
        return {
            "change_id": new_id(),
            "at": self.now,
            "actor_id": self.actor_id,
            "table_name": table,
            "row_id": row_id,
            "op": op,
            "field": field,
            "value": encode(value),
            "base_value": encode(base),
        }

    def _history(self, table: str, row_id: str, field: str, old: Any, new: Any) -> None:
        self.connection().execute(_HISTORY, self._history_row(table, row_id, field, old, new))

    def _outbox(
        self, table: str, row_id: str, op: str, field: str | None, value: Any, base: Any
    ) -> None:
        if self.capture:
            self.connection().execute(
                _OUTBOX, self._outbox_row(table, row_id, op, field, value, base)
            )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _snap(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in values.items()}


def _stored_moment(moment: datetime) -> str:
    """A moment as SQLAlchemy's SQLite DateTime stores it."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _driver(connection: Connection) -> Any:
    """The DB-API connection under ``connection`` (its executemany takes plain tuples)."""
    return connection.connection.driver_connection


def _row_id(row: Base) -> str:
    """The row's primary key: ``id``, or ``key`` for the tables keyed by name."""
    value = getattr(row, "id", None) or getattr(row, "key", None)
    if value is None:
        raise AttributeError(f"{row.__tablename__} rows have neither an id nor a key")
    return str(value)

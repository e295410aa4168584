"""The one way rows change: every insert, update and delete is written together with its
history row(s) and its captured change for sync, in the caller's transaction.

Services use a :class:`Recorder`; nothing else writes to the store's tables.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import Connection, Dialect, Table, Update, bindparam, insert, inspect, update
from sqlalchemy.orm import Session

from qa_desktop.store.models import BUNDLE, Base, History, IdRun, OutboxChange, new_id, new_ids

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


# ``json.dumps(value, ensure_ascii=False)`` makes a new encoder on every call (any argument
# off its defaults does): one encoder, made once, writes the same text.
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def encode(value: Any) -> str | None:
    """A value as the JSON kept in history and the outbox."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return _dumps(value.isoformat())
    return _dumps(value)


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
        self,
        model: type[Base],
        rows: Iterable[Mapping[str, Any]],
        *,
        history: bool = True,
        capture: bool = True,
    ) -> int:
        """Bulk insert (one statement), with the same history and capture as ``insert``.

        ``history`` False: the caller records the rows' history itself, compactly (a
        historic import writes one history row per audit carrying its answers and grades).
        ``capture`` False: the caller captures the rows itself, as bundles
        (:meth:`capture_bundles`)."""
        capture = capture and self.capture
        table = model.__tablename__
        prepared = [r if r.get("id") else dict(r, id=new_id()) for r in rows]
        if not prepared:
            return 0
        # Core, not the ORM's bulk path (a third of an import's time went there); what the
        # session holds unflushed goes first, as the ORM statement would have autoflushed it.
        self.session.flush()
        connection = self.connection()
        plan = _plan(model.__table__, connection.dialect, tuple(prepared[0]))
        values = plan.values(prepared) if plan is not None else None
        if plan is not None and values is not None:
            _driver(connection).executemany(plan.sql, values)
        else:
            connection.execute(insert(model.__table__), prepared)
        if not history and not capture:
            return len(prepared)
        # One JSON text per row, kept in its history and its outbox change alike.
        texts = _snapshots(prepared, plan.dated if plan is not None else None)
        if history:
            self._history_texts(table, [(r["id"], t) for r, t in zip(prepared, texts, strict=True)])
        if capture:
            at, actor = _stored_moment(self.now), self.actor_id
            # Ascending change ids: the outbox's index on them grows at one end.
            _driver(connection).executemany(
                _OUTBOX_SQL,
                [
                    (change_id, at, actor, table, r["id"], "insert", None, t, None)
                    for change_id, r, t in zip(new_ids(len(prepared)), prepared, texts, strict=True)
                ],
            )
        return len(prepared)

    def capture_bundles(
        self,
        table: str,
        bundles: Sequence[tuple[str, Mapping[str, Sequence[Mapping[str, Any]]]]],
        change_ids: IdRun | None = None,
    ) -> None:
        """One outbox change per bundle of rows inserted together (written with
        ``insert_many(..., capture=False)``): (row id in ``table``, {table: [row, ...]}), the
        head row first, each row's values as given to the insert. Sync sends each row as its
        own insert (``qa_desktop/sync/client.py``); the store keeps one change where a
        historic import's audit would otherwise need one for each of its 30-odd rows."""
        if not self.capture or not bundles:
            return
        at, actor = _stored_moment(self.now), self.actor_id
        ids = change_ids.take(len(bundles)) if change_ids is not None else new_ids(len(bundles))
        _driver(self.connection()).executemany(
            _OUTBOX_SQL,
            [
                (change_id, at, actor, table, row_id, BUNDLE, None, _dumps(_compact(parts)), None)
                for change_id, (row_id, parts) in zip(ids, bundles, strict=True)
            ],
        )

    def history_many(self, table: str, inserted: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        """The insert history (field ``*``) of rows written without it: (row id, snapshot)."""
        self._history_texts(table, [(row_id, encode(snap)) for row_id, snap in inserted])

    def _history_texts(self, table: str, inserted: Sequence[tuple[str, str | None]]) -> None:
        at, actor = _stored_moment(self.now), self.actor_id
        rows = [(at, actor, table, row_id, "*", None, value) for row_id, value in inserted]
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


def _compact(parts: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    """A bundle as kept: each table's field names once, then each row's values in their
    order (a third of the text of a dict per row); ``bundle_rows`` reads it back."""
    out: dict[str, Any] = {}
    for table, rows in parts.items():
        fields = tuple(rows[0]) if rows else ()
        if len(fields) > 1:
            pick = itemgetter(*fields)  # a tuple of the values, in C
            values = [pick(r) for r in rows]
        else:
            values = [[r[f] for f in fields] for r in rows]
        out[table] = {"fields": fields, "rows": values}
    return out


def bundle_rows(kept: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for each row of a bundle as kept, in order."""
    for table, part in kept.items():
        fields = part["fields"]
        for values in part["rows"]:
            yield table, dict(zip(fields, values, strict=True))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _snap(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in values.items()}


def _snapshots(rows: Sequence[Mapping[str, Any]], dated: Sequence[str] | None) -> list[str]:
    """Each row's insert snapshot as JSON, as ``encode(_snap(row))`` writes it: rows are
    encoded as they are, only the fields holding dates copied to their text first.

    ``dated``: the row's date and time fields (None: not known, every field is looked at)."""
    if dated is None:
        return [_dumps(_snap(r)) for r in rows]
    try:
        if not dated:
            return [_dumps(r) for r in rows]
        out: list[str] = []
        for r in rows:
            snap = dict(r)
            for key in dated:
                value = snap[key]
                if value is not None:
                    snap[key] = value.isoformat()
            out.append(_dumps(snap))
        return out
    except (TypeError, AttributeError):  # a date where none was expected, or text in a date
        return [_dumps(_snap(r)) for r in rows]


@dataclass(frozen=True)
class _Plan:
    """How plain rows with one set of fields go into one table straight through the driver,
    written as SQLAlchemy's Core insert would write them: each value through its column's
    bind processor (dates and times to their stored text, booleans to 0/1), each column left
    out given its Python-side scalar ``default=``, the rest left to the table (NULL)."""

    sql: str
    getter: Callable[[Mapping[str, Any]], tuple[Any, ...]]
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]
    defaults: tuple[Any, ...]
    dated: tuple[str, ...]  # fields holding dates or times (their snapshot is their text)

    def values(self, rows: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]] | None:
        """The rows as the driver's parameter tuples; None when a row lacks a field of the
        first or holds a value its column cannot take (Core then says which, as always)."""
        getter, defaults = self.getter, self.defaults
        try:
            if not self.processors:
                return [getter(r) + defaults for r in rows]
            out: list[tuple[Any, ...]] = []
            for r in rows:
                given = list(getter(r))
                for index, process in self.processors:
                    given[index] = process(given[index])
                out.append(tuple(given) + defaults)
            return out
        except (KeyError, TypeError):  # a missing field; a value its column's type refuses
            return None


_PLANS: dict[tuple[str, str, tuple[str, ...]], _Plan | None] = {}


def _plan(table: Table, dialect: Dialect, fields: tuple[str, ...]) -> _Plan | None:
    """The driver's way in for rows with these fields, or None: then Core writes them (a
    field that is no column, a column whose default is computed, a store not on SQLite)."""
    key = (table.name, dialect.name, fields)
    if key in _PLANS:
        return _PLANS[key]
    plan: _Plan | None = None
    columns = table.c
    if dialect.name == "sqlite" and all(f in columns for f in fields):  # its "?" parameters
        names = list(fields)
        defaults: list[Any] = []
        computed = False
        for column in columns:
            if column.name in fields or column.default is None:
                continue
            default = column.default
            if not default.is_scalar:
                computed = True
                break
            process = _processor(column.type, dialect)
            arg = getattr(default, "arg", None)
            defaults.append(process(arg) if process is not None else arg)
            names.append(column.name)
        if not computed:
            processors = tuple(
                (index, process)
                for index, f in enumerate(fields)
                if (process := _processor(columns[f].type, dialect)) is not None
            )
            quoted = ", ".join(f'"{name}"' for name in names)
            marks = ", ".join("?" * len(names))
            single = fields[0] if len(fields) == 1 else None
            getter = (lambda r: (r[single],)) if single is not None else itemgetter(*fields)
            plan = _Plan(
                sql=f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})',
                getter=getter,
                processors=processors,
                defaults=tuple(defaults),
                dated=tuple(f for f in fields if _is_dated(columns[f].type)),
            )
    _PLANS[key] = plan
    return plan


def _processor(kind: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column type's bind processor on this dialect (what Core runs on each value)."""
    processor: Callable[[Any], Any] | None = kind.dialect_impl(dialect).bind_processor(dialect)
    return processor


def _is_dated(kind: Any) -> bool:
    try:
        return issubclass(kind.python_type, date)  # datetime is a date too
    except NotImplementedError:
        return False


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

"""One sync of a local store with the central database: handshake, push, then pull.

The rules that make sure nobody loses an edit:

- Push before pull, in batches, oldest change first. A change leaves the outbox only after the
  central database has answered for it (accepted, kept as a conflict, or refused and kept in
  ``sync_refused``). A cut anywhere before that leaves it in the outbox, and the next sync sends
  it again: its ``change_id`` makes the server give its first answer again instead of applying
  it twice. A bundle (an imported audit with its answers and grades, one outbox change) goes
  whole in one batch, each of its rows an insert whose id is made from the bundle's.
- Each pulled batch is applied and the cursor moved in one local transaction; the first pull
  into a store (cursor 0) applies the whole snapshot in one, in bulk (``_first_pull``).
- A field with a change waiting in the outbox is never overwritten by a pull (a row with a
  delete waiting is not touched at all); the server's answer to that change comes back later in
  the log and settles what the field holds.
- Pulled changes are written to history with their own author and time (so people can see who
  changed what on another laptop) but not to the outbox: they must not echo back. The first
  sync's snapshot is kept compactly: one history row per audit, one for the rest.

``fault`` is called at each step with its name (tests cut the sync there by raising).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, delete, insert, literal, select, text, update
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qa_desktop.store.engine import Store
from qa_desktop.store.models import (
    BUNDLE,
    FIRST_SYNC,
    ORIGIN,
    OutboxChange,
    SyncConflict,
    SyncRefused,
    SyncState,
)
from qa_desktop.store.page_cache import release_memory
from qa_desktop.store.recorder import bundle_rows
from qa_desktop.store.reporting import tables
from qa_desktop.sync.central.sql import CLIENT_FORMAT, PROTOCOL_VERSION
from qa_desktop.sync.connection import (
    CentralAddress,
    CentralBusy,
    CentralError,
    CentralUnreachable,
    ClientTooOld,
    LoginRefused,
    connect,
)
from qa_desktop.sync.rows import (
    TABLES,
    canonical,
    decode,
    encode,
    key_column,
    row_snapshot,
    to_python,
)
from qa_desktop.sync.rows import (
    converters as _converters,
)

if TYPE_CHECKING:  # psycopg is imported when a sync runs, not at every start
    import psycopg

log = logging.getLogger(__name__)
Fault = Callable[[str], None]
CURSOR = "cursor"
LAST_SYNC = "last_sync_at"
# sync_state keys "confirmation:<audit id>": the practitioner's confirmation of their sign-off
# typed on the auditor's laptop, carried by that audit's changes until they are all pushed.
CONFIRMATION = "confirmation:"
_MISSING = object()
ORDER = {name: n for n, name in enumerate(TABLES)}  # parents before children
# Bounded waits for each push: a push waits at most LOCK_TIMEOUT for the county-wide counter
# another laptop's push holds (then this sync fails clearly and the next one tries again), and
# no statement runs longer than STATEMENT_TIMEOUT.
LOCK_TIMEOUT = "5s"
STATEMENT_TIMEOUT = "60s"
SETTLE_NAMESPACE = uuid.UUID("6f1c1bb4-6f0e-4c38-9d0e-6b8e0c2f5a11")


def _no_fault(_step: str) -> None:
    return None


@dataclass(frozen=True)
class SyncReport:
    """What moved in one sync."""

    pushed: int = 0
    accepted: int = 0
    conflicts_made: int = 0
    refused: int = 0
    pulled: int = 0
    applied: int = 0
    conflicts_received: int = 0
    cursor: int = 0


@dataclass
class _Tally:
    pushed: int = 0
    accepted: int = 0
    conflicts_made: int = 0
    refused: int = 0
    pulled: int = 0
    applied: int = 0
    conflicts_received: int = 0


class SyncClient:
    def __init__(
        self,
        store: Store,
        address: CentralAddress,
        password: str | None,
        *,
        now: Callable[[], datetime],
        push_batch: int = 500,
        # 2,000: a 10,000-audit first sync in 5,000s left about 40 MB more in the app's resident
        # size (its freed batches scattered among what stays), for about 2 s less.
        pull_batch: int = 2000,
        fault: Fault = _no_fault,
        protocol: int = PROTOCOL_VERSION,
        client_format: int = CLIENT_FORMAT,
    ) -> None:
        self.store = store
        self.address = address
        self.password = password
        self.now = now
        self.push_batch = push_batch
        self.pull_batch = pull_batch
        self.fault = fault
        self.protocol = protocol
        self.client_format = client_format
        self._greeted: set[int] = set()

    # -- the whole round ----------------------------------------------------------------------

    def sync(self, connection: psycopg.Connection | None = None) -> SyncReport:
        """One round. ``connection``: an open one to reuse (the app's timer and tests),
        otherwise one is opened and closed."""
        import psycopg

        tally = _Tally()
        conn = connection or connect(self.address, self.password)
        try:
            # Reads (hello, pull) need no transaction of their own; each push is one.
            if conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
                conn.rollback()
            if not conn.autocommit:
                conn.rollback()
                conn.autocommit = True
            if id(conn) not in self._greeted:
                # Once per connection: push and pull check the versions on every call anyway.
                self.hello(conn)
                self._greeted.add(id(conn))
            self._push(conn, tally)
            cursor = self._pull(conn, tally)
        except psycopg.Error as exc:
            raise _central_error(exc, self.address) from None
        finally:
            if connection is None:
                conn.close()
        with self.store.session() as session:
            _set_state(session, LAST_SYNC, canonical("audits", "created_at", self.now()))
        return SyncReport(cursor=cursor, **tally.__dict__)

    def handshake(self) -> dict[str, Any]:
        """Connect and shake hands only ("Test connection")."""
        import psycopg

        with connect(self.address, self.password) as conn:
            conn.autocommit = True
            try:
                return self.hello(conn)
            except psycopg.Error as exc:
                raise _central_error(exc, self.address) from None

    def hello(self, conn: psycopg.Connection) -> dict[str, Any]:
        row = conn.execute(
            "SELECT qa_central.hello(%s, %s)", (self.protocol, self.client_format)
        ).fetchone()
        assert row is not None
        return dict(row[0])

    # -- push ---------------------------------------------------------------------------------

    def _push(self, conn: psycopg.Connection, tally: _Tally) -> None:
        self.fault("before_push")
        while True:
            with self.store.reader() as session:
                changes = session.scalars(
                    select(OutboxChange).order_by(OutboxChange.seq).limit(self.push_batch)
                ).all()
                tokens = _confirmations(session)
                # A batch holds at most ``push_batch`` wire changes (a bundle is one for each
                # of its rows, and is never split), and always at least one outbox change.
                more = len(changes) == self.push_batch
                sent: list[tuple[OutboxChange, list[dict[str, Any]]]] = []
                payload: list[dict[str, Any]] = []
                for change in changes:
                    wires = self._wires(session, change, tokens)
                    if sent and len(payload) + len(wires) > self.push_batch:
                        more = True
                        break
                    sent.append((change, wires))
                    payload += wires
                settles = (
                    session.scalars(
                        select(SyncConflict).where(
                            SyncConflict.settled_at.is_not(None),
                            SyncConflict.settle_pushed.is_(False),
                        )
                    ).all()
                    if not more
                    else []
                )
                payload += [_settle_wire(s) for s in settles]
            if not payload:
                return
            results = self._send(conn, payload)
            self.fault("after_server_commit")
            self._acknowledge(sent, settles, results, tally)
            if tokens:
                _spend_confirmations(self.store, tokens)
            if not more:
                return

    def _send(self, conn: psycopg.Connection, payload: list[dict[str, Any]]) -> list[Any]:
        """One server transaction; sent in two calls, so a cut can fall between them."""
        from psycopg.types.json import Jsonb

        half = max(1, len(payload) // 2)
        parts = [payload[:half], payload[half:]] if len(payload) > 1 else [payload]
        results: list[Any] = []
        with conn.transaction():  # a cut anywhere inside rolls the whole batch back
            conn.execute(
                "SELECT set_config('lock_timeout', %s, true), "
                "set_config('statement_timeout', %s, true)",
                (LOCK_TIMEOUT, STATEMENT_TIMEOUT),
            )
            for number, part in enumerate(parts):
                if number:
                    self.fault("mid_batch")
                row = conn.execute(
                    "SELECT qa_central.push(%s, %s, %s)",
                    (self.protocol, self.client_format, Jsonb(part)),
                ).fetchone()
                assert row is not None
                results += row[0]
        return results

    def _acknowledge(
        self,
        sent: Sequence[tuple[OutboxChange, list[dict[str, Any]]]],
        settles: Sequence[SyncConflict],
        results: Iterable[dict[str, Any]],
        tally: _Tally,
    ) -> None:
        """Each outbox change leaves once the server has answered for it (a bundle: for
        every one of its rows; they go in one server transaction, so all or none)."""
        status = {r["change_id"]: r for r in results}
        answered: list[str] = []
        with self.store.session() as session:
            for change, wires in sent:
                answers = [status.get(w["change_id"]) for w in wires]
                if any(a is None for a in answers):
                    continue
                answered.append(change.change_id)
                for wire, answer in zip(wires, answers, strict=True):
                    assert answer is not None
                    tally.pushed += 1
                    if answer["status"] == "refused":
                        tally.refused += 1
                        session.add(_refused(change, wire, str(answer.get("reason") or "")))
                    elif answer["status"] == "conflict":
                        tally.conflicts_made += 1
                    else:
                        tally.accepted += 1
            session.execute(delete(OutboxChange).where(OutboxChange.change_id.in_(answered)))
            for settle in settles:
                if settle.settle_change_id in status:
                    session.execute(
                        update(SyncConflict)
                        .where(SyncConflict.id == settle.id)
                        .values(settle_pushed=True)
                    )

    def _wires(
        self, session: Session, change: OutboxChange, tokens: dict[str, str] | None = None
    ) -> list[dict[str, Any]]:
        """What the server is sent for one outbox change: the change itself, or for a bundle
        an insert of each of its rows, in order, each with an id of its own made from the
        bundle's (the same on every try, so a row is never applied twice)."""
        if change.op != BUNDLE:
            return [self._wire(session, change, tokens)]
        at = canonical("audits", "created_at", change.at)
        return [
            self._confirmed(
                {
                    "change_id": bundled_change_id(change.change_id, table, row["id"]),
                    "op": "insert",
                    "table": table,
                    "row_id": row["id"],
                    "actor_id": change.actor_id,
                    "at": at,
                    "value": row_snapshot(table, row),
                },
                tokens,
            )
            for table, row in bundle_rows(decode(change.value) or {})
        ]

    def _wire(
        self, session: Session, change: OutboxChange, tokens: dict[str, str] | None = None
    ) -> dict[str, Any]:
        table = change.table_name
        out: dict[str, Any] = {
            "change_id": change.change_id,
            "op": change.op,
            "table": table,
            "row_id": change.row_id,
            "actor_id": change.actor_id,
            "at": canonical("audits", "created_at", change.at),
        }
        if change.op == "insert":
            out["value"] = row_snapshot(table, decode(change.value) or {})
        elif change.op == "update":
            assert change.field is not None
            out["field"] = change.field
            out["value"] = canonical(table, change.field, decode(change.value))
            out["base"] = canonical(table, change.field, decode(change.base_value))
        else:
            # A delete carries the row as the person last saw it: the server refuses to let
            # it win over an edit they had not seen.
            out["field"] = "deleted_at"
            out["value"] = canonical(table, "deleted_at", change.at)
            current = _local_row(session, table, change.row_id) or {}
            out["base"] = {k: v for k, v in current.items() if k != "deleted_at"}
        return self._confirmed(out, tokens)

    @staticmethod
    def _confirmed(out: dict[str, Any], tokens: dict[str, str] | None) -> dict[str, Any]:
        """``out`` with the sign-off confirmation of its audit, if one is kept."""
        if tokens:
            audit_id = (
                out["row_id"]
                if out["table"] == "audits"
                else (out["value"].get("audit_id") if out["op"] == "insert" else None)
            )
            if audit_id in tokens:
                # The central database checks it only where this login's own rights refuse.
                out["confirmation"] = tokens[audit_id]
        return out

    # -- pull ---------------------------------------------------------------------------------

    def _pull(self, conn: psycopg.Connection, tally: _Tally) -> int:
        with self.store.reader() as session:
            cursor = int(_state(session, CURSOR) or 0)
            empty = _empty_tables(session) if cursor == 0 else frozenset()
        if empty:
            cursor = self._first_pull(conn, tally, empty)
            release_memory(collect=True)
            return cursor
        while True:
            answer, events = self._fetch(conn, cursor)
            with self.store.session() as session:
                _defer_foreign_keys(session)
                applier = _Applier(session, self.now())
                applier.apply(events, tally)
                _drop_orphans(session, applier.written)
                cursor = int(answer["last"])
                _set_state(session, CURSOR, str(cursor))
                self.fault("mid_pull")
            tally.pulled += len(events)
            if not answer["more"]:
                return cursor

    def _first_pull(self, conn: psycopg.Connection, tally: _Tally, empty: frozenset[str]) -> int:
        """The first pull into a store with none of the central records yet: the whole
        snapshot in one local transaction (a cut leaves the store as it was, and the next sync
        starts again), the rows of the tables that were empty written in bulk with the report
        tables rebuilt once at the end, and history kept compactly: one row per audit and one
        for the rest of the snapshot (see ``_Applier``). What is applied, and what is refused
        or kept as a conflict, is what the batch-by-batch pull would do. Each next batch is
        asked for (on a thread of its own, the connection used by one thread at a time) while
        the one before is applied."""
        arrived: dict[str, int] = {}
        written: set[str] = set()
        with (
            ThreadPoolExecutor(1, thread_name_prefix="first-pull") as fetcher,
            self.store.session() as session,
        ):
            _defer_foreign_keys(session)
            with tables.rebuilt_once(session.connection()):
                coming = fetcher.submit(self._fetch, conn, 0)
                while True:
                    answer, events = coming.result()
                    cursor = int(answer["last"])
                    if answer["more"]:
                        # The central database makes the next batch while this one is applied.
                        coming = fetcher.submit(self._fetch, conn, cursor)
                    applier = _Applier(session, self.now(), first=empty, arrived=arrived)
                    applier.apply(events, tally)
                    written |= applier.written
                    self.fault("mid_pull")
                    tally.pulled += len(events)
                    if not answer["more"]:
                        break
                _drop_orphans(session, written)
            if arrived:
                _insert_history(session, [_arrival(arrived, cursor, self.now())])
            _set_state(session, CURSOR, str(cursor))
        return cursor

    def _fetch(
        self, conn: psycopg.Connection, cursor: int
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """One batch of the change log after ``cursor``: the answer and its events."""
        self.fault("before_pull")
        row = conn.execute(
            "SELECT qa_central.pull(%s, %s, %s, %s)",
            (self.protocol, self.client_format, cursor, self.pull_batch),
        ).fetchone()
        assert row is not None
        answer = row[0]
        # Earlier changes of audits given to this person since the cursor come first.
        return answer, answer.get("backfill", []) + answer["events"]


class _Applier:
    """Applies one pulled batch inside the caller's transaction."""

    def __init__(
        self,
        session: Session,
        now: datetime,
        *,
        first: frozenset[str] = frozenset(),
        arrived: dict[str, int] | None = None,
    ) -> None:
        """``first``: in a first sync, the tables that were empty when it began (their rows
        go in bulk, see ``_insert_new``); ``arrived`` counts the rows that came that way."""
        self.session = session
        self.now = now
        self.first = first
        self.arrived = {} if arrived is None else arrived
        self.pending_fields: set[tuple[str, str, str]] = set()
        self.pending_rows: set[tuple[str, str]] = set()
        for table, row_id, op, field, bundled in session.execute(
            select(
                OutboxChange.table_name,
                OutboxChange.row_id,
                OutboxChange.op,
                OutboxChange.field,
                case((OutboxChange.op == BUNDLE, OutboxChange.value)),
            )
        ):
            if op == BUNDLE:
                self.pending_rows.update(
                    (part, row["id"]) for part, row in bundle_rows(decode(bundled) or {})
                )
            elif op == "delete":
                self.pending_rows.add((table, row_id))
            elif op == "update" and field:
                self.pending_fields.add((table, row_id, field))
            else:
                self.pending_rows.add((table, row_id))
        self.inserts: list[dict[str, Any]] = []
        self.history: list[dict[str, Any]] = []
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}
        self.dirty: dict[tuple[str, str], set[str]] = {}
        self.written: set[str] = set()  # the tables this batch wrote rows of

    def apply(self, events: Sequence[dict[str, Any]], tally: _Tally) -> None:
        self._preload(events)
        for event in events:
            kind = event["kind"]
            table = event.get("table_name")
            if table is not None and table not in TABLES:
                continue  # a table this version does not know; later versions will
            if kind == "insert":
                self.inserts.append(event)
                continue
            self._flush_inserts(tally)
            if kind in ("update", "delete"):
                if self._set(event, event["field"], event["value"], event):
                    tally.applied += 1
            elif kind == "conflict":
                tally.conflicts_received += 1
                self._conflict(event)
            elif kind == "settle":
                self.session.execute(
                    update(SyncConflict)
                    .where(SyncConflict.id == event["conflict_id"])
                    .values(
                        settled_at=_moment(event.get("at")) or self.now,
                        settled_by=event.get("actor_id"),
                        settle_pushed=True,
                    )
                )
        self._flush_inserts(tally)
        self._write_dirty()
        if self.history:
            _insert_history(self.session, self.history)
            self.history = []

    def _flush_inserts(self, tally: _Tally) -> None:
        by_table: dict[str, list[dict[str, Any]]] = {}
        for event in self.inserts:
            by_table.setdefault(event["table_name"], []).append(event)
        self.inserts = []
        for table_name, events in sorted(by_table.items(), key=lambda item: ORDER[item[0]]):
            if table_name in self.first and self._insert_new(table_name, events):
                tally.applied += len(events)
                continue
            table = TABLES[table_name]
            key = key_column(table_name)
            ids = [e["row_id"] for e in events]
            existing: set[str] = set()
            for chunk in range(0, len(ids), 500):
                for found in self.session.execute(
                    select(table).where(table.c[key].in_(ids[chunk : chunk + 500]))
                ).mappings():
                    row_id = str(found[key])
                    existing.add(row_id)
                    self.rows.setdefault((table_name, row_id), dict(found))
            rows = []
            made: list[dict[str, Any]] = []
            converters = _converters(table_name)
            for event in events:
                if event["row_id"] in existing:
                    # Our own insert coming back, or the same one-per-parent row made on
                    # another laptop (its id comes from its parent): merged field by field.
                    self._merge_insert(event, table_name, key)
                    continue
                rows.append(_local_values(converters, event["value"]))
                made.append(event)
                existing.add(event["row_id"])
            if rows:
                try:
                    with self.session.begin_nested():
                        self.session.execute(insert(table), rows)
                except IntegrityError:
                    # The same record made twice under two ids (say by an older copy of QA
                    # Desktop): each clashing row is kept as a conflict, the pull goes on.
                    log.warning("pulled %s rows clash with local ones", table_name)
                    rows, made = self._insert_one_by_one(table_name, rows, made)
                for event in made:
                    self.history.append(
                        _history(
                            event, table_name, event["row_id"], "*", None, event["value"], self.now
                        )
                    )
                tally.applied += len(rows)
                self.written.add(table_name)

    def _insert_new(self, table_name: str, events: list[dict[str, Any]]) -> bool:
        """A first sync's rows of a table that was empty when it began: one statement through
        the driver, with no look-up of rows already here (only this sync can have made any),
        and no history row each: an audit's one row (its values, marked as come with the first
        sync) stands for its answers, grades and the rest, and the other rows are counted for
        the snapshot's own row. False if a row lacks a column (from an older QA Desktop) or
        clashes (the same row twice, or a record made twice under two ids): nothing of the
        batch is kept, and it goes the ordinary way instead."""
        connection = self.session.connection()
        sql, values_of, stores = _bulk_insert(table_name, connection.dialect)
        try:
            rows = [list(values_of(e["value"])) for e in events]
        except KeyError:
            return False
        for row in rows:
            for at, store in stores:
                if row[at] is not None:
                    row[at] = store(row[at])
        try:
            with self.session.begin_nested():
                # Asked for inside the savepoint, so that it is made before the driver writes.
                driver = self.session.connection().connection.driver_connection
                assert driver is not None
                driver.executemany(sql, rows)
        except connection.dialect.loaded_dbapi.IntegrityError:
            return False
        if table_name == "audits":
            self.history.extend(
                _history(e, table_name, e["row_id"], "*", None, _first_synced(e), self.now)
                for e in events
            )
        self.arrived[table_name] = self.arrived.get(table_name, 0) + len(events)
        self.written.add(table_name)
        return True

    def _merge_insert(self, event: dict[str, Any], table_name: str, key: str) -> None:
        for field, value in event["value"].items():
            if field != key and value not in (None, "", False):
                self._set(event, field, value, event)

    def _insert_one_by_one(
        self, table_name: str, rows: list[dict[str, Any]], events: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        table = TABLES[table_name]
        kept_rows: list[dict[str, Any]] = []
        kept_events: list[dict[str, Any]] = []
        for row, event in zip(rows, events, strict=True):
            try:
                with self.session.begin_nested():
                    self.session.execute(insert(table), [row])
            except IntegrityError:
                if self.session.get(SyncConflict, event["change_id"]) is None:
                    self.session.add(
                        SyncConflict(
                            id=event["change_id"],
                            seq=int(event["seq"]),
                            table_name=table_name,
                            row_id=event["row_id"],
                            field="*",
                            current_value=None,
                            current_actor_id=None,
                            current_at=None,
                            other_value=encode(event.get("value")),
                            other_actor_id=event.get("actor_id"),
                            other_at=event.get("at"),
                            settle_pushed=False,
                        )
                    )
                continue
            kept_rows.append(row)
            kept_events.append(event)
        return kept_rows, kept_events

    def _set(self, event: dict[str, Any], field: str, value: Any, author: dict[str, Any]) -> bool:
        """Set one field unless a local change to it is waiting. True if it changed."""
        table_name, row_id = event["table_name"], event["row_id"]
        if (table_name, row_id) in self.pending_rows:
            return False
        if (table_name, row_id, field) in self.pending_fields:
            return False
        if field not in TABLES[table_name].c:
            return False
        row = self._row(table_name, row_id)
        if row is None:
            return False
        old = canonical(table_name, field, row[field])
        new = canonical(table_name, field, value)
        if old == new:
            return False
        row[field] = to_python(table_name, field, new)
        self.dirty.setdefault((table_name, row_id), set()).add(field)
        self.history.append(_history(author, table_name, row_id, field, old, new, self.now))
        return True

    def _preload(self, events: Sequence[dict[str, Any]]) -> None:
        wanted: dict[str, set[str]] = {}
        for event in events:
            if event["kind"] in ("update", "delete", "conflict") and event["table_name"] in TABLES:
                wanted.setdefault(event["table_name"], set()).add(event["row_id"])
        for table_name, ids in wanted.items():
            table = TABLES[table_name]
            key = key_column(table_name)
            listed = sorted(ids)
            for chunk in range(0, len(listed), 500):
                found = self.session.execute(
                    select(table).where(table.c[key].in_(listed[chunk : chunk + 500]))
                ).mappings()
                for row in found:
                    self.rows[(table_name, str(row[key]))] = dict(row)

    def _row(self, table_name: str, row_id: str) -> dict[str, Any] | None:
        found = self.rows.get((table_name, row_id))
        if found is None:
            table = TABLES[table_name]
            row = (
                self.session.execute(select(table).where(table.c[key_column(table_name)] == row_id))
                .mappings()
                .first()
            )
            if row is not None:
                found = self.rows[(table_name, row_id)] = dict(row)
        return found

    def _write_dirty(self) -> None:
        for (table_name, row_id), fields in self.dirty.items():
            self.written.add(table_name)
            table = TABLES[table_name]
            row = self.rows[(table_name, row_id)]
            self.session.execute(
                update(table)
                .where(table.c[key_column(table_name)] == row_id)
                .values({f: row[f] for f in fields})
            )
        self.dirty = {}

    def _conflict(self, event: dict[str, Any]) -> None:
        existing = self.session.get(SyncConflict, event["change_id"])
        if existing is None:
            self.session.add(
                SyncConflict(
                    id=event["change_id"],
                    seq=int(event["seq"]),
                    table_name=event["table_name"],
                    row_id=event["row_id"],
                    field=event["field"],
                    current_value=encode(event.get("current")),
                    current_actor_id=event.get("current_actor_id"),
                    current_at=event.get("current_at"),
                    other_value=encode(event.get("value")),
                    other_actor_id=event.get("actor_id"),
                    other_at=event.get("at"),
                    settle_pushed=False,
                )
            )
        # What the central database holds stays current everywhere (unless a local change to
        # it is still waiting to be pushed).
        author = {"actor_id": event.get("current_actor_id"), "at": event.get("current_at")}
        current = event.get("current")
        if isinstance(current, dict):
            for field, value in current.items():
                self._set(event, field, value, author)
        else:
            self._set(event, event["field"], current, author)


def _local_values(
    converters: list[tuple[str, Callable[[Any], Any] | None]], values: dict[str, Any]
) -> dict[str, Any]:
    """A pulled row's canonical values as the local columns hold them."""
    return {
        name: value if convert is None or value is None else convert(value)
        for name, convert in converters
        if (value := values.get(name, _MISSING)) is not _MISSING
    }


_BULK: dict[
    str, tuple[str, Callable[[dict[str, Any]], Any], list[tuple[int, Callable[[Any], Any]]]]
] = {}


def _bulk_insert(
    table_name: str, dialect: Dialect
) -> tuple[str, Callable[[dict[str, Any]], Any], list[tuple[int, Callable[[Any], Any]]]]:
    """The driver's INSERT of every column of a table, what takes those columns' values out of
    a pulled row in order, and for the columns that need it (by position) what turns a
    canonical value into what the driver is given: SQLAlchemy's own bind processing, so that
    moments are in the text form SQLAlchemy keeps them in and booleans are integers."""
    if table_name not in _BULK:
        table = TABLES[table_name]
        names = [column.name for column in table.c]
        stores: list[tuple[int, Callable[[Any], Any]]] = []
        for at, ((_name, convert), column) in enumerate(
            zip(_converters(table_name), table.c, strict=True)
        ):
            process = column.type.dialect_impl(dialect).bind_processor(dialect)
            store = _then(convert, process)
            if store is not None:
                stores.append((at, store))
        columns = ", ".join(f'"{name}"' for name in names)
        marks = ", ".join("?" for _ in names)
        _BULK[table_name] = (
            f'INSERT INTO "{table_name}" ({columns}) VALUES ({marks})',
            itemgetter(*names),
            stores,
        )
    return _BULK[table_name]


def _then(
    first: Callable[[Any], Any] | None, second: Callable[[Any], Any] | None
) -> Callable[[Any], Any] | None:
    if first is None or second is None:
        return first or second
    return lambda value: second(first(value))


def _first_synced(event: dict[str, Any]) -> dict[str, Any]:
    return {**event["value"], ORIGIN: FIRST_SYNC}


def _arrival(arrived: dict[str, int], cursor: int, now: datetime) -> dict[str, Any]:
    """The history row of a first sync's snapshot: how many rows of each table came."""
    return {
        "at": now,
        "actor_id": None,
        "table_name": "store",
        "row_id": FIRST_SYNC,
        "field": "*",
        "old_value": None,
        "new_value": encode({"cursor": cursor, "rows": arrived}),
    }


def _empty_tables(session: Session) -> frozenset[str]:
    """The synced tables without a row."""
    return frozenset(
        name
        for name, table in TABLES.items()
        if session.execute(select(literal(1)).select_from(table).limit(1)).first() is None
    )


def _defer_foreign_keys(session: Session) -> None:
    """Check foreign keys at commit, not per row: a batch may hold a child before its parent.

    The pragma only holds inside a transaction, and the driver opens one at the first write,
    so a harmless write comes first."""
    session.execute(text("UPDATE sync_state SET value = value WHERE key = 'cursor'"))
    session.execute(text("PRAGMA defer_foreign_keys = ON"))


def _drop_orphans(session: Session, written: set[str]) -> None:
    """A pulled row whose parent this login may not read (a re-audit's original, say) would
    stop the pull at commit, for good: its link is cleared where it may be empty, else the
    row is left out here (the central database keeps it).

    Only the tables the pull wrote rows of are checked, parents first (so that the children of
    a row left out are left out too): checking every table took about a second per sync on a
    10,000-audit store, however little came."""
    for table_name in sorted(written, key=ORDER.__getitem__):
        found = session.execute(text(f'PRAGMA foreign_key_check("{table_name}")')).all()
        for _table, rowid, _parent, fk in found:
            column = next(
                row[3]
                for row in session.execute(text(f'PRAGMA foreign_key_list("{table_name}")'))
                if row[0] == fk
            )
            log.warning("pulled %s row %s refers to a record not here", table_name, rowid)
            if TABLES[table_name].c[column].nullable:
                session.execute(
                    text(f'UPDATE "{table_name}" SET "{column}" = NULL WHERE rowid = :r'),
                    {"r": rowid},
                )
            else:
                session.execute(text(f'DELETE FROM "{table_name}" WHERE rowid = :r'), {"r": rowid})


_HISTORY_SQL = (
    "INSERT INTO history (at, actor_id, table_name, row_id, field, old_value, new_value) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _insert_history(session: Session, rows: list[dict[str, Any]]) -> None:
    """History rows for pulled changes, in the batch's transaction, straight through the
    driver: a backlog of changes writes one per field, and this is the cheap way (moments in the
    format SQLAlchemy keeps them in SQLite)."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    driver.executemany(
        _HISTORY_SQL,
        [
            (
                r["at"].strftime("%Y-%m-%d %H:%M:%S.%f"),
                r["actor_id"],
                r["table_name"],
                r["row_id"],
                r["field"],
                r["old_value"],
                r["new_value"],
            )
            for r in rows
        ],
    )


def _history(
    event: dict[str, Any],
    table: str,
    row_id: str,
    field: str,
    old: Any,
    new: Any,
    now: datetime,
) -> dict[str, Any]:
    return {
        "at": _moment(event.get("at")) or now,
        "actor_id": event.get("actor_id"),
        "table_name": table,
        "row_id": row_id,
        "field": field,
        "old_value": None if old is None else encode(old),
        "new_value": None if new is None else encode(new),
    }


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def bundled_change_id(bundle_change_id: str, table: str, row_id: str) -> str:
    """The change id one row of a bundle is sent with."""
    return str(uuid.uuid5(uuid.UUID(bundle_change_id), f"{table}/{row_id}"))


def _refused(change: OutboxChange, wire: dict[str, Any], reason: str) -> SyncRefused:
    """The refused change as kept for people to see: a bundle's row as an insert of its own."""
    if change.op != BUNDLE:
        return SyncRefused(
            change_id=change.change_id,
            at=change.at,
            actor_id=change.actor_id,
            table_name=change.table_name,
            row_id=change.row_id,
            op=change.op,
            field=change.field,
            value=change.value,
            base_value=change.base_value,
            reason=reason,
        )
    return SyncRefused(
        change_id=wire["change_id"],
        at=change.at,
        actor_id=change.actor_id,
        table_name=wire["table"],
        row_id=wire["row_id"],
        op="insert",
        field=None,
        value=encode(wire["value"]),
        base_value=None,
        reason=reason,
    )


def _settle_wire(conflict: SyncConflict) -> dict[str, Any]:
    return {
        "change_id": conflict.settle_change_id,
        "op": "settle",
        "table": conflict.table_name,
        "row_id": conflict.row_id,
        "conflict_id": conflict.id,
        "actor_id": conflict.settled_by,
        "at": canonical("audits", "created_at", conflict.settled_at),
    }


def settle_change_id(conflict_id: str) -> str:
    """The idempotency key of a conflict's settlement (one per conflict)."""
    return str(uuid.uuid5(SETTLE_NAMESPACE, conflict_id))


def _local_row(session: Session, table_name: str, row_id: str) -> dict[str, Any] | None:
    table = TABLES[table_name]
    row = (
        session.execute(select(table).where(table.c[key_column(table_name)] == row_id))
        .mappings()
        .first()
    )
    return None if row is None else row_snapshot(table_name, dict(row))


def _state(session: Session, key: str) -> str | None:
    found = session.get(SyncState, key)
    return None if found is None else found.value


def _set_state(session: Session, key: str, value: str) -> None:
    found = session.get(SyncState, key)
    if found is None:
        session.add(SyncState(key=key, value=value))
    else:
        found.value = value


def _confirmations(session: Session) -> dict[str, str]:
    """The practitioners' confirmations waiting to be pushed, by audit."""
    return {
        state.key.removeprefix(CONFIRMATION): state.value
        for state in session.scalars(
            select(SyncState).where(SyncState.key.startswith(CONFIRMATION))
        )
    }


def _spend_confirmations(store: Store, tokens: dict[str, str]) -> None:
    """Forget a confirmation once nothing of its audit waits in the outbox."""
    with store.session() as session:
        for audit_id in tokens:
            waiting = session.scalar(
                select(OutboxChange.change_id)
                .where(
                    (OutboxChange.row_id == audit_id) & (OutboxChange.table_name == "audits")
                    | OutboxChange.value.contains(audit_id)
                )
                .limit(1)
            )
            if waiting is None:
                session.execute(delete(SyncState).where(SyncState.key == CONFIRMATION + audit_id))


def keep_confirmation(store: Store, audit_id: str, token: str) -> None:
    with store.session() as session:
        _set_state(session, CONFIRMATION + audit_id, token)


def confirm_sign_off(
    address: CentralAddress,
    password: str | None,
    audit_id: str,
    practitioner_password: str,
    *,
    protocol: int = PROTOCOL_VERSION,
    client_format: int = CLIENT_FORMAT,
) -> str:
    """The practitioner's own confirmation of their sign-off, typed on the auditor's laptop:
    this login asks for the practitioner's login, then that login, connecting with the
    password the practitioner typed (checked by the server), makes the confirmation. Returns
    it (the password is used for this one connection and kept nowhere)."""
    import psycopg

    try:
        with connect(address, password) as conn:
            row = conn.execute(
                "SELECT qa_central.sign_off_login(%s, %s, %s)", (protocol, client_format, audit_id)
            ).fetchone()
        login = None if row is None else row[0]
        if not login:
            raise CentralError(
                "The practitioner has no login on the central database, so their sign-off "
                "cannot be confirmed here. They sign off on their own laptop, or the QA team "
                "adds their login."
            )
        try:
            practitioner = connect(address.with_user(str(login)), practitioner_password)
        except LoginRefused:
            raise LoginRefused(
                "The central database did not accept the practitioner's password. Nothing was "
                "signed: ask them to type it again."
            ) from None
        with practitioner as conn:
            row = conn.execute(
                "SELECT qa_central.confirm_sign_off(%s, %s, %s)",
                (protocol, client_format, audit_id),
            ).fetchone()
    except psycopg.Error as exc:
        if getattr(exc, "sqlstate", None) == "QA003":
            raise CentralError(
                "The central database does not hold this audit with you as its auditor and "
                "them as its practitioner yet. Sync, then try again."
            ) from None
        raise _central_error(exc, address) from None
    assert row is not None
    return str(row[0])


def read_state(store: Store, key: str) -> str | None:
    with store.reader() as session:
        return _state(session, key)


def _central_error(exc: psycopg.Error, address: CentralAddress) -> CentralError:
    import psycopg

    state = getattr(exc, "sqlstate", None)
    log.warning("sync failed: %s (%s)", type(exc).__name__, state)
    if state == "QA001":
        return ClientTooOld(
            "The central database needs a newer QA Desktop: update QA Desktop to sync. "
            "Every change you made is kept on this computer."
        )
    if state == "QA002":
        return CentralError(
            "The login {user} is not set up for QA Desktop on the central database. Ask the "
            "QA team to add it.",
            user=address.user,
        )
    if state in ("55P03", "57014"):  # lock_timeout, statement_timeout
        return CentralBusy(
            "The central database is busy (another laptop's sync is holding it) and did not "
            "answer in time. Your work is kept on this computer and will sync when it can."
        )
    if isinstance(exc, psycopg.OperationalError):
        return CentralUnreachable(
            "The connection to the central database at {host}:{port} was lost. Your work is "
            "kept on this computer and will sync when it can.",
            host=address.host,
            port=address.port,
        )
    return CentralError(
        "The central database could not complete the sync ({reason}). Your work is kept on "
        "this computer.",
        reason=type(exc).__name__,
    )

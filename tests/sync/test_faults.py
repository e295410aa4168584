"""Fault injection: syncs cut at every step, in many randomized trials with two or three
laptops. Every trial must end with identical content everywhere, no edit lost, none doubled.

Small batches (three changes a push, four events a pull) make the cuts land mid-batch and
between batches. One seeded RNG makes any failure reproducible.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import select

from qa_desktop.store import models as m
from qa_desktop.store.engine import Store, open_store
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.client import SyncClient
from qa_desktop.sync.conflicts import settle
from qa_desktop.sync.connection import connect
from qa_desktop.sync.rows import SYNCED_TABLES, row_snapshot
from tests.conftest import NOW
from tests.sync.conftest import Central
from tests.sync.world import add_audit, build_world

TRIALS = int(os.environ.get("QA_SYNC_TRIALS", "200"))
STEPS = ("before_push", "mid_batch", "after_server_commit", "before_pull", "mid_pull")
TEXT_FIELDS = ("impact", "voice_of_child", "overall_rationale", "escalation_note")


@pytest.fixture
def fast_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory where there is one (/dev/shm): the trials measure sync, not the
    disk's fsync (the stores keep synchronous=FULL)."""
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(dir=shm, prefix="qa-sync-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


class Cut(Exception):
    """The network dropped (or the lid closed) at this step."""


def _cutter(step: str, after: int) -> Callable[[str], None]:
    seen = Counter[str]()

    def fault(name: str) -> None:
        if name == step:
            seen[name] += 1
            if seen[name] > after:
                raise Cut(name)

    return fault


def _content(store: Store) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with store.reader() as s:
        for table in SYNCED_TABLES:
            key = "id" if "id" in table.c else "key"
            for row in s.execute(select(table)).mappings():
                out[f"{table.name}/{row[key]}"] = row_snapshot(table.name, dict(row))
    return out


def _conflicts(store: Store) -> dict[str, tuple[Any, ...]]:
    with store.reader() as s:
        return {
            c.id: (c.field, c.current_value, c.other_value, c.settled_at is not None)
            for c in s.scalars(select(m.SyncConflict))
        }


def _outbox_ids(store: Store) -> set[str]:
    with store.reader() as s:
        return set(s.scalars(select(m.OutboxChange.change_id)))


@pytest.mark.slow  # 200 fault trials, about 20 s
def test_cut_syncs_converge_with_nothing_lost_or_doubled(
    central: Central, fast_folder: Path
) -> None:
    tmp_path = fast_folder
    rng = random.Random(20261122)
    login = central.add_login("qa", "qa-person", ["qa_team"])
    stores = [open_store(tmp_path / f"laptop{n}.qadb", create=True) for n in range(3)]
    world = build_world(stores[0])
    audits = [add_audit(stores[0], world, f"QA-{n:07d}") for n in range(4)]
    connections = [connect(login) for _ in stores]
    clients = [
        SyncClient(s, login, None, now=lambda: NOW, push_batch=3, pull_batch=4) for s in stores
    ]
    made: set[str] = set()  # every change any laptop captured
    actions_made = 0
    counter = 0

    def capture(store: Store) -> None:
        made.update(_outbox_ids(store))

    def clean_sync(n: int) -> None:
        clients[n].fault = _cutter("", 0)
        clients[n].sync(connections[n])

    capture(stores[0])
    for n in range(3):
        clean_sync(n)

    def random_edit(store: Store) -> None:
        nonlocal counter, actions_made
        counter += 1
        audit_id = rng.choice(audits)
        with store.session() as s:
            row = s.get(m.Audit, audit_id)
            assert row is not None
            r = Recorder(s, rng.choice([world.auditor, world.qa, world.practitioner]), NOW)
            roll = rng.random()
            if roll < 0.08 and row.deleted_at is None:
                r.delete(row)
            elif roll < 0.14 and row.deleted_at is not None:
                r.update(row, deleted_at=None)
            elif roll < 0.26:
                r.insert(
                    m.Action,
                    audit_id=audit_id,
                    description=f"Action {counter}",
                    owner_id=world.practitioner,
                    due_on=date(2026, 12, 1),
                    created_at=NOW,
                )
                actions_made += 1
            elif roll < 0.34:
                r.update(row, escalation=not row.escalation)
            else:
                r.update(row, **{rng.choice(TEXT_FIELDS): f"edit {counter}"})
        capture(store)

    def settle_some(store: Store) -> None:
        with store.reader() as s:
            open_ = s.scalars(select(m.SyncConflict).where(m.SyncConflict.settled_at.is_(None)))
            chosen = [c.id for c in open_ if rng.random() < 0.3]
        for conflict_id in chosen:
            settle(store, conflict_id, world.qa, NOW, keep=rng.choice(["current", "other"]))
        capture(store)

    cuts = Counter[str]()
    for _trial in range(TRIALS):
        team = rng.sample(range(3), rng.choice([2, 3]))
        for _round in range(rng.randint(1, 3)):
            for n in team:
                for _ in range(rng.randint(0, 3)):
                    random_edit(stores[n])
                if rng.random() < 0.2:
                    settle_some(stores[n])
            for n in rng.sample(team, len(team)):
                step = rng.choice((*STEPS, "none"))
                clients[n].fault = _cutter(step, rng.randint(0, 2))
                try:
                    clients[n].sync(connections[n])
                except Cut as cut:
                    cuts[str(cut)] += 1
        # The network comes back: everyone syncs once (pushing all), then the first two once
        # more to pull what the later ones pushed; the last has everything already.
        for n in (0, 1, 2, 0, 1):
            clean_sync(n)
        contents = [_content(s) for s in stores]
        assert contents[0] == contents[1] == contents[2]
        conflicts = [_conflicts(s) for s in stores]
        assert conflicts[0] == conflicts[1] == conflicts[2]
        assert all(not _outbox_ids(s) for s in stores)

    # Every step was cut, many times over.
    assert all(cuts[step] >= TRIALS // 20 for step in STEPS), cuts

    with central.admin_connection() as conn:
        logged = Counter(
            cid
            for (cid,) in conn.execute(
                "SELECT change_id FROM qa_central.changes WHERE kind <> 'settle' "
                "AND change_id NOT LIKE 'load:%%'"
            )
        )
        refused = conn.execute("SELECT count(*) FROM qa_central.refused").fetchone()
        central_rows = {
            f"{t}/{r}": fields
            for t, r, fields in conn.execute(
                "SELECT table_name, row_id, fields FROM qa_central.rows"
            )
        }
    # Nothing lost: every change made on any laptop reached the log; nothing doubled.
    assert set(logged) == made
    assert max(logged.values()) == 1
    assert refused == (0,)
    # The laptops hold exactly what the central database holds.
    assert central_rows == contents[0]
    actions = [k for k in contents[0] if k.startswith("actions/")]
    assert len(actions) == actions_made
    for conn_ in connections:
        conn_.close()
    for store in stores:
        store.close()


def test_a_cut_connection_is_reported_as_offline(central: Central, tmp_path: Path) -> None:
    login = central.add_login("qa", "qa-person", ["qa_team"])
    store = open_store(tmp_path / "one.qadb", create=True)
    build_world(store)
    with store.reader() as s:
        waiting = len(s.scalars(select(m.OutboxChange)).all())
    conn = connect(login)
    client = SyncClient(store, login, None, now=lambda: NOW)

    def drop(step: str) -> None:
        if step == "mid_batch":
            conn.close()  # the network goes, mid-transaction
            raise psycopg.OperationalError("connection lost")

    client.fault = drop
    from qa_desktop.sync.connection import CentralUnreachable

    try:
        client.sync(conn)
    except CentralUnreachable as exc:
        assert "kept on this computer" in str(exc)
    else:
        raise AssertionError("a lost connection must be reported")
    with store.reader() as s:
        assert len(s.scalars(select(m.OutboxChange)).all()) == waiting
    store.close()


@pytest.mark.slow  # twenty laptops at once, about 15 s
def test_twenty_laptops_syncing_at_once_converge_with_nothing_lost_or_doubled(
    central: Central, fast_folder: Path
) -> None:
    """Twenty laptops each edit and add actions offline, then all sync at the same moment,
    each on its own thread and connection (the pushes queue on the central counter): every
    change arrives once, and after a second round every laptop holds what the central holds."""
    import threading

    laptops = 20
    login = central.add_login("qa", "qa-person", ["qa_team"])
    stores = [open_store(fast_folder / f"laptop{n}.qadb", create=True) for n in range(laptops)]
    world = build_world(stores[0])
    audits = [add_audit(stores[0], world, f"QA-{n:07d}") for n in range(3)]
    clients = [SyncClient(s, login, None, now=lambda: NOW) for s in stores]
    made = _outbox_ids(stores[0])
    clients[0].sync()
    for client in clients[1:]:
        client.sync()  # every laptop starts from the same records

    for n, store in enumerate(stores):
        with store.session() as s:
            r = Recorder(s, world.qa, NOW)
            audit = s.get(m.Audit, audits[n % len(audits)])
            assert audit is not None
            r.update(audit, **{TEXT_FIELDS[n % len(TEXT_FIELDS)]: f"laptop {n}"})
            r.insert(
                m.Action,
                audit_id=audits[n % len(audits)],
                description=f"Action from laptop {n}",
                owner_id=world.practitioner,
                due_on=date(2026, 12, 1),
                created_at=NOW,
            )
        made |= _outbox_ids(store)

    failures: list[BaseException] = []
    start = threading.Barrier(laptops)

    def sync(n: int) -> None:
        try:
            start.wait()
            clients[n].sync()
        except BaseException as exc:  # reported below, with the laptop's number
            failures.append(exc)

    threads = [threading.Thread(target=sync, args=(n,)) for n in range(laptops)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    for client in clients:
        client.sync()  # the second round brings each laptop what the others pushed

    contents = [_content(s) for s in stores]
    assert all(c == contents[0] for c in contents)
    assert all(not _outbox_ids(s) for s in stores)
    with central.admin_connection() as conn:
        logged = Counter(
            cid
            for (cid,) in conn.execute(
                "SELECT change_id FROM qa_central.changes WHERE kind <> 'settle' "
                "AND change_id NOT LIKE 'load:%%'"
            )
        )
    assert made <= set(logged)
    assert max(logged.values()) == 1
    actions = [k for k in contents[0] if k.startswith("actions/")]
    assert len(actions) == laptops
    for store in stores:
        store.close()

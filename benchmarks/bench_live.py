"""Live side by side: a field saved on one laptop, the time until the other laptop's store
holds it (that laptop listening, and pulling when told, as the workspace does), median and 95th
percentile over 200 edits, against the central PostgreSQL on this computer; and the cost on the
central database of 50 open audits listening: a push's time with 50 listening connections
against none, in the same run.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_live.py [--edits 200] [--listeners 50]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from qa_desktop.sync.central.admin import add_user, init_central
from qa_desktop.sync.client import SyncClient
from qa_desktop.sync.connection import CentralAddress, connect
from qa_desktop.sync.live import Changed, LiveLink, Notice, channel_of
from tests.conftest import NOW
from tests.sync.world import add_audit, build_world, edit


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--listeners", type=int, default=50)
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    server = CentralAddress.parse(args.url)
    name = f"live_bench_{uuid.uuid4().hex[:8]}"
    folder = Path(tempfile.mkdtemp(prefix="qa-live-"))
    with psycopg.connect(
        host=server.host, port=server.port, user=server.user, dbname=server.database,
        autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(f'CREATE DATABASE "{name}"')
    central = server.__class__(server.host, server.port, name, server.user)
    login = f"{name}_qa"
    try:
        init_central(central)
        add_user(central, None, login=login, login_password=None, person_id="x", roles=["qa_team"])
        address = central.with_user(login)
        writer = open_store(folder / "writer.qadb", create=True)
        reader = open_store(folder / "reader.qadb", create=True)
        world = build_world(writer)
        audit_id = add_audit(writer, world, "QA-0000001")
        write_client = SyncClient(writer, address, None, now=lambda: NOW)
        read_client = SyncClient(reader, address, None, now=lambda: NOW)
        write_client.sync()
        read_client.sync()

        told = threading.Event()

        def heard(notice: Notice) -> None:
            if isinstance(notice, Changed):
                told.set()

        link = LiveLink(address, None, on_notice=heard)
        threading.Thread(target=link.run, daemon=True).start()
        link.open_audit(audit_id, "assessment")
        time.sleep(1.0)
        write_conn, read_conn = connect(address), connect(address)
        lags: list[float] = []
        for n in range(args.edits):
            value = f"edit {n}"
            told.clear()
            started = time.perf_counter()
            edit(writer, world.qa, m.Audit, audit_id, impact=value)  # the save
            write_client.sync(write_conn)  # the debounced push
            if not told.wait(5):
                raise SystemExit(f"edit {n}: no notice within 5 s")
            read_client.sync(read_conn)  # the pull the notice asks for
            with reader.reader() as session:
                held = session.get(m.Audit, audit_id)
                assert held is not None and held.impact == value
            lags.append((time.perf_counter() - started) * 1000)
        link.stop()
        print(
            f"save on one laptop -> held by the other, {args.edits} edits: "
            f"median {statistics.median(lags):.1f} ms, p95 {_p95(lags):.1f} ms (target <= 1000)"
        )

        def pushes(count: int) -> list[float]:
            times = []
            for n in range(count):
                edit(writer, world.qa, m.Audit, audit_id, impact=f"cost {n} {time.time()}")
                started = time.perf_counter()
                write_client.sync(write_conn)
                times.append((time.perf_counter() - started) * 1000)
            return times

        bare = pushes(100)
        listeners = []
        for _ in range(args.listeners):
            conn = connect(address)
            conn.autocommit = True
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel_of(str(uuid.uuid4())))))
            listeners.append(conn)
        listeners[0].execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel_of(audit_id))))
        loaded = pushes(100)
        for conn in listeners:
            conn.close()
        print(
            f"one push (sync of one edit), 100 each: no listener median "
            f"{statistics.median(bare):.1f} ms p95 {_p95(bare):.1f} ms; {args.listeners} "
            f"listening connections median {statistics.median(loaded):.1f} ms "
            f"p95 {_p95(loaded):.1f} ms"
        )
        write_conn.close()
        read_conn.close()
        writer.close()
        reader.close()
    finally:
        with psycopg.connect(
            host=server.host, port=server.port, user=server.user, dbname=server.database,
            autocommit=True,
        ) as admin:  # fmt: skip
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in (login, f"qa_client_{name}", f"qa_owner_{name}"):
                admin.execute(f'DROP ROLE IF EXISTS "{role}"')


if __name__ == "__main__":
    main()

"""Sync speed against a loopback PostgreSQL, with baselines measured in the same run.

    /tmp/venv/bin/python benchmarks/bench_sync.py [--audits 10000] [--url postgresql+psycopg://postgres@127.0.0.1:5432/test]

Figures:
- first sync of N audits (each with five section reviews) into an empty store, against a raw
  bulk insert of the same rows into an empty store (target <= 60 s and <= 3x the raw insert);
- one change round trip: laptop A pushes one edit, laptop B pulls it (target <= 200 ms);
- a backlog of 1,000 offline changes pushed and acknowledged in one sync (target <= 2 s).

A scratch database and its roles are created and dropped.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_desktop.store import models as m
from qa_desktop.store.engine import Store, open_store
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.central.admin import add_user, init_central, load_rows
from qa_desktop.sync.client import SyncClient
from qa_desktop.sync.connection import CentralAddress, connect
from qa_desktop.sync.rows import SYNCED_TABLES, key_column, row_snapshot

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
SECTIONS = ("assessment", "planning", "intervention", "review", "supervision")


def _world_rows(audits: int) -> list[tuple[str, dict[str, Any]]]:
    """Parents first: area, service, team, people, case, form, version, audits, reviews."""
    rows: list[tuple[str, dict[str, Any]]] = []

    def add(table: str, **values: Any) -> str:
        values.setdefault("id", str(uuid.uuid4()))
        rows.append((table, values))
        return str(values["id"])

    area = add("areas", name="West")
    service = add("services", name="Early Help")
    team = add("teams", name="West Early Help 1", area_id=area, service_id=service)
    auditor = add("people", name="Bench Auditor", role="team_manager", team_id=team)
    practitioner = add("people", name="Bench Practitioner", role="practitioner", team_id=team)
    case = add("cases", reference="C-1", initials="AB", legal_status="child_in_need", team_id=team)
    form = add("forms", key="case_file", title="Case file audit", kind="case_file")
    version = add(
        "form_versions", form_id=form, version=1, source="{}", checksum="0" * 64,
        published_at=NOW,
    )  # fmt: skip
    for n in range(audits):
        audit = add(
            "audits",
            reference=f"QA-{n:07d}",
            case_id=case,
            form_version_id=version,
            audit_type="case_file",
            state="submitted",
            auditor_id=auditor,
            practitioner_id=practitioner,
            due_on=date(2026, 12, 1),
            overall_rationale="The plan is clear and the child's voice is recorded well.",
            created_at=NOW,
        )
        for section in SECTIONS:
            add(
                "section_reviews",
                audit_id=audit,
                section_id=section,
                grade="good",
                rationale="Evidence of regular visits and a clear plan.",
            )
    return [(t, row_snapshot(t, v)) for t, v in rows]


def _bulk_insert(store: Store, rows: list[tuple[str, dict[str, Any]]]) -> None:
    """The baseline: the same rows, straight into the tables, one statement per table."""
    tables = {t.name: t for t in SYNCED_TABLES}
    from qa_desktop.sync.rows import to_python

    by_table: dict[str, list[dict[str, Any]]] = {}
    for table, values in rows:
        by_table.setdefault(table, []).append(
            {k: to_python(table, k, v) for k, v in values.items()}
        )
    with store.session() as session:
        for table, batch in by_table.items():
            session.execute(insert(tables[table]), batch)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--audits", type=int, default=10_000)
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    server = CentralAddress.parse(args.url)
    name = f"qa_bench_{uuid.uuid4().hex[:8]}"
    folder = Path(tempfile.mkdtemp(prefix="qa-bench-"))
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
        rows = _world_rows(args.audits)
        print(f"rows: {len(rows):,} ({args.audits:,} audits, each with 5 section reviews)")

        baseline_store = open_store(folder / "baseline.qadb", create=True)
        started = time.perf_counter()
        _bulk_insert(baseline_store, rows)
        baseline = time.perf_counter() - started
        baseline_store.close()

        with connect(central) as conn:
            load_rows(
                conn,
                ((t, str(v[key_column(t)]), v) for t, v in rows),
            )
        address = central.with_user(login)
        first = open_store(folder / "first.qadb", create=True)
        started = time.perf_counter()
        report = SyncClient(first, address, None, now=lambda: NOW).sync()
        first_sync = time.perf_counter() - started
        assert report.applied == len(rows), report
        print(f"raw bulk insert (baseline): {baseline:6.2f} s")
        print(
            f"first sync:                 {first_sync:6.2f} s   "
            f"({first_sync / baseline:.1f}x the raw insert; targets <= 60 s and <= 3x)"
        )

        # One change round trip: A pushes one edit, B pulls it.
        second = open_store(folder / "second.qadb", create=True)
        a_client = SyncClient(first, address, None, now=lambda: NOW)
        b_client = SyncClient(second, address, None, now=lambda: NOW)
        b_client.sync()
        with first.reader() as session:
            audit_ids = list(session.scalars(text("SELECT id FROM audits LIMIT 1000")))
        a_conn, b_conn = connect(address), connect(address)
        a_client.sync(a_conn)
        b_client.sync(b_conn)
        trips = []
        for n in range(20):
            with first.session() as session:
                row = session.get(m.Audit, audit_ids[0])
                assert row is not None
                Recorder(session, None, NOW).update(row, impact=f"round trip {n}")
            started = time.perf_counter()
            a_client.sync(a_conn)
            got = b_client.sync(b_conn)
            trips.append(time.perf_counter() - started)
            assert got.applied == 1, got
        trip = statistics.median(trips)
        print(
            f"one change round trip:      {trip * 1000:6.0f} ms  (median of 20, each "
            f"a push and a pull; target <= 200 ms)"
        )

        # A backlog of 1,000 offline changes.
        with first.session() as session:
            recorder = Recorder(session, None, NOW)
            for n, audit_id in enumerate(audit_ids):
                row = session.get(m.Audit, audit_id)
                assert row is not None
                recorder.update(row, escalation_note=f"offline note {n}")
        started = time.perf_counter()
        backlog = a_client.sync(a_conn)
        backlog_time = time.perf_counter() - started
        assert backlog.accepted == len(audit_ids), backlog
        print(
            f"backlog of {len(audit_ids):,} changes:     {backlog_time:6.2f} s   "
            f"(push and acknowledge, then pull them back; target <= 2 s)"
        )
        a_conn.close()
        b_conn.close()
        first.close()
        second.close()
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

"""Sync speed on a real demo county against a loopback PostgreSQL, with baselines measured in
the same run.

    PYTHONPATH=.:benchmarks python benchmarks/bench_sync.py [--audits 10000] [--runs 3]
        [--work DIR] [--url postgresql+psycopg://postgres@127.0.0.1:5432/test]

The demo county of N audits is built once under ``--work`` (``common.py``) and loaded into a
new central database (``bench_sync_<pid>``, dropped afterwards) as ``qa-desktop central load``
loads it. Figures:

- the first sync of a QA officer (who reads every audit) into an empty store, against the same
  rows inserted directly in bulk into an empty store (one statement per table and batch, the
  report tables rebuilt once at the end), both ``--runs`` times, and the stores' sizes
  (targets: <= 20 s and <= 2x the direct insert; the synced store <= 1.3x the direct one);
  beside them once, the direct insert with the report tables kept row by row by their
  triggers (the baseline before);
- one change round trip: laptop A pushes one edit, laptop B pulls it (target <= 200 ms);
- a backlog of 1,000 offline changes pushed and acknowledged in one sync (target <= 2 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

from sqlalchemy import insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DEFAULT_WORK, NOW, file_mb, load_average, loaded_central, store_path

from qa_desktop.store import models as m
from qa_desktop.store.engine import Store, open_store
from qa_desktop.store.recorder import Recorder
from qa_desktop.store.reporting import tables
from qa_desktop.sync.client import SyncClient
from qa_desktop.sync.connection import connect
from qa_desktop.sync.rows import SYNCED_TABLES

BATCH = 5000


def _direct_insert(source: Store, target: Store, *, rebuilt_once: bool) -> tuple[int, float]:
    """The baseline: every synced row of ``source``, straight into ``target``'s tables in one
    transaction, parents first, one statement per table and batch; the report tables kept by
    their triggers, or (``rebuilt_once``) rebuilt once at the end as a bulk write does.
    Returns (rows, seconds spent writing: reading is left out)."""
    rows = 0
    spent = 0.0
    with source.reader() as reading, target.session() as writing:
        writing.execute(text("PRAGMA defer_foreign_keys = ON"))
        started = time.perf_counter()
        with tables.rebuilt_once(writing.connection()) if rebuilt_once else nullcontext():
            spent += time.perf_counter() - started
            for table in SYNCED_TABLES:
                for part in reading.execute(select(table)).mappings().partitions(BATCH):
                    batch = [dict(row) for row in part]
                    started = time.perf_counter()
                    writing.execute(insert(table), batch)
                    spent += time.perf_counter() - started
                    rows += len(batch)
            started = time.perf_counter()  # the rebuild and the commit count
        writing.commit()
        spent += time.perf_counter() - started
    return rows, spent


def _spread(values: list[float], unit: str = "s") -> str:
    return (
        f"min {min(values):6.2f}  median {statistics.median(values):6.2f}  "
        f"max {max(values):6.2f} {unit}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--audits", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="first syncs (and baselines), >= 2")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    runs = max(2, args.runs)
    folder = Path(tempfile.mkdtemp(prefix="qa-bench-sync-"))
    county = open_store(store_path(args.work, args.audits))
    print(load_average())
    with loaded_central(args.url, county) as (address, person):
        county.close()
        synced: list[Store] = []
        firsts: list[float] = []
        directs: list[float] = []
        for n in range(runs):  # one of each in turn, so that both see the machine's load
            store = open_store(folder / f"first-{n}.qadb", create=True)
            started = time.perf_counter()
            report = SyncClient(store, address, None, now=lambda: NOW).sync()
            firsts.append(time.perf_counter() - started)
            synced.append(store)
            print(f"first sync {n + 1}: {firsts[-1]:6.2f} s ({report.applied:,} rows)", flush=True)
            target = open_store(folder / f"direct-{n}.qadb", create=True)
            copied, seconds = _direct_insert(synced[0], target, rebuilt_once=True)
            target.close()
            directs.append(seconds)
            print(f"direct insert {n + 1}: {seconds:6.2f} s ({copied:,} rows)", flush=True)
            assert copied == report.applied, (copied, report.applied)
        rows = report.applied
        target = open_store(folder / "triggers.qadb", create=True)
        _copied, by_triggers = _direct_insert(synced[0], target, rebuilt_once=False)
        target.close()
        with synced[0].reader() as session:
            history = session.scalar(text("SELECT count(*) FROM history"))
            answers = session.scalar(text("SELECT count(*) FROM answers"))
        first, direct = statistics.median(firsts), statistics.median(directs)
        print(f"rows: {rows:,} ({answers:,} answers) of a {args.audits:,}-audit demo county")
        print(
            f"direct insert, report tables by their triggers (once): {by_triggers:6.2f} s  "
            f"{rows / by_triggers:,.0f} rows/s"
        )
        print(f"direct bulk insert (baseline): {_spread(directs)}  {rows / direct:,.0f} rows/s")
        print(f"first sync:                    {_spread(firsts)}  {rows / first:,.0f} rows/s")
        print(
            f"ratio (medians): {first / direct:.2f}x the direct insert; "
            f"targets <= 20 s and <= 2x: {'met' if first <= 20 and first <= 2 * direct else 'NOT met'}"
        )

        # One change round trip: A pushes one edit, B pulls it.
        a_store, b_store = synced[0], synced[1]
        a_client = SyncClient(a_store, address, None, now=lambda: NOW)
        b_client = SyncClient(b_store, address, None, now=lambda: NOW)
        with a_store.reader() as session:
            audit_ids = list(
                session.scalars(text("SELECT id FROM audits ORDER BY reference LIMIT 1000"))
            )
        a_conn, b_conn = connect(address), connect(address)
        a_client.sync(a_conn)
        b_client.sync(b_conn)
        trips = []
        for n in range(20):
            with a_store.session() as session:
                row = session.get(m.Audit, audit_ids[0])
                assert row is not None
                Recorder(session, person, NOW).update(row, impact=f"round trip {n}")
            started = time.perf_counter()
            a_client.sync(a_conn)
            got = b_client.sync(b_conn)
            trips.append(time.perf_counter() - started)
            assert got.applied == 1, got
        print(
            f"one change round trip:  {_spread([t * 1000 for t in trips], 'ms')} "
            f"(20, each a push and a pull; target <= 200 ms)"
        )

        # A backlog of 1,000 offline changes.
        with a_store.session() as session:
            recorder = Recorder(session, person, NOW)
            for n, audit_id in enumerate(audit_ids):
                row = session.get(m.Audit, audit_id)
                assert row is not None
                recorder.update(row, escalation_note=f"offline note {n}")
        started = time.perf_counter()
        backlog = a_client.sync(a_conn)
        backlog_time = time.perf_counter() - started
        assert backlog.accepted == len(audit_ids), backlog
        print(
            f"backlog of {len(audit_ids):,} changes: {backlog_time:6.2f} s "
            f"(push and acknowledge, then pull them back; target <= 2 s)"
        )
        a_conn.close()
        b_conn.close()
        for store in synced:
            store.close()
    first_mb = file_mb(folder / "first-0.qadb")
    direct_mb = file_mb(folder / "direct-0.qadb")
    print(
        f"store sizes: first sync {first_mb:.0f} MB ({history:,} history rows), direct insert "
        f"{direct_mb:.0f} MB: {first_mb / direct_mb:.2f}x (target <= 1.3x)"
    )
    print(load_average())
    for leftover in folder.iterdir():
        leftover.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()

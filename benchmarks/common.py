"""Shared by the benchmarks: demo stores built once under a work folder, timing, figures.

A benchmark's store is built with ``build_demo`` and a fixed clock the first time it is asked
for (about eight minutes for 100,000 audits on two cores) and reused afterwards; ``--work DIR``
says where they are kept.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from qa_desktop.demo.county import build_demo
from qa_desktop.services.clock import fixed_clock
from qa_desktop.store.engine import Store, open_store

if TYPE_CHECKING:
    from qa_desktop.sync.connection import CentralAddress

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
DEFAULT_WORK = Path.home() / ".cache" / "qa-desktop-bench"


def store_path(work: Path, audits: int) -> Path:
    """The demo store of ``audits`` audits under ``work``, built first if it is not there."""
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"demo-{audits}.qadb"
    if not path.exists():
        print(f"building the demo store ({audits} audits) into {path} — once only …", flush=True)
        started = time.perf_counter()
        partial = work / f"demo-{audits}.partial.qadb"
        for leftover in work.glob(f"demo-{audits}.partial.qadb*"):
            leftover.unlink()
        built = open_store(partial, create=True)
        build_demo(built, audits=audits, seed=1, clock=fixed_clock(NOW))
        built.close()
        partial.rename(path)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    _without_statistics(path)
    return path


def _without_statistics(path: Path) -> None:
    """QA Desktop never runs ANALYZE, so its queries are planned without statistics: a store
    analysed by an earlier benchmark (these did until 7 December 2026) has them dropped, so
    that every benchmark times the plans a person's laptop runs."""
    store = open_store(path)  # migrates the cached store if needed
    try:
        with store.engine.begin() as connection:
            if connection.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            ).first():
                connection.execute(text("DROP TABLE sqlite_stat1"))
                connection.execute(text("ANALYZE sqlite_schema"))  # forget the loaded ones
    finally:
        store.close()


def open_bench_store(work: Path, audits: int) -> Store:
    return open_store(store_path(work, audits))


@contextmanager
def loaded_central(url: str, store: Store) -> Iterator[tuple[CentralAddress, str]]:
    """A new central database ``bench_sync_<pid>`` on the server at ``url`` holding every
    record of ``store`` (as ``qa-desktop central load`` loads it), and the login of one of its
    QA officers: yields (that login's address, the person's id). Dropped afterwards."""
    import psycopg

    from qa_desktop.domain.roles import Role
    from qa_desktop.store import models as m
    from qa_desktop.sync.central.admin import add_user, init_central, load_store
    from qa_desktop.sync.connection import CentralAddress

    server = CentralAddress.parse(url)
    name = f"bench_sync_{os.getpid()}"
    login = f"{name}_qa"

    def admin() -> psycopg.Connection:
        return psycopg.connect(
            host=server.host, port=server.port, user=server.user, dbname=server.database,
            autocommit=True,
        )  # fmt: skip

    with admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    central = replace(server, database=name)
    try:
        init_central(central)
        load_store(central, None, store)
        with store.reader() as session:
            person = session.query(m.Person.id).filter(m.Person.role == Role.QA_OFFICER.value)
            person_id = str(person.order_by(m.Person.name).first()[0])  # type: ignore[index]
        add_user(central, None, login=login, login_password=None, person_id=person_id,
                 roles=["qa_team"])  # fmt: skip
        yield central.with_user(login), person_id
    finally:
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in (login, f"qa_client_{name}", f"qa_owner_{name}"):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def file_mb(path: Path) -> float:
    """A store's size on disk with its WAL, in MB."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) / 1e6


def times_ms(work: Callable[[], object], runs: int) -> list[float]:
    result = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        result.append((time.perf_counter() - started) * 1000)
    return result


def spread(values: list[float]) -> str:
    """min / median / max of a set of timings."""
    return (
        f"min {min(values):7.1f}  median {statistics.median(values):7.1f}  "
        f"max {max(values):7.1f} ms"
    )


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"

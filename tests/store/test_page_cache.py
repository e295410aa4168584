"""A block of heavy reading keeps its pages in a larger cache, and hands it back after."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import Clock
from qa_desktop.services.reporting import ReportingService
from qa_desktop.store.engine import Store
from qa_desktop.store.page_cache import (
    LARGE_CACHE_KIB,
    STEADY_CACHE_KIB,
    STEADY_CACHE_MAX_KIB,
    larger_page_cache,
    steady_cache_kib,
)


def test_the_cache_is_larger_inside_the_block_and_its_size_comes_back(store: Store) -> None:
    with store.engine.connect() as connection:
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        with larger_page_cache(connection):
            inside = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        after = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    assert inside == -LARGE_CACHE_KIB
    assert after == before != inside


def test_a_dashboard_refresh_reads_with_the_larger_cache(store: Store, clock: Clock) -> None:
    sizes: list[str] = []

    def heard(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("PRAGMA cache_size ="):
            sizes.append(statement)

    event.listen(store.engine, "before_cursor_execute", heard)
    try:
        period = Period(date(2026, 10, 1), date(2026, 10, 31))
        ReportingService(store, clock).dashboard(period, ReportSlice(), SYSTEM)
    finally:
        event.remove(store.engine, "before_cursor_execute", heard)
    assert sizes[0] == f"PRAGMA cache_size = -{LARGE_CACHE_KIB}"
    assert len(sizes) == 2  # raised for the refresh, then set back


def test_a_connections_own_cache_grows_with_its_store_within_a_bound() -> None:
    mib = 1024 * 1024
    assert steady_cache_kib(0) == steady_cache_kib(240 * mib) == STEADY_CACHE_KIB  # 10,000
    assert steady_cache_kib(1024 * mib) == 16384  # a sixty-fourth of a 1 GiB store
    assert steady_cache_kib(2200 * mib) == STEADY_CACHE_MAX_KIB  # 100,000 audits


def test_every_connection_takes_the_cache_its_stores_size_gives(store: Store, monkeypatch) -> None:
    from qa_desktop.store import engine

    sizes: list[int] = []
    monkeypatch.setattr(engine, "steady_cache_kib", lambda size: sizes.append(size) or 20000)
    again = engine.sqlite_engine(store.path)
    try:
        with again.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -20000
    finally:
        again.dispose()
    assert sizes == [store.path.stat().st_size]

"""Benchmark: one dashboard refresh over a 100,000-audit demo store (target: 300 ms or less).

    python benchmarks/bench_dashboard.py [--work DIR] [--audits N] [--runs N] [--breakdown] [--cold]

The refreshes cover every kind of slice: the county, one area, service, team and worker, one
audit type; for a month, a quarter and any dates. ``--breakdown`` times each query of each
refresh. ``--cold`` times the first refresh a person waits for after the laptop restarted:
the store file evicted from the OS page cache and opened afresh.

The store is built once under the work folder (``benchmarks/common.py``) and reused. Every figure is printed beside a baseline
measured in the same run on the same store: a bare ``SELECT COUNT(*) FROM answers``, the
cheapest possible pass over the biggest table the dashboard reads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from common import DEFAULT_WORK, NOW, load_average, open_bench_store, spread, times_ms
from sqlalchemy import text

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.report_periods import ReportSlice, comparison_period, trend_quarters
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.reporting import ReportingService
from qa_desktop.store.engine import Store, open_store
from qa_desktop.store.reporting import queries as rq

TARGET_MS = 300.0


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """(first run, median of the following runs) in milliseconds."""
    times = times_ms(work, runs + 1)
    return times[0], statistics.median(times[1:])


def evict(path: Path) -> None:
    """Drop the store's pages from the OS page cache (``posix_fadvise(DONTNEED)``), as after a
    restart of the laptop, so that the next read comes from the disk."""
    for part in (path, *path.parent.glob(path.name + "-*")):
        fd = os.open(part, os.O_RDONLY)
        try:
            os.fsync(fd)  # only clean pages can be dropped
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def cold(path: Path, work: Callable[[Store], object], runs: int) -> list[float]:
    """``work`` timed on a store opened afresh (SQLite's own cache empty) after evicting its
    file from the OS cache, ``runs`` times."""
    result = []
    for _ in range(runs):
        evict(path)
        store = open_store(path)
        started = time.perf_counter()
        work(store)
        result.append((time.perf_counter() - started) * 1000)
        store.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--audits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--breakdown", action="store_true", help="time each query too")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="also the first refresh with the store out of the OS cache",
    )
    args = parser.parse_args()
    print(load_average())
    store = open_bench_store(args.work, args.audits)
    reporting = ReportingService(store, fixed_clock(NOW))
    with store.reader() as session:
        answers = session.scalar(text("SELECT COUNT(*) FROM answers"))
        audits = session.scalar(text("SELECT COUNT(*) FROM audits"))

    def baseline() -> None:
        with store.reader() as session:
            session.scalar(text("SELECT COUNT(*) FROM answers"))

    _, base = timed(baseline, args.runs)
    print(f"store: {audits} audits, {answers} answers")
    print(f"baseline  COUNT(*) over answers: {base:8.1f} ms")
    quarter = FinancialQuarter.containing(NOW.date()).previous()
    q_period = Period.quarter(quarter)
    with store.reader() as session:
        team, area, service = session.execute(
            text("SELECT id, area_id, service_id FROM teams ORDER BY name LIMIT 1")
        ).one()
        # The worker with most audits: the biggest one-worker slice.
        worker = session.scalar(
            text(
                "SELECT practitioner_id FROM audits WHERE practitioner_id IS NOT NULL"
                " GROUP BY practitioner_id ORDER BY count(*) DESC LIMIT 1"
            )
        )
    cases: list[tuple[str, Period, ReportSlice]] = [
        ("month (Oct 2026), county", Period.month(2026, 10), ReportSlice()),
        (f"quarter ({quarter.label}), county", q_period, ReportSlice()),
        ("quarter, one area", q_period, ReportSlice(area_id=area)),
        ("quarter, one service", q_period, ReportSlice(service_id=service)),
        ("quarter, one team", q_period, ReportSlice(team_id=team)),
        ("quarter, one worker", q_period, ReportSlice(worker_id=worker)),
        ("quarter, routine audits", q_period, ReportSlice(audit_type="routine")),
        (
            "any dates (1-14 Oct 2026), county",
            Period(date(2026, 10, 1), date(2026, 10, 14)),
            ReportSlice(),
        ),
        (
            "any dates (15 Sep-14 Oct 2026), one area",
            Period(date(2026, 9, 15), date(2026, 10, 14)),
            ReportSlice(area_id=area),
        ),
    ]
    print(f"{'dashboard refresh':42} {'first':>9} {'median':>9} {'x base':>7} {'target':>7}")
    for label, period, slc in cases:
        first, median = timed(lambda p=period, s=slc: reporting.dashboard(p, s, SYSTEM), args.runs)
        verdict = "ok" if median <= TARGET_MS else "MISSED"
        print(
            f"{label:42} {first:7.0f}ms {median:7.0f}ms {median / base:7.1f} {verdict:>7}",
            flush=True,
        )
    if args.cold:
        path = store.path
        runs = max(3, args.runs)

        def count_answers(opened: Store) -> None:
            with opened.reader() as session:
                session.scalar(text("SELECT COUNT(*) FROM answers"))

        def first_refresh(opened: Store) -> None:
            ReportingService(opened, fixed_clock(NOW)).dashboard(q_period, ReportSlice(), SYSTEM)

        print(f"cold: the store evicted from the OS cache and opened afresh, {runs} runs")
        print(f"  baseline COUNT(*) over answers  {spread(cold(path, count_answers, runs))}")
        first = cold(path, first_refresh, runs)
        verdict = "ok" if statistics.median(first) <= TARGET_MS else "MISSED"
        print(f"  first refresh, county quarter   {spread(first)}  {verdict}", flush=True)
    if args.breakdown:
        day = NOW.date()

        def parts(period: Period, slc: ReportSlice) -> dict[str, Callable[[Any], object]]:
            return {
                "answer tallies (this and previous period)": lambda s: rq.answer_tallies(
                    s, period, comparison_period(period), slc
                ),
                "audits per form version": lambda s: rq.audits_per_version(s, period, slc),
                "section grades": lambda s: rq.section_grade_counts(s, period, slc),
                "overall grades": lambda s: rq.overall_grade_counts(s, period, slc),
                "grade trend (4 quarters)": lambda s: rq.overall_grade_trend(
                    s, [Period.quarter(q) for q in trend_quarters(period)], slc
                ),
                "plan": lambda s: rq.plan_counts(s, period, slc),
                "moderation by auditor": lambda s: rq.agreement_by_auditor(s, period, slc),
                "Inadequate and re-audits": lambda s: rq.inadequate_counts(s, period, slc),
                "meetings": lambda s: rq.meeting_counts(s, period, slc, day),
                "re-audit timeliness": lambda s: rq.reaudit_counts(s, period, slc, day),
                "actions": lambda s: rq.action_counts(s, period, slc, day),
                "voice of the child": lambda s: rq.voice_counts(s, period, slc),
                "even better if texts": lambda s: rq.even_better_if_texts(s, period, slc),
            }

        columns = [label.split(",")[-1].strip()[:9] for label, *_ in cases]
        print("breakdown (ms, median):")
        print(f"  {'':42}" + "".join(f" {c:>9}" for c in columns))
        timings: dict[str, list[float]] = {}
        with store.reader() as session:
            for _label, period, slc in cases:
                for name, part in parts(period, slc).items():
                    _, median = timed(lambda p=part: p(session), args.runs)
                    timings.setdefault(name, []).append(median)
        for name, row in timings.items():
            print(f"  {name:42}" + "".join(f" {v:9.1f}" for v in row))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

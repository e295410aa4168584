"""Benchmark: one dashboard refresh over a 100,000-audit demo store (target: 300 ms or less).

    python benchmarks/bench_dashboard.py [--cache DIR] [--audits N] [--runs N] [--breakdown]

The refreshes cover every kind of slice: the county, one area, service, team and worker, one
audit type; for a month, a quarter and any dates. ``--breakdown`` times each query of each
refresh.

The store is built once into the cache folder (``build_demo`` with a fixed clock, about
eight minutes for 100,000 audits) and reused. Every figure is printed beside a baseline
measured in the same run on the same store: a bare ``SELECT COUNT(*) FROM answers``, the
cheapest possible pass over the biggest table the dashboard reads.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from qa_desktop.demo.county import build_demo
from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.report_periods import ReportSlice, comparison_period, trend_quarters
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.reporting import ReportingService
from qa_desktop.store.engine import Store, open_store
from qa_desktop.store.reporting import queries as rq

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
TARGET_MS = 300.0


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """(first run, median of the following runs) in milliseconds."""
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], statistics.median(times[1:])


def store_for(cache: Path, audits: int) -> Store:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"demo-{audits}.qadb"
    if not path.exists():
        print(f"building the demo store ({audits} audits) into {path} — once only …", flush=True)
        started = time.perf_counter()
        partial = cache / f"demo-{audits}.partial.qadb"
        for leftover in cache.glob(f"demo-{audits}.partial.qadb*"):
            leftover.unlink()
        built = open_store(partial, create=True)
        build_demo(built, audits=audits, seed=1, clock=fixed_clock(NOW))
        built.close()
        partial.rename(path)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    store = open_store(path)  # migrates the cached store if the schema moved on
    with store.engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "qa-desktop-bench")
    parser.add_argument("--audits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--breakdown", action="store_true", help="time each query too")
    args = parser.parse_args()
    store = store_for(args.cache, args.audits)
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

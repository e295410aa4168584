"""How fast the follow-up screens read their data: My work, the moderation queue, the
agreement figures and the meetings list, against a baseline measured in the same run (the
Audits screen's full list, which a person already waits for when the window opens).

    python benchmarks/followup_queries.py [--audits 600] [--repeat 7]

Prints the median time of each and its ratio to the baseline. A ratio well below 1 means the
screen costs less than the list people already wait for.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from qa_desktop.demo.county import build_demo
from qa_desktop.domain.roles import Role
from qa_desktop.services.audit.listing import AuditFilter
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.container import build_services
from qa_desktop.store.engine import open_store

NOW = datetime(2026, 11, 20, 10, tzinfo=UTC)


def median_ms(work: Callable[[], object], repeat: int) -> float:
    work()  # warm up caches (SQLite pages, holidays)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--audits", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    store = open_store(folder / "bench.qadb", create=True)
    clock = fixed_clock(NOW)
    build_demo(store, audits=args.audits, seed=7, clock=clock)
    svc = build_services(store, clock)
    people = svc.directory.people()
    qa = svc.directory.actor(next(p.id for p in people if p.role is Role.QA_OFFICER))
    busiest = max(
        (svc.directory.actor(p.id) for p in people),
        key=lambda a: svc.my_work.for_person(a).count,
    )
    queue = svc.moderation.queue(qa)
    head = svc.directory.actor(next(p.id for p in people if p.role is Role.HEAD_OF_SERVICE))
    moderator = next(
        svc.directory.actor(p.id)
        for p in people
        if p.is_moderator and p.role is Role.SERVICE_MANAGER and p.id != queue[0].auditor_id
    )

    baseline = median_ms(lambda: svc.audits.list(AuditFilter(), qa), args.repeat)
    measures = {
        f"My work of the busiest person ({svc.my_work.for_person(busiest).count} items)": (
            lambda: svc.my_work.for_person(busiest)
        ),
        f"Moderation queue ({len(queue)} audits)": lambda: svc.moderation.queue(qa),
        "Agreement by auditor and team": lambda: svc.moderation.agreement(qa),
        "Meetings list (QA team: all)": lambda: svc.meetings.meetings(qa),
        "Meetings list (one head of service)": lambda: svc.meetings.meetings(head),
        "Open one audit to moderate": lambda: svc.moderation.case(queue[0].audit_id, moderator),
    }
    print(f"Demo store: {args.audits} audits; median of {args.repeat} runs")
    print(f"{'Baseline: Audits screen list (all audits)':58} {baseline:8.1f} ms   1.00")
    for label, work in measures.items():
        took = median_ms(work, args.repeat)
        print(f"{label:58} {took:8.1f} ms  {took / baseline:5.2f}")
    store.close()


if __name__ == "__main__":
    main()

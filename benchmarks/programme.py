"""Benchmark: importing the case list and planning a month on a demo county.

    QA_DESKTOP_HOME=/tmp/bench python benchmarks/programme.py [--audits 600] [--repeat 3]

Builds a demo store, writes its open cases as the CSV export, then times:
- parse: checking the whole file (the baseline: reading and validating, no writes);
- import: a re-import of the same file (checks plus one transaction with history);
- import with changes: every case's initials changed (an update, history and outbox per case);
- candidates: the query that lists open cases with their last audit (the baseline for plan);
- plan: sampling 50 cases, assigning them and writing 50 planned audits.
Prints each figure (median of the repeats) and its ratio to its baseline from the same run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from qa_desktop.demo.county import build_demo
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.imports.cases import CaseImportService, parse_case_list
from qa_desktop.services.programme.monthly_plan import PlanRequest, ProgrammeService, candidates
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store, open_store

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def timed(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def export(store: Store, *, suffix: str = "") -> bytes:
    with store.reader() as session:
        rows = session.execute(
            select(m.Case, m.Team.name, m.Person.name)
            .join(m.Team, m.Team.id == m.Case.team_id)
            .outerjoin(m.Person, m.Person.id == m.Case.practitioner_id)
            .where(m.Case.is_open.is_(True))
        ).all()
    lines = ["case_ref,initials,age,legal_status,team,practitioner"] + [
        ",".join(
            (
                c.reference,
                (c.initials + suffix)[:8],
                "unborn" if c.unborn else str(c.age_years),
                c.legal_status,
                team,
                practitioner or "",
            )
        )
        for c, team, practitioner in rows
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--audits", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    clock = fixed_clock(NOW)
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.qadb"
        built = open_store(template, create=True)
        build_demo(built, audits=args.audits, seed=1, clock=clock)
        built.close()

        def fresh() -> Store:
            copy = Path(folder) / "work.qadb"
            for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
                leftover.unlink(missing_ok=True)
            shutil.copy(template, copy)
            return open_store(copy)

        def reopen() -> None:
            fresh().close()

        store = fresh()
        data = export(store)
        changed = export(store, suffix="X")
        with store.reader() as session:
            teams = {n.lower(): i for i, n in session.execute(select(m.Team.id, m.Team.name))}
            people = {n.lower(): i for i, n in session.execute(select(m.Person.id, m.Person.name))}
            query = timed(lambda: candidates(session), args.repeat)
        cases = data.count(b"\n") - 1
        parse = timed(lambda: parse_case_list(data, "cases.csv", teams, people), args.repeat)
        importer = CaseImportService(store, clock)
        same = timed(lambda: importer.import_bytes(data, "cases.csv", SYSTEM), args.repeat)
        store.close()

        def import_changes() -> None:
            target = fresh()
            CaseImportService(target, clock).import_bytes(changed, "cases.csv", SYSTEM)
            target.close()

        def plan() -> None:
            target = fresh()
            ProgrammeService(target, clock).plan(PlanRequest("2026-12", 50, 7), SYSTEM)
            target.close()

        opening = timed(reopen, args.repeat)
        with_changes = timed(import_changes, args.repeat) - opening
        planning = timed(plan, args.repeat) - opening

    print(f"cases in the file:             {cases}")
    print(f"parse and check (baseline):    {parse * 1000:8.1f} ms")
    print(f"re-import, nothing changed:    {same * 1000:8.1f} ms   x{same / parse:.1f} baseline")
    print(
        f"re-import, every case changed: {with_changes * 1000:8.1f} ms   "
        f"x{with_changes / parse:.1f} baseline"
    )
    print(f"candidates query (baseline):   {query * 1000:8.1f} ms")
    print(
        f"plan 50 audits:                {planning * 1000:8.1f} ms   "
        f"x{planning / query:.1f} baseline"
    )


if __name__ == "__main__":
    main()

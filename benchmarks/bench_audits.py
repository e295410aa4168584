"""Benchmark: the Audits screen, first shown for a QA officer and filtered by one team.

    PYTHONPATH=. python benchmarks/bench_audits.py [--work DIR] [--sizes 600,10000,100000]

Targets (issue 20): filtered by one team <= 50 ms at any store size; first shown for a QA
officer (every audit) <= 300 ms at 100,000 audits. Each is timed until the rows are painted
(the real screen and services, jobs run on the calling thread so the wait is measured whole),
beside two baselines from the same run: the same number of rows in a bare QTableView over a
list of strings, and a plain SQL query of the same audits.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from common import DEFAULT_WORK, NOW, load_average, open_bench_store, spread, times_ms
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView
from sqlalchemy import text

from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.container import build_services
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.audits import AuditsScreen

SIZE = (1366, 768)


class BareModel(QAbstractTableModel):
    def __init__(self, rows: Sequence[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 12

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column() % len(self.rows[0])]
        return None


def painted(widget: Any) -> None:
    QApplication.processEvents()
    widget.grab()  # paints every visible row, as the screen would


def bench_size(work: Path, audits: int, runs: int) -> None:
    store = open_bench_store(work, audits)
    services = build_services(store, fixed_clock(NOW))
    officer = next(p for p in services.directory.people() if p.role is Role.QA_OFFICER)
    actor = services.directory.actor(officer.id)
    with store.engine.connect() as connection:
        team_id, team, members = connection.execute(
            text(
                "SELECT t.id, t.name, count(*) FROM audits a JOIN cases c ON c.id = a.case_id"
                " JOIN teams t ON t.id = c.team_id WHERE a.deleted_at IS NULL"
                " GROUP BY t.id ORDER BY count(*) DESC LIMIT 1"
            )
        ).one()
    runner = Runner(lambda exc: print("failed:", exc), immediate=True)
    screens: list[AuditsScreen] = []

    def first_shown() -> None:
        screen = AuditsScreen(services, runner, actor, lambda: NOW.date())
        screen.resize(*SIZE)
        screen.show()
        screen.load()
        painted(screen)
        screens.append(screen)

    shown = times_ms(first_shown, runs)
    screen = screens[-1]
    rows_shown = screen.model.rowCount()
    everything = screen.count.text()
    for each in screens[:-1]:
        each.close()
        each.deleteLater()
    QApplication.processEvents()

    index = screen.team.findData(team_id)
    flips = iter(range(runs * 2))

    def filtered() -> None:
        screen.team.setCurrentIndex(index if next(flips) % 2 == 0 else 0)
        painted(screen.table)

    team_times = times_ms(filtered, runs * 2)[::2]  # the team, not back to all
    screen.team.setCurrentIndex(index)
    painted(screen.table)
    team_rows = screen.model.rowCount()

    def bare(count: int) -> list[float]:
        rows = [(f"A-{i:06d}", "CASE-1 (AB)", team, "Learning audit") for i in range(count)]
        view = QTableView()
        view.resize(*SIZE)
        view.show()

        def once() -> None:
            view.setModel(BareModel(rows))
            painted(view)

        result = times_ms(once, runs)
        view.close()
        return result

    def plain_sql(where: str) -> list[float]:
        with store.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            sql = (
                "SELECT a.reference, c.reference, c.initials, t.name FROM audits a"
                " JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = c.team_id"
                f" WHERE a.deleted_at IS NULL {where}"
                " ORDER BY coalesce(a.completed_on, a.started_on, a.due_on) DESC"
            )
            return times_ms(lambda: raw.execute(sql, ()).fetchall(), runs)

    print(f"\n{audits} audits (team {team!r}: {members} audits)")
    print(f"  first shown, QA officer ({everything}; {rows_shown} rows in the table)")
    print(f"    Audits screen        {spread(shown)}")
    print(f"    bare QTableView      {spread(bare(rows_shown))}  ({rows_shown} rows)")
    print(f"    plain SQL, all rows  {spread(plain_sql(''))}")
    print(f"  filtered by one team ({team_rows} rows in the table)")
    print(f"    Audits screen        {spread(team_times)}")
    print(f"    bare QTableView      {spread(bare(team_rows))}  ({team_rows} rows)")
    team_sql = plain_sql(f"AND c.team_id = '{team_id}'")
    print(f"    plain SQL, the team  {spread(team_sql)}")
    screen.close()
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--sizes", default="600,10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    print(load_average())
    for audits in (int(s) for s in args.sizes.split(",")):
        bench_size(args.work, audits, args.runs)
    print(load_average())
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

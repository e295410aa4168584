"""`qa-desktop report board-pack|scorecard|required-actions` from the terminal."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from tests.cli.test_report_cli import run
from tests.services.reporting.reporting_world import World


def test_the_board_papers_are_written_from_the_command_line(
    capsys, store, clock, tmp_path: Path
) -> None:
    world = World(store, clock)
    world.audit(date(2026, 11, 3), {"A1": "yes"})
    world.audit(None, state="planned", grade=None, due_on=date(2026, 11, 2))
    assert store.path is not None
    where = str(store.path)
    code, out, _ = run(
        capsys,
        "report",
        "board-pack",
        "--store",
        where,
        "--month",
        "2026-11",
        "--out",
        str(tmp_path / "pack.pdf"),
    )
    assert code == 0 and "pack.pdf" in out
    assert (
        "Performance board pack: November 2026"
        in PdfReader(tmp_path / "pack.pdf").pages[0].extract_text()
    )
    code, _, _ = run(
        capsys,
        "report",
        "scorecard",
        "--store",
        where,
        "--month",
        "2026-11",
        "--out",
        str(tmp_path / "card.pdf"),
    )
    assert code == 0 and len(PdfReader(tmp_path / "card.pdf").pages) == 1
    code, out, _ = run(
        capsys,
        "report",
        "required-actions",
        "--store",
        where,
        "--team",
        "West Early Help",
        "--week-of",
        "2026-11-20",
        "--out",
        str(tmp_path / "w.pdf"),
        "--csv",
        str(tmp_path / "w.csv"),
    )
    assert code == 0 and "w.csv" in out
    rows = list(csv.DictReader((tmp_path / "w.csv").open(encoding="utf-8-sig")))
    assert [(r["kind"], r["due_on"], r["overdue"]) for r in rows] == [
        ("audit", "2026-11-02", "yes")
    ]


def test_a_bad_month_and_an_unknown_team_say_what_is_wrong(
    capsys, store, clock, tmp_path: Path
) -> None:
    World(store, clock)
    assert store.path is not None
    code, out, err = run(
        capsys,
        "report",
        "scorecard",
        "--store",
        str(store.path),
        "--month",
        "November",
        "--out",
        str(tmp_path / "c.pdf"),
    )
    assert code == 1 and "'November' is not a month" in out + err
    code, out, err = run(
        capsys,
        "report",
        "required-actions",
        "--store",
        str(store.path),
        "--team",
        "Nowhere",
        "--out",
        str(tmp_path / "w.pdf"),
    )
    assert code == 1 and "no team called 'Nowhere'" in out + err
    assert not (tmp_path / "c.pdf").exists() and not (tmp_path / "w.pdf").exists()

"""`qa-desktop import cases` and `qa-desktop plan month`."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from tests.cli.test_cli import run
from tests.services.programme.helpers import case_lines, csv_bytes


def test_import_then_plan_prints_the_plan_as_csv(demo_store, capsys, tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_bytes(csv_bytes(case_lines(demo_store)[:-2], ending="\r\n", bom=True))
    demo_store.engine.dispose()
    copy = tmp_path / "copy.qadb"
    shutil.copy(demo_store.path, copy)
    code, out, err = run(capsys, "import", "cases", "--store", str(demo_store.path), str(source))
    assert code == 0, err
    assert "2 no longer listed and closed" in out
    args = ["plan", "month", "--month", "2026-12", "--target", "25", "--seed", "4"]
    code, out, err = run(capsys, *args, "--store", str(demo_store.path))
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["case_ref", "team", "service", "auditor", "due_on"]
    assert len(rows) == 26 and all(r[4] == "2026-12-31" for r in rows[1:])
    # The same seed on the same store gives the same plan.
    run(capsys, "import", "cases", "--store", str(copy), str(source))
    code, again, _ = run(capsys, *args, "--store", str(copy))
    assert again == out


def test_bad_input_is_one_clear_line(demo_store, capsys, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = run(capsys, "import", "cases", "--store", str(demo_store.path), str(empty))
    assert code == 1 and "is empty" in err
    code, _, err = run(
        capsys,
        "plan",
        "month",
        "--store",
        str(demo_store.path),
        "--month",
        "2026-12",
        "--target",
        "99999",
        "--seed",
        "1",
    )
    assert code == 1 and "larger than the" in err
    code, _, err = run(capsys, "plan", "month", "--store", str(demo_store.path))
    assert code == 2


def test_help_lists_the_programme_commands(capsys) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "import" in out and "plan" in out
    code, out, _ = run(capsys, "plan", "month", "--help")
    assert code == 0 and "--target" in out and "--seed" in out and "--exclude-months" in out


def test_import_performance_prints_each_bad_row_and_imports_nothing(
    demo_store, capsys, tmp_path: Path
) -> None:
    from sqlalchemy import func, select

    from qa_desktop.store import models as m

    with demo_store.reader() as session:
        team = session.scalar(select(m.Team.name).order_by(m.Team.name))
    header = "team,month,visits_in_timescale,case_summaries_up_to_date,supervision_in_timescale"
    bad = tmp_path / "extract.csv"
    bad.write_text(
        f"{header}\n{team},2026-10,80,80,80\nNo Such Team,2026-10,80,80,80\n"
        f"{team},2026-11,80,80,101\n"
    )
    store = str(demo_store.path)
    code, out, err = run(capsys, "import", "performance", "--store", store, str(bad))
    assert code == 1 and out == ""
    assert "Row 3, column team: there is no team called 'No Such Team'" in err
    assert "Row 4, column supervision_in_timescale: '101' is not a percentage" in err
    assert "Nothing was imported" in err

    def stored() -> int:
        with demo_store.reader() as session:
            return session.scalar(select(func.count()).select_from(m.PerformanceFigure)) or 0

    assert stored() == 0
    good = tmp_path / "good.csv"
    good.write_text(f"{header}\n{team},2026-10,80,,75\n")
    code, out, err = run(capsys, "import", "performance", "--store", store, str(good))
    assert code == 0, err
    assert "1 team-months, 2 figures" in out and stored() == 2

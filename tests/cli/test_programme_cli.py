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

"""The command line: every command, and bad input answered with a message, never a traceback."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from qa_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_help_lists_every_command(capsys) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for word in ("demo", "forms", "list", "--store", "--demo"):
        assert word in out


def test_module_entry_point_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "qa_desktop", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "QA Desktop" in result.stdout


def test_demo_then_list_as_csv_and_table(capsys, tmp_path: Path) -> None:
    store = tmp_path / "demo.qadb"
    code, out, _ = run(capsys, "demo", "--store", str(store), "--audits", "30", "--seed", "5")
    assert code == 0 and "30 audits" in out
    code, out, _ = run(capsys, "list", "audits", "--store", str(store), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 30
    assert set(rows[0]) >= {"reference", "case", "team", "form", "state", "grade", "completed_on"}
    assert all(r["reference"].startswith("QA-") for r in rows)
    code, out, _ = run(capsys, "list", "audits", "--store", str(store), "--format", "table")
    assert (
        code == 0
        and out.splitlines()[0].startswith("reference")
        and out.rstrip().endswith("30 audits")
    )


def test_demo_will_not_overwrite_a_store(capsys, tmp_path: Path) -> None:
    store = tmp_path / "mine.qadb"
    store.write_bytes(b"precious")
    code, _, err = run(capsys, "demo", "--store", str(store), "--audits", "3")
    assert code == 1 and "already exists" in err
    assert store.read_bytes() == b"precious"


def test_forms_check_passes_the_shipped_forms(capsys) -> None:
    code, out, _ = run(capsys, "forms", "check")
    assert code == 0 and "learning-audit v1" in out and "error" not in out


def test_forms_check_names_file_line_and_field(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "key: bad\nversion: 1\ntitle: Bad\nkind: learning_audit\nsections:\n"
        "  - id: A\n    title: A\n    questions:\n      - id: A1\n        text: Seen?\n        type: maybe\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "forms", "check", str(bad))
    assert code == 1
    assert "bad.yaml, line 11, sections[0].questions[0].type" in out and "maybe" in out


def test_forms_check_a_missing_path(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "forms", "check", str(tmp_path / "nope.yaml"))
    assert code == 1 and "no such file" in err


def test_a_missing_store_is_a_clear_error(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "list", "audits", "--store", str(tmp_path / "none.qadb"))
    assert code == 1 and "There is no store at" in err


def test_a_damaged_store_is_a_clear_error(capsys, tmp_path: Path) -> None:
    store = tmp_path / "broken.qadb"
    store.write_bytes(b"\x00garbage" * 100)
    code, _, err = run(capsys, "list", "audits", "--store", str(store))
    assert code == 1 and "damaged" in err


def test_an_unknown_option_exits_2_with_usage(capsys) -> None:
    code, _, err = run(capsys, "list", "audits", "--store", "x", "--colour", "blue")
    assert code == 2 and "unrecognized arguments" in err
    code, _, err = run(capsys, "list", "audits", "--store", "x", "--format", "pdf")
    assert code == 2 and "invalid choice" in err


def test_an_unexpected_failure_points_to_the_log(capsys, monkeypatch, isolated_home: Path) -> None:
    import qa_desktop.cli.store as cli_store

    def explode(*_args: object) -> int:
        raise RuntimeError("secret detail that must not be shown")

    monkeypatch.setattr(cli_store, "forms_check", explode)
    code, _, err = run(capsys, "forms", "check")
    assert code == 1 and "Details are in the log" in err and "secret detail" not in err
    log = (isolated_home / "logs" / "qa-desktop.log").read_text(encoding="utf-8")
    assert "RuntimeError" in log


def test_opening_the_window_without_a_display_is_a_clear_error(capsys, monkeypatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys, "--demo")
    assert code == 1 and "needs a desktop session" in err


def test_opening_the_app_is_parsed_without_the_commands_and_the_same_way() -> None:
    from qa_desktop.cli import build_parser, parse_arguments

    for argv in ([], ["--demo"], ["--store", "s.qadb", "--smoke-test"]):
        quick, full = parse_arguments(argv), build_parser().parse_args(argv)
        assert quick.command is None and vars(quick) == vars(full)
    assert parse_arguments(["demo", "--store", "d.qadb"]).command == "demo"
    assert parse_arguments(["list", "audits", "--store", "s.qadb"]).list_command == "audits"


def test_opening_the_app_loads_no_command_module() -> None:
    probe = (
        "import sys; from qa_desktop.cli import parse_arguments; parse_arguments(['--demo']); "
        "print(sorted(m for m in sys.modules if m.startswith('qa_desktop.cli.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['qa_desktop.cli.common']"


def test_the_window_frame_loads_neither_the_store_libraries_nor_the_keyring() -> None:
    """Everything the app imports before its window is on screen is start-up time: the
    store's libraries and the keyring (and the package metadata its backends are found by,
    about 15 ms) load after, on the background runner."""
    probe = (
        "import sys; import qa_desktop.cli, qa_desktop.app; "
        "print(sorted(m for m in ('sqlalchemy', 'sqlcipher3', 'keyring', 'importlib.metadata',"
        " 'secrets') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_an_unknown_word_after_the_app_options_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "--store", "s.qadb", "opne")
    assert code == 2 and "invalid choice: 'opne'" in err


def test_restore_lists_and_puts_back_the_newest_backup(capsys, tmp_path: Path) -> None:
    from datetime import date

    from qa_desktop.store.backups import make_daily_backup
    from qa_desktop.store.engine import open_store

    store_path = tmp_path / "county.qadb"
    assert run(capsys, "demo", "--store", str(store_path), "--audits", "20")[0] == 0
    store = open_store(store_path)
    make_daily_backup(store, date(2026, 11, 18))
    make_daily_backup(store, date(2026, 11, 19))
    store.close()
    code, out, _ = run(capsys, "restore", "--store", str(store_path), "--list")
    assert code == 0 and out.index("2026-11-19") < out.index("2026-11-18")
    store_path.write_bytes(b"broken " * 500)
    code, out, _ = run(capsys, "restore", "--store", str(store_path))
    assert code == 0 and "county-2026-11-19.qadb" in out and "kept as" in out
    code, out, _ = run(capsys, "list", "audits", "--store", str(store_path), "--format", "csv")
    assert code == 0 and len(out.strip().splitlines()) == 21  # the header and 20 audits


def test_restore_without_a_backup_says_where_it_looked(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "restore", "--store", str(tmp_path / "county.qadb"))
    assert code == 1 and "There is no backup of" in err and str(tmp_path / "backups") in err


def test_a_closed_pipe_ends_the_command_quietly(capsys, tmp_path: Path) -> None:
    """``qa-desktop list audits ... | head``: the reader stops early; no message, no log of
    an error, the code a Unix command ends with when its reader goes (128 + SIGPIPE)."""
    store = tmp_path / "demo.qadb"
    assert run(capsys, "demo", "--store", str(store), "--audits", "400", "--seed", "5")[0] == 0
    command = [sys.executable, "-m", "qa_desktop", "list", "audits", "--store", str(store)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as job:
        assert job.stdout is not None and job.stderr is not None
        first = job.stdout.readline()
        job.stdout.close()  # as head does after its lines
        err = job.stderr.read().decode()
        code = job.wait(timeout=60)
    assert first.startswith(b"reference")
    assert err == ""
    assert code == 141

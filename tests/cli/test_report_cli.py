"""`qa-desktop report compliance|grades` and `qa-desktop import audits` from the terminal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from qa_desktop.cli import main
from tests.services.reporting.reporting_world import World


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def world_path(store, clock) -> Path:
    from datetime import date

    world = World(store, clock)
    world.audit(date(2026, 5, 1), {"A1": "yes", "A2": "partly"}, sections={"A": "good"})
    world.audit(date(2026, 5, 2), {"A1": "no", "A2": "na"}, team="east", grade="inadequate")
    world.audit(date(2026, 8, 1), {"A1": "no"})
    assert store.path is not None
    return store.path


def test_compliance_as_csv(capsys, world_path: Path) -> None:
    code, out, _ = run(
        capsys,
        "report",
        "compliance",
        "--store",
        str(world_path),
        "--from",
        "2026-04-01",
        "--to",
        "2026-06-30",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "question_id",
        "section",
        "question",
        "yes",
        "partly",
        "no",
        "na",
        "compliance_pct",
        "met_pct",
        "not_met_pct",
        "na_pct",
        "held_to",
        "standard_pct",
        "meets_standard",
        "previous_pct",
        "change_pts",
    ]
    by_id = {r["question_id"]: r for r in rows}
    # The council's layout beside it: A2 is Partly (not met there) and N/A of two cases.
    assert (by_id["A2"]["met_pct"], by_id["A2"]["not_met_pct"], by_id["A2"]["na_pct"]) == (
        "0.0",
        "50.0",
        "50.0",
    )
    assert by_id["A1"]["standard_pct"] == "90" and by_id["A1"]["meets_standard"] == "no"
    assert by_id["A1"]["held_to"] == "yes of yes and no"
    assert by_id["A1"]["yes"] == "1" and by_id["A1"]["no"] == "1"
    assert by_id["A1"]["compliance_pct"] == "50.0"
    assert by_id["A2"]["compliance_pct"] == "50.0" and by_id["A2"]["na"] == "1"
    assert by_id["B1"]["compliance_pct"] == ""  # nobody answered it: no figure, not 0
    assert by_id["A1"]["section"] == "Assessment"


def test_compliance_sliced_by_team_as_a_table(capsys, world_path: Path) -> None:
    code, out, _ = run(
        capsys,
        "report",
        "compliance",
        "--store",
        str(world_path),
        "--quarter",
        "2026/27-Q1",
        "--team",
        "east early help",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(
        "Compliance 2026-04-01 to 2026-06-30 against the 90% standard: 0 of 1 questions"
    )
    assert "Previous period 2026-01-01 to 2026-03-31" in lines[0]
    assert lines[1].split()[:3] == ["question_id", "section", "question"]
    a1 = next(line for line in lines if line.startswith("A1 "))
    # yes partly no na compliance_pct, met not met N/A, held to, standard, at standard
    # yes partly no na compliance_pct; met, not met, N/A; held to; standard; at standard (the
    # previous quarter had no audits: its columns are blank)
    assert a1.split()[-15:] == [
        *("0", "0", "1", "0", "0.0", "0.0", "100.0", "0.0"),
        *("yes", "of", "yes", "and", "no", "90", "no"),
    ]


def test_compliance_against_the_previous_quarter(capsys, world_path: Path) -> None:
    code, out, _ = run(
        capsys,
        "report",
        "compliance",
        "--store",
        str(world_path),
        "--quarter",
        "2026/27-Q2",
        "--format",
        "csv",
    )
    assert code == 0
    a1 = next(r for r in csv.DictReader(io.StringIO(out)) if r["question_id"] == "A1")
    # Q2: A1 answered No once (0%); Q1 had one Yes and one No (50%): down 50 points.
    assert (a1["compliance_pct"], a1["previous_pct"], a1["change_pts"]) == ("0.0", "50.0", "-50.0")
    assert a1["meets_standard"] == "no" and a1["standard_pct"] == "90"


def test_grades_per_section_and_overall(capsys, world_path: Path) -> None:
    code, out, _ = run(
        capsys,
        "report",
        "grades",
        "--store",
        str(world_path),
        "--from",
        "2026-04-01",
        "--to",
        "2026-06-30",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    overall = next(r for r in rows if r["section"] == "Overall")
    assert (overall["good"], overall["inadequate"], overall["total"]) == ("1", "1", "2")
    assessment = next(r for r in rows if r["section"] == "Assessment")
    assert assessment["good"] == "1" and assessment["total"] == "1"


def test_bad_report_commands_say_what_is_wrong(capsys, world_path: Path) -> None:
    code, _, err = run(
        capsys, "report", "compliance", "--store", str(world_path), "--from", "2026-13-01"
    )
    assert code == 2 and "is not a date" in err
    code, _, err = run(capsys, "report", "grades", "--store", str(world_path))
    assert code == 1 and "Give the period" in err
    code, _, err = run(
        capsys,
        "report",
        "grades",
        "--store",
        str(world_path),
        "--quarter",
        "2026/27-Q1",
        "--team",
        "Atlantis",
    )
    assert code == 1 and "no team called 'Atlantis'" in err


def test_import_audits_all_or_nothing(capsys, world_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "audit_ref,case_ref,team,completed_on,overall_grade,A1\n"
        "H-1,CR-west,West Early Help,2019-05-01,Good,yes\n"
        "H-2,CR-west,West Early Help,2019-05-40,Good,yes\n"
        "H-3,CR-nope,West Early Help,2019-05-01,Great,yes\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", "audits", "--store", str(world_path), str(bad))
    assert code == 1 and "Nothing was imported" in err
    assert "row 3, column completed_on" in err and "row 4, column overall_grade" in err
    good = tmp_path / "good.csv"
    good.write_text(
        "audit_ref,case_ref,team,completed_on,overall_grade,A1\n"
        "H-1,CR-west,West Early Help,2019-05-01,Good,yes\n"
        "H-2,CR-new,West Early Help,2019-05-02,RI,no\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "import", "audits", "--store", str(world_path), str(good), "--create-missing"
    )
    assert code == 0 and "Imported 2 audits" in out and "1 teams, cases or people" in out
    code, out, _ = run(
        capsys,
        "report",
        "compliance",
        "--store",
        str(world_path),
        "--quarter",
        "2019/20-Q1",
        "--format",
        "csv",
    )
    a1 = next(r for r in csv.DictReader(io.StringIO(out)) if r["question_id"] == "A1")
    assert (a1["yes"], a1["no"], a1["compliance_pct"]) == ("1", "1", "50.0")


def test_quarterly_report_pdf(capsys, world_path: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    target = tmp_path / "q.pdf"
    code, out, _ = run(
        capsys,
        "report",
        "quarterly",
        "--store",
        str(world_path),
        "--quarter",
        "2026/27-Q1",
        "-o",
        str(target),
    )
    assert code == 0 and "2026/27-Q1" in out
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Quarterly QA report 2026/27-Q1" in text and "2025/26-Q4" in text
    code, _, err = run(
        capsys, "report", "quarterly", "--store", str(world_path), "--quarter", "Q5", "-o", "x"
    )
    assert code == 2 and "financial quarter" in err

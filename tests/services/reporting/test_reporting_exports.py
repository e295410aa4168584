"""CSV and Excel exports of every dashboard table, read back as a BI tool would."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.errors import ValidationError
from qa_desktop.reports.exports import sheet_name
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.reporting import COUNTY, ReportingService

QUARTER = Period.quarter(FinancialQuarter(2026, 2))


@pytest.fixture
def dashboard(demo_store, clock):  # type: ignore[no-untyped-def]
    reporting = ReportingService(demo_store, clock)
    return reporting, reporting.dashboard(QUARTER, COUNTY, SYSTEM)


def test_every_table_exports_to_csv(dashboard, tmp_path: Path) -> None:
    reporting, dash = dashboard
    for table in dash.tables():
        path = reporting.export_csv(table, tmp_path / f"{table.key}.csv")
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == table.headers
        assert len(rows) == len(table.rows) + 1
    compliance = dash.tables()[0]
    with (tmp_path / "compliance.csv").open(encoding="utf-8-sig", newline="") as handle:
        first = next(csv.DictReader(handle))
    assert first["question_id"] == compliance.rows[0][0]
    assert float(first["compliance_pct"]) == compliance.rows[0][7]


def test_every_table_exports_to_one_workbook(dashboard, tmp_path: Path) -> None:
    reporting, dash = dashboard
    tables = dash.tables()
    path = reporting.export_excel(tables, tmp_path / "dashboard.xlsx", "2026/27-Q2, County")
    book = load_workbook(path)
    assert len(book.sheetnames) == len(tables)
    sheet = book[book.sheetnames[0]]
    assert sheet["A1"].value == "Compliance per question: 2026/27-Q2, County"
    assert [c.value for c in sheet[3]][:3] == ["question_id", "section", "question"]
    assert isinstance(sheet["D4"].value, int)  # yes count stays a number
    assert isinstance(sheet["H4"].value, int | float)  # compliance % too (91.0 reads back 91)
    assert sheet.max_row == 3 + len(tables[0].rows)


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    long = "Inadequate audits, re-audits and timeliness: the whole story"
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert ":" not in sheet_name("Even better if: themes", taken)


def test_an_unwritable_file_is_a_clear_error(dashboard, tmp_path: Path) -> None:
    reporting, dash = dashboard
    with pytest.raises(ValidationError, match="could not be written"):
        reporting.export_csv(dash.tables()[0], tmp_path / "missing" / "x.csv")

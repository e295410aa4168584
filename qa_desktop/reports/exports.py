"""CSV and Excel files of report tables, for the council's BI tools.

CSV: UTF-8 with a byte-order mark (Excel then reads accents correctly), one header row,
numbers as numbers, empty cells where there is no figure. Excel: one sheet per table, a bold
frozen header row, numbers stored as numbers and dates as dates, columns sized to fit.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from qa_desktop.domain.report_tables import Cell, ReportTable

_SHEET_FORBIDDEN = re.compile(r"[\[\]\*\?/\\:]")


def _plain(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return value
    return value.isoformat()


def write_csv(table: ReportTable, path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.headers)
        writer.writerows([_plain(v) for v in row] for row in table.rows)
    return path


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, none of []*?/\\:)."""
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(name.lower())
    return name


def write_excel(tables: Sequence[ReportTable], path: Path, heading: str = "") -> Path:
    """One workbook, one sheet per table; ``heading`` (period and slice) above each table."""
    # openpyxl is imported here, on first use: it costs a noticeable part of start-up.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    taken: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(sheet_name(table.title, taken))
        first = 1
        if heading:
            sheet.cell(row=1, column=1, value=f"{table.title}: {heading}").font = bold
            first = 3
        for column, header in enumerate(table.headers, start=1):
            sheet.cell(row=first, column=column, value=header).font = bold
        for offset, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row, start=1):
                sheet.cell(row=first + offset, column=column, value=value)
        sheet.freeze_panes = sheet.cell(row=first + 1, column=1)
        for column, header in enumerate(table.headers, start=1):
            longest = max([len(str(header))] + [len(str(r[column - 1] or "")) for r in table.rows])
            sheet.column_dimensions[get_column_letter(column)].width = min(60, longest + 2)
    if not tables:
        book.create_sheet("Empty")
    book.save(path)
    return path

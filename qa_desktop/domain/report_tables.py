"""A report table as plain data: what every dashboard table, export and PDF is made from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

Cell = str | int | float | date | None


@dataclass(frozen=True)
class ReportTable:
    """One table: a stable key (file names, sheet names), a title, headers and rows.

    Titles and headers are UK English source text; the interface translates them for display.
    Numbers stay numbers (percentages as floats rounded to one place, None when there is no
    figure) so that spreadsheets can calculate with them.
    """

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def column(self, header: str) -> list[Cell]:
        index = self.headers.index(header)
        return [row[index] for row in self.rows]


def one_place(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def share(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole``; None when there is nothing to divide by."""
    return None if whole == 0 else 100.0 * part / whole

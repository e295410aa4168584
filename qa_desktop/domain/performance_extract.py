"""The monthly performance extract: the case-recording system's figures per team and month,
read beside the audits' answers to the questions that look at the same practice
(triangulation).

The file is CSV with a header row naming the columns, in any order::

    team, month, visits_in_timescale, case_summaries_up_to_date, supervision_in_timescale

- ``team``: a team's name as QA Desktop holds it (any case).
- ``month``: ``YYYY-MM``.
- one column per measure: a percentage from 0 to 100 (a ``%`` after it is accepted), or blank
  when the extract has no figure for that team and month.

One row per team and month; the same team and month twice in a file is a problem. UTF-8 with
or without a byte-order mark (else Windows-1252, as a spreadsheet saves "CSV"), any line
endings. Each problem names its row (the header is row 1, as a spreadsheet numbers it), its
column and what is wrong, and every problem is found before anything is imported.

Which audit questions each measure matches is data kept beside the forms
(``forms/performance-measures.csv``: ``measure, questions`` with question ids separated by
spaces), read by :func:`parse_question_map`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from qa_desktop.errors import Translate


class Measure(StrEnum):
    """The extract's measures; the value is the file's column name."""

    VISITS = "visits_in_timescale"
    CASE_SUMMARIES = "case_summaries_up_to_date"
    SUPERVISION = "supervision_in_timescale"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: Mapping[Measure, str] = {
    Measure.VISITS: "Statutory visits in timescale",
    Measure.CASE_SUMMARIES: "Case summaries up to date",
    Measure.SUPERVISION: "Supervision in timescale",
}
COLUMNS: tuple[str, ...] = ("team", "month", *(m.value for m in Measure))
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class ExtractProblem:
    """One thing wrong with the file: its row (the header is 1), its column ("" for the whole
    file) and what, as a message template with its values (translated before it is filled)."""

    row: int
    column: str
    template: str
    params: Mapping[str, Any]

    def render(self, translate: Translate = lambda text: text) -> str:
        tr = translate
        where = (tr("Row {row}, column {column}: ") if self.column else tr("Row {row}: ")).format(
            row=self.row, column=self.column
        )
        return where + tr(self.template).format(**self.params)


@dataclass(frozen=True)
class TeamMonth:
    """One row of the extract: a team's figures for a month (a measure left blank is absent)."""

    row: int
    team_id: str
    month: str  # YYYY-MM
    figures: Mapping[Measure, float]


@dataclass(frozen=True)
class CheckedExtract:
    rows: tuple[TeamMonth, ...]
    problems: tuple[ExtractProblem, ...]


def decode(data: bytes) -> str:
    """UTF-8 with or without a byte-order mark, else Windows-1252; any line endings."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_percent(text: str) -> float | None:
    """A percentage from 0 to 100 (``87.5`` or ``87.5%``); None when it is not one."""
    cleaned = text.strip().removesuffix("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value != value or not 0 <= value <= 100:  # NaN, or out of range
        return None
    return value


def parse_month(text: str) -> str | None:
    """``YYYY-MM`` with a real month, else None."""
    found = _MONTH.match(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
        return None
    return text.strip()


def check_extract(text: str, teams: Mapping[str, str]) -> CheckedExtract:
    """Every row of an extract checked; ``teams`` maps lower-case team names to ids."""
    problems: list[ExtractProblem] = []

    def problem(row: int, column: str, template: str, **params: Any) -> None:
        problems.append(ExtractProblem(row, column, template, params))

    if not text.strip():
        problem(
            1,
            "",
            "the file is empty: the first row names the columns ({columns}).",
            columns=", ".join(COLUMNS),
        )
        return CheckedExtract((), tuple(problems))
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lstrip("\ufeff").strip().lower() for cell in next(reader)]
    for column in COLUMNS:
        if column not in header:
            problem(
                1,
                column,
                "this column is missing (the columns are {columns}).",
                columns=", ".join(COLUMNS),
            )
    for number, name in enumerate(header):
        if name and name not in COLUMNS:
            problem(
                1,
                name,
                "this column is not one the extract has (the columns are {columns}).",
                columns=", ".join(COLUMNS),
            )
        elif name and header.index(name) != number:
            problem(1, name, "this column is named twice.")
    if problems:
        return CheckedExtract((), tuple(problems))
    where = {name: header.index(name) for name in COLUMNS}
    rows: list[TeamMonth] = []
    first_seen: dict[tuple[str, str], int] = {}
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        before = len(problems)
        cells = {name: (record[i].strip() if i < len(record) else "") for name, i in where.items()}
        team_id = teams.get(cells["team"].lower())
        if not cells["team"]:
            problem(number, "team", "the team is empty.")
        elif team_id is None:
            problem(
                number,
                "team",
                "there is no team called '{value}' in this store.",
                value=cells["team"],
            )
        month = parse_month(cells["month"])
        if month is None:
            problem(
                number,
                "month",
                "'{value}' is not a month: write it as YYYY-MM, for example 2026-04.",
                value=cells["month"],
            )
        figures: dict[Measure, float] = {}
        for measure in Measure:
            cell = cells[measure.value]
            if not cell:
                continue
            value = parse_percent(cell)
            if value is None:
                problem(
                    number,
                    measure.value,
                    "'{value}' is not a percentage from 0 to 100.",
                    value=cell,
                )
            else:
                figures[measure] = value
        if team_id is not None and month is not None:
            key = (team_id, month)
            if key in first_seen:
                problem(
                    number,
                    "team",
                    "{team} {month} is listed twice (first on row {first}).",
                    team=cells["team"],
                    month=month,
                    first=first_seen[key],
                )
            else:
                first_seen[key] = number
        if len(problems) == before and team_id is not None and month is not None:
            rows.append(TeamMonth(number, team_id, month, figures))
    if not rows and not problems:
        problem(1, "", "the file has its header row but no teams.")
    return CheckedExtract(tuple(rows), tuple(problems))


def parse_question_map(text: str) -> dict[Measure, tuple[str, ...]]:
    """Which audit questions (by id) each measure matches, from ``measure, questions`` CSV.

    A measure not named matches no question; an unknown measure is an error (ValueError)."""
    out: dict[Measure, tuple[str, ...]] = {m: () for m in Measure}
    reader = csv.DictReader(io.StringIO(decode(text.encode("utf-8"))))
    for record in reader:
        name = (record.get("measure") or "").strip()
        try:
            measure = Measure(name)
        except ValueError as exc:
            raise ValueError(f"unknown measure {name!r} in the question map") from exc
        out[measure] = tuple((record.get("questions") or "").split())
    return out


def difference(extract: float | None, audited: float | None) -> float | None:
    """The audits' figure less the extract's, in percentage points (None if either is
    missing): negative when the audits find less than the figures say."""
    if extract is None or audited is None:
        return None
    return audited - extract

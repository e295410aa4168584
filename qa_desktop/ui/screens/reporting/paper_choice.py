"""What the board papers dialog offers and suggests, without Qt: the papers, the months
(the last whole month first chosen), the teams (the person's own first), a file name for
each choice and the files a choice writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from pathlib import Path

from qa_desktop.services.board_papers import TeamChoice

MONTHS_OFFERED = 36  # three years back: the board compares this year with the last


class Paper(Enum):
    BOARD_PACK = "board-pack"
    SCORECARD = "scorecard"
    REQUIRED_ACTIONS = "required-actions"

    @property
    def label(self) -> str:  # translated by the dialog
        return {
            Paper.BOARD_PACK: "Monthly performance board pack",
            Paper.SCORECARD: "One-page monthly scorecard",
            Paper.REQUIRED_ACTIONS: "Weekly Required Actions report (one team)",
        }[self]

    @property
    def monthly(self) -> bool:
        return self is not Paper.REQUIRED_ACTIONS


def months_offered(today: date, count: int = MONTHS_OFFERED) -> list[date]:
    """The first day of this month and of each month before it, newest first."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def last_whole_month(today: date) -> date:
    return months_offered(today, 2)[1]


def month_text(month: date) -> str:
    """``YYYY-MM``, as the services take a month."""
    return f"{month:%Y-%m}"


def own_team_first(teams: Sequence[TeamChoice], own_team_id: str | None) -> list[TeamChoice]:
    """The teams by name, the person's own (a manager's) first."""
    by_name = sorted(teams, key=lambda t: t.name.lower())
    return sorted(by_name, key=lambda t: t.id != own_team_id)


def suggested_name(paper: Paper, month: str, team: str, week_of: date) -> str:
    """A file name that says what the paper is and when (no extension); ``month`` YYYY-MM."""
    if paper.monthly:
        return f"{paper.value}-{month}"
    slug = "-".join("".join(c if c.isalnum() else " " for c in team.lower()).split())
    return f"{paper.value}-{slug}-{week_of.isoformat()}"


def paper_files(chosen: Path, pdf: bool, csv: bool) -> tuple[Path | None, Path | None]:
    """The PDF and CSV a choice writes: the chosen file's name with each one's extension
    (a ``.pdf`` or ``.csv`` the person typed is taken as the name's end, not doubled)."""
    base = chosen.with_suffix("") if chosen.suffix.lower() in (".pdf", ".csv") else chosen
    return (
        base.with_name(base.name + ".pdf") if pdf else None,
        base.with_name(base.name + ".csv") if csv else None,
    )

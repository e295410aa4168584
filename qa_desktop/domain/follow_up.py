"""Due dates and outcomes of the follow-up to an audit: moderation, the reflective meeting,
the re-audit and its grade movement, and how often moderators agree with auditors.

Pure rules: the services feed them plain values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from qa_desktop.domain.calendar import add_working_days, next_working_day
from qa_desktop.domain.grades import Grade

# Moderation is expected within this many working days of the audit being submitted.
MODERATION_WORKING_DAYS = 10


def moderation_due_on(submitted_on: date) -> date:
    return add_working_days(submitted_on, MODERATION_WORKING_DAYS)


def meeting_due_on(confirmed_on: date, working_days: int) -> date:
    """The reflective meeting falls due ``working_days`` working days after the Inadequate
    grade is confirmed (weekends and England and Wales bank holidays left out)."""
    return add_working_days(confirmed_on, working_days)


def reaudit_due_on(meeting_held_on: date, weeks: int, *, working_day: bool = True) -> date:
    """The re-audit falls due ``weeks`` weeks after the meeting is held; with
    ``working_day`` a date on a weekend or bank holiday moves to the next working day."""
    due = meeting_held_on + timedelta(weeks=weeks)
    return next_working_day(due) if working_day else due


def is_overdue(due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on < today


class Movement(StrEnum):
    UP = "up"
    SAME = "same"
    DOWN = "down"

    @property
    def label(self) -> str:
        return {"up": "Improved", "same": "No change", "down": "Worse"}[self.value]


def grade_movement(original: Grade | None, reaudit: Grade | None) -> Movement | None:
    """How the re-audit's grade compares with the original's (None if either is missing)."""
    if original is None or reaudit is None:
        return None
    if reaudit.rank > original.rank:
        return Movement.UP
    if reaudit.rank < original.rank:
        return Movement.DOWN
    return Movement.SAME


def final_grade(auditor_grade: Grade | None, moderated_grade: Grade | None) -> Grade | None:
    """The grade that stands: the moderator's where there is one."""
    return moderated_grade or auditor_grade


@dataclass(frozen=True)
class GradePair:
    """One moderation decision: who graded, in which team, and the two grades."""

    auditor: str
    team: str
    auditor_grade: Grade
    moderated_grade: Grade


@dataclass(frozen=True)
class Agreement:
    """How often moderators agreed with one auditor (or team), and which way they differed."""

    name: str
    decisions: int
    agreed: int
    auditor_higher: int  # the auditor graded better than the moderator
    auditor_lower: int

    @property
    def rate(self) -> float:
        return 100.0 * self.agreed / self.decisions if self.decisions else 0.0

    @property
    def tendency(self) -> str:
        """ "higher", "lower" or "even": which way the auditor's grades lean."""
        if self.auditor_higher > self.auditor_lower:
            return "higher"
        if self.auditor_lower > self.auditor_higher:
            return "lower"
        return "even"


def agreement_by(pairs: Iterable[GradePair], key: str) -> list[Agreement]:
    """Agreement per ``key`` ("auditor" or "team"), lowest agreement first."""
    if key not in ("auditor", "team"):
        raise ValueError(f"agreement is counted by auditor or team, not {key!r}")
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for pair in pairs:
        counts = tally[getattr(pair, key)]
        counts[0] += 1
        difference = pair.auditor_grade.rank - pair.moderated_grade.rank
        counts[1] += difference == 0
        counts[2] += difference > 0
        counts[3] += difference < 0
    rows = [Agreement(name, *counts) for name, counts in tally.items()]
    return sorted(rows, key=lambda a: (a.rate, a.name))

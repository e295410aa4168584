"""The boards' papers: which month a monthly paper compares with, and what a team's weekly
Required Actions report lists (every item due in the next five working days, or overdue).

Pure rules: the services feed them plain values. Overdue is the follow-up's rule
(:func:`qa_desktop.domain.follow_up.is_overdue`); working days are England's calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from qa_desktop.domain.calendar import Period, add_working_days
from qa_desktop.domain.follow_up import is_overdue

# The weekly report looks this many working days ahead of the day it is made for.
REQUIRED_ACTIONS_WORKING_DAYS = 5


def month_period(month_start: date) -> Period:
    return Period.month(month_start.year, month_start.month)


def previous_month(month_start: date) -> Period:
    """The calendar month before (the monthly papers compare month with month, not with the
    period of the same number of days)."""
    before = month_start.replace(day=1) - timedelta(days=1)
    return Period.month(before.year, before.month)


def required_horizon(week_of: date) -> date:
    """The last day an item may fall due and still be on the week's report."""
    return add_working_days(week_of, REQUIRED_ACTIONS_WORKING_DAYS)


@dataclass(frozen=True)
class OutstandingPractice:
    """An audit of the month that its auditor flagged as outstanding practice to share."""

    reference: str
    team: str
    area: str  # the team's area
    auditor: str
    completed_on: date


class RequiredKind(StrEnum):
    """The kinds of item a team's manager chases, in the order the report groups them."""

    AUDIT = "audit"
    MODERATION = "moderation"
    MEETING = "meeting"
    REAUDIT = "reaudit"
    ACTION = "action"

    @property
    def label(self) -> str:
        return {
            "audit": "Audits to complete",
            "moderation": "Moderation",
            "meeting": "Reflective meetings",
            "reaudit": "Re-audits",
            "action": "Actions",
        }[self.value]


@dataclass(frozen=True)
class RequiredItem:
    kind: RequiredKind
    reference: str  # the audit's reference
    case_reference: str
    what: str  # what is to be done
    responsible: str  # who is to do it
    due_on: date
    overdue: bool


@dataclass(frozen=True)
class RequiredActions:
    """One team's items due by ``horizon`` or overdue on ``week_of``."""

    team: str
    week_of: date
    horizon: date
    items: tuple[RequiredItem, ...]

    def of_kind(self, kind: RequiredKind) -> tuple[RequiredItem, ...]:
        return tuple(i for i in self.items if i.kind is kind)

    @property
    def overdue(self) -> int:
        return sum(i.overdue for i in self.items)


def required_item(
    kind: RequiredKind,
    reference: str,
    case_reference: str,
    what: str,
    responsible: str,
    due_on: date | None,
    week_of: date,
) -> RequiredItem | None:
    """The item, if it belongs on the week's report (due by the horizon, overdue included);
    an item with no due date is never chased."""
    if due_on is None or due_on > required_horizon(week_of):
        return None
    return RequiredItem(
        kind, reference, case_reference, what, responsible, due_on, is_overdue(due_on, week_of)
    )


def required_actions(team: str, week_of: date, items: list[RequiredItem]) -> RequiredActions:
    """The items grouped by kind, each group the oldest due first."""
    order = list(RequiredKind)
    ordered = sorted(items, key=lambda i: (order.index(i.kind), i.due_on, i.reference))
    return RequiredActions(team, week_of, required_horizon(week_of), tuple(ordered))

"""The monthly target as it stood each month, so that "completed against plan" holds each past
month to its own plan (30 a month, then 50 from October 2023), not to today's target.

Where the target of a month comes from, first found first:

1. the month's own plan (``plan month --target N`` keeps the target it planned for);
2. the target history the QA team publishes (``TARGET_HISTORY``: "2023-04: 30, 2023-10: 50",
   each target standing from its month until the next), for months planned outside QA Desktop;
3. the monthly target published today (``MONTHLY_TARGET``), for months with neither.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.published_settings import PublishedSetting

TARGET_HISTORY = PublishedSetting(
    "programme.target_history",
    "",
    "Monthly targets before QA Desktop planned the months (YYYY-MM: N, ...)",
)


def _month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return date(year, month, 1)
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a month (write it as YYYY-MM)") from None


def parse_target_history(text: str) -> dict[date, int]:
    """ "2023-04: 30, 2023-10: 50" as {first day of the month: target}; ValueError saying why
    not."""
    history: dict[date, int] = {}
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        month, sep, target = part.partition(":")
        if not sep:
            raise ValueError(f"'{part.strip()}' should be a month and a target, like 2023-10: 50")
        try:
            value = int(target.strip())
        except ValueError:
            raise ValueError(f"'{target.strip()}' is not a whole number of audits") from None
        if value < 0:
            raise ValueError("a monthly target cannot be negative")
        history[_month(month)] = value
    return history


def write_target_history(history: Mapping[date, int]) -> str:
    return ", ".join(f"{month:%Y-%m}: {history[month]}" for month in sorted(history))


@dataclass(frozen=True)
class Targets:
    """The target of every month: the months' own plans, the published history, today's."""

    current: int
    history: Mapping[date, int] = field(default_factory=dict)  # from this month on
    plans: Mapping[date, int] = field(default_factory=dict)  # this month's own plan

    def of_month(self, month: date) -> int:
        first = month.replace(day=1)
        if first in self.plans:
            return self.plans[first]
        standing = [m for m in self.history if m <= first]
        return self.history[max(standing)] if standing else self.current

    def planned_for(self, period: Period) -> int:
        """The audits planned for a period: each month's target, in proportion to the days of
        the month the period covers (whole months count whole)."""
        total = 0.0
        day = period.start
        while day <= period.end:
            days_in_month = calendar.monthrange(day.year, day.month)[1]
            month_end = day.replace(day=days_in_month)
            last = min(month_end, period.end)
            covered = (last - day).days + 1
            total += self.of_month(day) * covered / days_in_month
            day = last + timedelta(days=1)
        return round(total)

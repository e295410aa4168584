"""Dates the service works to: England's day, UK financial-year quarters and working days.

Moments are kept in UTC; the day they fall on is England's (Europe/London, British Summer
Time included). Working days leave out weekends and the bank holidays of England and Wales,
from the ``holidays`` package (substitute "observed" days and one-off royal days included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

ENGLAND = ZoneInfo("Europe/London")


def in_england(moment: datetime) -> datetime:
    """``moment`` on England's clock (a naive moment, as SQLite returns them, is UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ENGLAND)


def local_day(moment: datetime) -> date:
    """The day ``moment`` falls on in England."""
    return in_england(moment).date()


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    """Quarter ``q`` (1-4) of the financial year that starts on 1 April ``start_year``."""

    start_year: int
    q: int

    def __post_init__(self) -> None:
        if self.q not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1 to 4, not {self.q}")

    @classmethod
    def containing(cls, day: date) -> FinancialQuarter:
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @classmethod
    def parse(cls, text: str) -> FinancialQuarter:
        """Read ``2021/22-Q2`` (also ``2021-22 Q2``)."""
        match = re.fullmatch(r"\s*(\d{4})\s*[/-]\s*(\d{2})\s*[- ]?\s*[Qq]([1-4])\s*", text)
        if not match:
            raise ValueError(f"'{text}' is not a financial quarter (write it like 2021/22-Q2)")
        start, end, q = int(match[1]), int(match[2]), int(match[3])
        if (start + 1) % 100 != end:
            raise ValueError(f"'{text}': {start}/{end:02d} is not a financial year")
        return cls(start, q)

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.q - 1)
        return date(self.start_year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}-Q{self.q}"

    def next(self) -> FinancialQuarter:
        return FinancialQuarter(self.start_year + (self.q == 4), self.q % 4 + 1)

    def previous(self) -> FinancialQuarter:
        if self.q == 1:
            return FinancialQuarter(self.start_year - 1, 4)
        return FinancialQuarter(self.start_year, self.q - 1)


@dataclass(frozen=True)
class Period:
    """An inclusive range of dates."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        start = date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return cls(start, nxt - timedelta(days=1))

    @classmethod
    def quarter(cls, quarter: FinancialQuarter) -> Period:
        return cls(quarter.start, quarter.end)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    # Imported when first asked (about 30 ms): a start that shows no working day skips it.
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count

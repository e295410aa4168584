"""What a report covers: a period (a month, a quarter of the UK financial year or any dates)
and a slice of the service (county, area, service, team, worker; form; audit type; the
child's legal status and age band)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from qa_desktop.domain.calendar import FinancialQuarter, Period

AVERAGE_MONTH_DAYS = 365.25 / 12


@dataclass(frozen=True)
class ReportSlice:
    """Which audits a report counts. Nothing set: the whole county."""

    area_id: str | None = None
    service_id: str | None = None
    team_id: str | None = None
    worker_id: str | None = None  # the practitioner whose case was audited
    form_key: str | None = None
    audit_type: str | None = None
    legal_status: str | None = None  # a LegalStatus value: the child's, as the case holds it
    age_band: str | None = None  # an AgeBand value


def comparison_period(period: Period) -> Period:
    """The period a report compares with: the quarter before a financial quarter, the month
    before a calendar month, else the days of the same length just before."""
    quarter = FinancialQuarter.containing(period.start)
    if period == Period.quarter(quarter):
        return Period.quarter(quarter.previous())
    if period.start.day == 1 and period == Period.month(period.start.year, period.start.month):
        before = period.start - timedelta(days=1)
        return Period.month(before.year, before.month)
    return period.previous()


def months_in(period: Period) -> float:
    """How many months a period spans: whole calendar months count exactly, other ranges by
    their length in days."""
    start, end = period.start, period.end
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        after = end + timedelta(days=1)
        return float((after.year - start.year) * 12 + after.month - start.month)
    return period.days / AVERAGE_MONTH_DAYS


def planned_for(period: Period, monthly_target: int) -> int:
    """The number of audits the monthly target plans for a period."""
    return round(monthly_target * months_in(period))


def trend_quarters(period: Period, count: int = 4) -> list[FinancialQuarter]:
    """The ``count`` financial quarters up to the one the period ends in, oldest first."""
    quarter = FinancialQuarter.containing(period.end)
    quarters = [quarter]
    for _ in range(count - 1):
        quarter = quarter.previous()
        quarters.append(quarter)
    return quarters[::-1]


def quarter_period(label: str) -> Period:
    """The period of a quarter written like ``2021/22-Q2`` (ValueError saying why not)."""
    return Period.quarter(FinancialQuarter.parse(label))


def last_whole_quarter(today: date) -> FinancialQuarter:
    """The newest financial quarter that has ended by ``today`` (a quarter's report is read
    once it is over; the unfinished one is chosen on purpose, and then said to be partial)."""
    quarter = FinancialQuarter.containing(today)
    return quarter if today >= quarter.end else quarter.previous()


def kind_of(period: Period) -> str:
    """ "quarter", "month" or "period": what a period is called in "quarter not finished"."""
    if period == Period.quarter(FinancialQuarter.containing(period.start)):
        return "quarter"
    if period == Period.month(period.start.year, period.start.month):
        return "month"
    return "period"


def counted_to(period: Period, today: date) -> date | None:
    """The last day counted when the period is not over by ``today`` (figures so far), else
    None: the whole period is counted."""
    return today if today < period.end else None


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_day(day: date, year: bool = True) -> str:
    """ "6 December 2026" (in English whatever the computer's language)."""
    text = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def span_words(start: date, end: date) -> str:
    """ "1 October to 6 December 2026" (the start's year only when it differs)."""
    return f"{long_day(start, start.year != end.year)} to {long_day(end)}"

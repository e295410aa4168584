"""What a report covers: a period (a month, a quarter of the UK financial year or any dates)
and a slice of the service (county, area, service, team, worker; form; audit type; the
child's legal status and age band)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

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

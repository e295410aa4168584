"""How documents write dates and times (UK style: 20 November 2026, 14:05), on England's
clock: a moment is kept in UTC and written as the time in England."""

from __future__ import annotations

from datetime import date, datetime

from qa_desktop.domain.calendar import in_england


def _english(value: date | datetime) -> date | datetime:
    return in_england(value) if isinstance(value, datetime) else value


def long_date(value: date | datetime | None, missing: str = "") -> str:
    if value is None:
        return missing
    value = _english(value)
    return f"{value.day} {value.strftime('%B %Y')}"


def short_date(value: date | datetime | None, missing: str = "") -> str:
    if value is None:
        return missing
    value = _english(value)
    return f"{value.day} {value.strftime('%b %Y')}"


def date_time(value: datetime | None, missing: str = "") -> str:
    if value is None:
        return missing
    value = in_england(value)
    return f"{short_date(value)}, {value.strftime('%H:%M')}"

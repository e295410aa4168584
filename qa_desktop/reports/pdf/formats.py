"""How documents write dates and times (UK style: 20 November 2026, 14:05)."""

from __future__ import annotations

from datetime import date, datetime


def long_date(value: date | datetime | None, missing: str = "") -> str:
    if value is None:
        return missing
    return f"{value.day} {value.strftime('%B %Y')}"


def short_date(value: date | datetime | None, missing: str = "") -> str:
    if value is None:
        return missing
    return f"{value.day} {value.strftime('%b %Y')}"


def date_time(value: datetime | None, missing: str = "") -> str:
    if value is None:
        return missing
    return f"{short_date(value)}, {value.strftime('%H:%M')}"

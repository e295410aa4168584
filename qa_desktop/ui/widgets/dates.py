"""Dates between Python and Qt, typed (Qt's own conversions are typed as taking and giving
any object)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())

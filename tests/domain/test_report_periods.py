"""Which quarter a report opens on, and how a period not yet over is said."""

from __future__ import annotations

from datetime import date

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.report_periods import (
    counted_to,
    kind_of,
    last_whole_quarter,
    span_words,
)


def test_the_last_whole_quarter_is_the_newest_that_has_ended() -> None:
    assert last_whole_quarter(date(2026, 12, 6)) == FinancialQuarter(2026, 2)
    assert last_whole_quarter(date(2026, 10, 1)) == FinancialQuarter(2026, 2)
    assert last_whole_quarter(date(2026, 12, 31)) == FinancialQuarter(2026, 3)  # its last day
    assert last_whole_quarter(date(2026, 4, 2)) == FinancialQuarter(2025, 4)  # over the year


def test_a_period_not_over_counts_to_today() -> None:
    q3 = Period.quarter(FinancialQuarter(2026, 3))
    assert counted_to(q3, date(2026, 12, 6)) == date(2026, 12, 6)
    assert counted_to(q3, date(2026, 12, 31)) is None
    assert counted_to(q3, date(2027, 1, 5)) is None


def test_periods_are_named_and_written_in_words() -> None:
    assert kind_of(Period.quarter(FinancialQuarter(2026, 3))) == "quarter"
    assert kind_of(Period.month(2026, 12)) == "month"
    assert kind_of(Period(date(2026, 12, 1), date(2026, 12, 6))) == "period"
    assert span_words(date(2026, 10, 1), date(2026, 12, 6)) == "1 October to 6 December 2026"
    assert span_words(date(2026, 12, 1), date(2027, 1, 31)) == (
        "1 December 2026 to 31 January 2027"
    )

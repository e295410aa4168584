"""Financial-year quarters, periods, and working days in England and Wales."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from qa_desktop.domain.calendar import (
    FinancialQuarter,
    Period,
    add_working_days,
    in_england,
    is_working_day,
    local_day,
    next_working_day,
    working_days_between,
)
from qa_desktop.services.clock import fixed_clock, today

FQ = FinancialQuarter

# --- financial quarters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 4, 1), FQ(2021, 1)),  # 1 April starts Q1
        (date(2021, 6, 30), FQ(2021, 1)),
        (date(2021, 7, 1), FQ(2021, 2)),
        (date(2021, 9, 30), FQ(2021, 2)),
        (date(2021, 10, 1), FQ(2021, 3)),
        (date(2021, 12, 31), FQ(2021, 3)),
        (date(2022, 1, 1), FQ(2021, 4)),  # January belongs to the year that started in April
        (date(2022, 3, 31), FQ(2021, 4)),  # 31 March ends Q4 of the 2021/22 year
        (date(2022, 4, 1), FQ(2022, 1)),
        (date(2024, 2, 29), FQ(2023, 4)),
    ],
)
def test_containing(day: date, expected: FinancialQuarter) -> None:
    assert FQ.containing(day) == expected


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (FQ(2021, 1), date(2021, 4, 1), date(2021, 6, 30)),
        (FQ(2021, 2), date(2021, 7, 1), date(2021, 9, 30)),
        (FQ(2021, 3), date(2021, 10, 1), date(2021, 12, 31)),
        (FQ(2021, 4), date(2022, 1, 1), date(2022, 3, 31)),
        (FQ(2023, 4), date(2024, 1, 1), date(2024, 3, 31)),
    ],
)
def test_start_and_end(quarter: FinancialQuarter, start: date, end: date) -> None:
    assert quarter.start == start
    assert quarter.end == end
    assert FQ.containing(start) == quarter
    assert FQ.containing(end) == quarter
    assert Period.quarter(quarter) == Period(start, end)


@pytest.mark.parametrize(
    ("quarter", "label"),
    [
        (FQ(2021, 2), "2021/22-Q2"),
        (FQ(2021, 4), "2021/22-Q4"),
        (FQ(2009, 1), "2009/10-Q1"),
        (FQ(2099, 3), "2099/00-Q3"),
    ],
)
def test_label_and_parse_round_trip(quarter: FinancialQuarter, label: str) -> None:
    assert quarter.label == label
    assert FQ.parse(label) == quarter


@pytest.mark.parametrize(
    "text",
    [
        "2021/22-Q2",
        "2021-22 Q2",
        "2021/22 Q2",
        "2021/22Q2",
        "2021/22-q2",
        "2021-22-Q2",
        "  2021/22-Q2  ",
        "2021 / 22 - Q2",
    ],
)
def test_parse_variants(text: str) -> None:
    assert FQ.parse(text) == FQ(2021, 2)


@pytest.mark.parametrize(
    "text",
    [
        "garbage",
        "",
        "2021/22",
        "2021/22-Q5",
        "2021/22-Q0",
        "21/22-Q2",
        "2021/2022-Q2",
        "2021/22-Q",
        "Q2 2021/22",
    ],
)
def test_parse_refuses_what_is_not_a_quarter(text: str) -> None:
    with pytest.raises(ValueError) as info:
        FQ.parse(text)
    message = str(info.value)
    assert f"'{text}' is not a financial quarter" in message
    assert "2021/22-Q2" in message  # shows how to write one


@pytest.mark.parametrize(
    ("text", "years"),
    [("2021/23-Q1", "2021/23"), ("2021/21-Q2", "2021/21"), ("2099/01-Q4", "2099/01")],
)
def test_parse_refuses_years_that_do_not_follow_on(text: str, years: str) -> None:
    with pytest.raises(ValueError) as info:
        FQ.parse(text)
    assert f"{years} is not a financial year" in str(info.value)
    assert text in str(info.value)


@pytest.mark.parametrize("q", [0, 5, -1])
def test_quarter_number_must_be_1_to_4(q: int) -> None:
    with pytest.raises(ValueError, match="quarter must be 1 to 4"):
        FQ(2021, q)


@pytest.mark.parametrize(
    ("quarter", "following"),
    [
        (FQ(2021, 1), FQ(2021, 2)),
        (FQ(2021, 2), FQ(2021, 3)),
        (FQ(2021, 3), FQ(2021, 4)),  # across 31 December: same financial year
        (FQ(2021, 4), FQ(2022, 1)),  # across 31 March: next financial year
    ],
)
def test_next_and_previous(quarter: FinancialQuarter, following: FinancialQuarter) -> None:
    assert quarter.next() == following
    assert following.previous() == quarter
    assert following.start == date.fromordinal(quarter.end.toordinal() + 1)
    assert quarter < following


def test_quarters_sort_by_time() -> None:
    quarters = [FQ(2022, 1), FQ(2021, 4), FQ(2021, 1), FQ(2020, 3)]
    assert sorted(quarters) == [FQ(2020, 3), FQ(2021, 1), FQ(2021, 4), FQ(2022, 1)]


# --- periods --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "month", "start", "end", "days"),
    [
        (2026, 12, date(2026, 12, 1), date(2026, 12, 31), 31),
        (2024, 2, date(2024, 2, 1), date(2024, 2, 29), 29),  # leap year
        (2023, 2, date(2023, 2, 1), date(2023, 2, 28), 28),
        (2100, 2, date(2100, 2, 1), date(2100, 2, 28), 28),  # not a leap year
        (2026, 4, date(2026, 4, 1), date(2026, 4, 30), 30),
        (2026, 1, date(2026, 1, 1), date(2026, 1, 31), 31),
    ],
)
def test_month(year: int, month: int, start: date, end: date, days: int) -> None:
    period = Period.month(year, month)
    assert (period.start, period.end) == (start, end)
    assert period.days == days


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        # March 2026 has 31 days: the 31 days before it are 29 January to 28 February
        (Period.month(2026, 3), Period(date(2026, 1, 29), date(2026, 2, 28))),
        (Period.month(2026, 1), Period(date(2025, 12, 1), date(2025, 12, 31))),
        # Q1 2021/22 has 91 days: 31 December 2020 to 31 March 2021, not Q4
        (Period.quarter(FQ(2021, 1)), Period(date(2020, 12, 31), date(2021, 3, 31))),
        (Period(date(2026, 5, 1), date(2026, 5, 1)), Period(date(2026, 4, 30), date(2026, 4, 30))),
    ],
)
def test_previous_is_the_same_length_just_before(period: Period, previous: Period) -> None:
    assert period.previous() == previous
    assert previous.days == period.days


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (date(2026, 3, 31), False),
        (date(2026, 4, 1), True),  # the first day counts
        (date(2026, 5, 15), True),
        (date(2026, 6, 30), True),  # and so does the last
        (date(2026, 7, 1), False),
        ("2026-05-15", False),
        (None, False),
    ],
)
def test_contains(day: object, inside: bool) -> None:
    assert (day in Period(date(2026, 4, 1), date(2026, 6, 30))) is inside


def test_a_period_may_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError) as info:
        Period(date(2026, 5, 2), date(2026, 5, 1))
    assert "2026-05-01" in str(info.value)
    assert "2026-05-02" in str(info.value)


def test_a_one_day_period_is_allowed() -> None:
    assert Period(date(2026, 5, 1), date(2026, 5, 1)).days == 1


# --- working days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 24), True),  # Thu
        (date(2026, 12, 25), False),  # Fri, Christmas Day
        (date(2026, 12, 26), False),  # Sat, Boxing Day
        (date(2026, 12, 28), False),  # Mon, Boxing Day observed
        (date(2026, 12, 29), True),  # Tue
        (date(2027, 1, 1), False),  # Fri, New Year's Day
        (date(2027, 1, 4), True),  # Mon
        (date(2026, 4, 3), False),  # Good Friday 2026
        (date(2026, 4, 6), False),  # Easter Monday 2026
        (date(2027, 3, 26), False),  # Good Friday 2027
        (date(2027, 3, 29), False),  # Easter Monday 2027
        (date(2027, 3, 30), True),
        (date(2026, 11, 7), False),  # Sat
        (date(2026, 11, 8), False),  # Sun
        (date(2026, 11, 9), True),  # Mon
        (date(2027, 12, 27), False),  # Mon, Christmas Day 2027 (a Saturday) observed
        (date(2027, 12, 28), False),  # Tue, Boxing Day 2027 (a Sunday) observed
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Tue 22 Dec 2026 + 5: 23, 24, (25 Christmas, 26-27 weekend, 28 Boxing Day observed),
        # 29, 30, 31 -> Thu 31 Dec 2026
        (date(2026, 12, 22), 5, date(2026, 12, 31)),
        # + 6: then (1 Jan New Year, 2-3 weekend) Mon 4 Jan 2027
        (date(2026, 12, 22), 6, date(2027, 1, 4)),
        # Thu 24 Dec 2026 + 1: skips 25, 26, 27, 28 -> Tue 29 Dec
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        # Wed 23 Dec 2026 + 5 (a reflective meeting's deadline): 24, 29, 30, 31, 4 Jan
        (date(2026, 12, 23), 5, date(2027, 1, 4)),
        # Fri 18 Dec 2026 + 10: 21, 22, 23, 24, 29, 30, 31, 4, 5, 6 -> Wed 6 Jan 2027
        (date(2026, 12, 18), 10, date(2027, 1, 6)),
        # Thu 31 Dec 2026 + 1: skips 1 Jan and the weekend -> Mon 4 Jan 2027
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
        # Easter 2027: Thu 25 Mar + 1 skips Good Friday 26, 27-28, Easter Monday 29 -> Tue 30
        (date(2027, 3, 25), 1, date(2027, 3, 30)),
        # Mon 22 Mar 2027 + 5: 23, 24, 25, 30, 31 -> Wed 31 Mar 2027
        (date(2027, 3, 22), 5, date(2027, 3, 31)),
        # Easter 2026: Thu 2 Apr + 1 skips Good Friday 3, 4-5, Easter Monday 6 -> Tue 7 Apr
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        # Wed 1 Apr 2026 + 3: 2, 7, 8 -> Wed 8 Apr 2026
        (date(2026, 4, 1), 3, date(2026, 4, 8)),
        # Christmas 2027 falls at a weekend: Fri 24 Dec + 1 skips 25-26, 27, 28 -> Wed 29 Dec
        (date(2027, 12, 24), 1, date(2027, 12, 29)),
        # Early May bank holiday: Fri 1 May 2026 + 1 skips 2-3 and Mon 4 May -> Tue 5 May
        (date(2026, 5, 1), 1, date(2026, 5, 5)),
        # plain weekends: Fri 6 Nov 2026 + 1 -> Mon 9 Nov; Mon 2 Nov + 5: 3, 4, 5, 6, 9
        (date(2026, 11, 6), 1, date(2026, 11, 9)),
        (date(2026, 11, 2), 5, date(2026, 11, 9)),
        # from a Saturday or Sunday: the start does not count -> Mon 9 Nov
        (date(2026, 11, 7), 1, date(2026, 11, 9)),
        (date(2026, 11, 8), 1, date(2026, 11, 9)),
        # Mon 2 Nov 2026 + 10: two whole weeks -> Mon 16 Nov
        (date(2026, 11, 2), 10, date(2026, 11, 16)),
    ],
)
def test_add_working_days(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(
    "start", [date(2026, 11, 4), date(2026, 11, 7), date(2026, 12, 25), date(2027, 1, 1)]
)
def test_add_zero_working_days_is_the_start_even_on_a_holiday(start: date) -> None:
    assert add_working_days(start, 0) == start


@pytest.mark.parametrize("days", [-1, -5])
def test_add_negative_working_days_is_refused(days: int) -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 11, 4), days)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 12, 22), date(2026, 12, 31), 5),  # 23, 24, 29, 30, 31
        (date(2026, 12, 22), date(2027, 1, 4), 6),
        (date(2026, 12, 24), date(2026, 12, 28), 0),  # all holidays and weekend
        (date(2027, 3, 25), date(2027, 3, 30), 1),
        (date(2026, 11, 6), date(2026, 11, 9), 1),  # Fri to Mon
        (date(2026, 11, 4), date(2026, 11, 4), 0),  # same day
        (date(2026, 11, 9), date(2026, 11, 2), 0),  # end before start
        (date(2026, 11, 2), date(2026, 11, 16), 10),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize(
    "start", [date(2026, 12, 18), date(2027, 3, 20), date(2026, 4, 1), date(2026, 12, 26)]
)
@pytest.mark.parametrize("days", [1, 2, 5, 10, 20, 45])
def test_working_days_between_undoes_add_working_days(start: date, days: int) -> None:
    end = add_working_days(start, days)
    assert is_working_day(end)
    assert working_days_between(start, end) == days


# --- England's day ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        # Summer: 00:30 BST on 3 June is still 2 June in UTC.
        (datetime(2026, 6, 2, 23, 30, tzinfo=UTC), date(2026, 6, 3)),
        (datetime(2026, 6, 2, 22, 59, tzinfo=UTC), date(2026, 6, 2)),
        # Winter: England is on UTC.
        (datetime(2026, 12, 24, 23, 30, tzinfo=UTC), date(2026, 12, 24)),
        # Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), date(2026, 3, 28)),
        (datetime(2026, 3, 29, 23, 30, tzinfo=UTC), date(2026, 3, 30)),
        # Clocks go back at 01:00 UTC on Sunday 25 October 2026.
        (datetime(2026, 10, 24, 23, 30, tzinfo=UTC), date(2026, 10, 25)),
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), date(2026, 10, 25)),
        (datetime(2026, 10, 25, 23, 30, tzinfo=UTC), date(2026, 10, 25)),
        # SQLite gives moments back naive, in UTC.
        (datetime(2027, 6, 2, 23, 30), date(2027, 6, 3)),
    ],
)
def test_a_moment_falls_on_englands_day(moment: datetime, day: date) -> None:
    assert local_day(moment) == day
    assert today(fixed_clock(moment)) == day


def test_a_time_is_written_on_englands_clock() -> None:
    summer = in_england(datetime(2026, 6, 2, 23, 30, tzinfo=UTC))
    assert (summer.day, summer.hour, summer.minute) == (3, 0, 30)
    assert in_england(datetime(2026, 12, 2, 23, 30)).hour == 23


def test_the_next_working_day_skips_weekends_and_bank_holidays() -> None:
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 29)  # Boxing Day on the 28th
    assert next_working_day(date(2027, 3, 26)) == date(2027, 3, 30)  # Good Friday, Easter Monday
    assert next_working_day(date(2027, 5, 31)) == date(2027, 6, 1)  # the late May bank holiday
    assert next_working_day(date(2026, 11, 20)) == date(2026, 11, 20)

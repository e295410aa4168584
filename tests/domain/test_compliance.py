"""Compliance per question: Yes / (Yes + No), Partly as the form says, N/A left out."""

from __future__ import annotations

import pytest

from qa_desktop.domain.compliance import (
    STANDARD_PERCENT,
    AnswerCounts,
    change,
    compliance_percent,
    meets_standard,
)
from qa_desktop.domain.forms import PartlyCounts


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (AnswerCounts(yes=9, no=1), 90.0),
        (AnswerCounts(yes=9, no=1, na=5), 90.0),  # N/A left out
        (AnswerCounts(yes=9, no=1, na=1000), 90.0),
        (AnswerCounts(yes=3, no=1), 75.0),
        (AnswerCounts(yes=4), 100.0),
        (AnswerCounts(no=4, na=2), 0.0),
        (AnswerCounts(yes=1, no=2), 100.0 / 3),
    ],
)
def test_yes_over_yes_plus_no(counts: AnswerCounts, expected: float) -> None:
    assert compliance_percent(counts, PartlyCounts.HALF) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("partly", "expected"),
    [
        (PartlyCounts.HALF, 70.0),  # (6 + 2 x 0.5) / 10
        (PartlyCounts.YES, 80.0),  # (6 + 2) / 10
        (PartlyCounts.NO, 60.0),  # 6 / 10
        (PartlyCounts.EXCLUDE, 75.0),  # 6 / 8
    ],
)
def test_partly_counts_each_way(partly: PartlyCounts, expected: float) -> None:
    counts = AnswerCounts(yes=6, partly=2, no=2, na=3)
    assert compliance_percent(counts, partly) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("counts", "partly"),
    [
        (AnswerCounts(), PartlyCounts.HALF),
        (AnswerCounts(na=7), PartlyCounts.HALF),
        (AnswerCounts(na=7), PartlyCounts.YES),
        (AnswerCounts(partly=3), PartlyCounts.EXCLUDE),
        (AnswerCounts(partly=3, na=2), PartlyCounts.EXCLUDE),
    ],
)
def test_nothing_applicable_gives_none(counts: AnswerCounts, partly: PartlyCounts) -> None:
    assert compliance_percent(counts, partly) is None


@pytest.mark.parametrize(
    ("partly", "expected"),
    [(PartlyCounts.HALF, 50.0), (PartlyCounts.YES, 100.0), (PartlyCounts.NO, 0.0)],
)
def test_only_partly_answers(partly: PartlyCounts, expected: float) -> None:
    assert compliance_percent(AnswerCounts(partly=3), partly) == pytest.approx(expected)


def test_exactly_90_percent_through_partly_halves_is_exactly_90() -> None:
    # 17 + 2 x 0.5 = 18 of 20: the standard must be met, not missed by a rounding error
    percent = compliance_percent(AnswerCounts(yes=17, partly=2, no=1), PartlyCounts.HALF)
    assert percent == 90.0
    assert meets_standard(percent) is True


def test_counts_add_field_by_field() -> None:
    total = AnswerCounts(1, 2, 3, 4) + AnswerCounts(10, 20, 30, 40)
    assert total == AnswerCounts(yes=11, partly=22, no=33, na=44)
    assert total.answered == 110


def test_counts_sum_over_many() -> None:
    rows = [AnswerCounts(yes=1), AnswerCounts(no=1), AnswerCounts(partly=1), AnswerCounts(na=1)]
    total = sum(rows, AnswerCounts())
    assert total == AnswerCounts(1, 1, 1, 1)
    assert compliance_percent(total, PartlyCounts.HALF) == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("counts", "answered"),
    [(AnswerCounts(), 0), (AnswerCounts(yes=2, na=3), 5), (AnswerCounts(1, 1, 1, 1), 4)],
)
def test_answered_includes_na(counts: AnswerCounts, answered: int) -> None:
    assert counts.answered == answered


def test_the_standard_is_90_percent() -> None:
    assert STANDARD_PERCENT == 90.0


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        (90.0, True),
        (100.0, True),
        (89.99, False),
        (0.0, False),
        (None, None),
    ],
)
def test_meets_standard(percent: float | None, expected: bool | None) -> None:
    assert meets_standard(percent) is expected


@pytest.mark.parametrize(
    ("percent", "standard", "expected"), [(94.0, 95.0, False), (95.0, 95.0, True)]
)
def test_meets_another_standard(percent: float, standard: float, expected: bool) -> None:
    assert meets_standard(percent, standard) is expected


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (85.0, 80.0, 5.0),
        (80.0, 85.0, -5.0),
        (50.0, 0.0, 50.0),  # 0% last period is a figure, not a missing one
        (0.0, 50.0, -50.0),
        (0.0, 0.0, 0.0),
        (None, 80.0, None),
        (80.0, None, None),
        (None, None, None),
    ],
)
def test_change(current: float | None, previous: float | None, expected: float | None) -> None:
    result = change(current, previous)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)

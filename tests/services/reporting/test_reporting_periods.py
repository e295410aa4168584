"""Report periods, the comparison period, the plan's target and themes: pure rules."""

from __future__ import annotations

from datetime import date

import pytest

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.compliance import AnswerCounts
from qa_desktop.domain.dashboard import combined_percent
from qa_desktop.domain.forms import PartlyCounts
from qa_desktop.domain.report_periods import (
    comparison_period,
    months_in,
    planned_for,
    quarter_period,
    trend_quarters,
)
from qa_desktop.domain.themes import NOT_MATCHED, parse_themes, themes


def test_a_quarter_compares_with_the_quarter_before() -> None:
    q1 = quarter_period("2026/27-Q1")
    assert (q1.start, q1.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert comparison_period(q1) == Period(date(2026, 1, 1), date(2026, 3, 31))
    q4 = quarter_period("2025/26-Q4")
    assert comparison_period(q4) == quarter_period("2025/26-Q3")


def test_a_month_compares_with_the_month_before_and_other_dates_with_as_many_days() -> None:
    march = Period.month(2026, 3)
    assert comparison_period(march) == Period.month(2026, 2)
    assert comparison_period(Period.month(2026, 1)) == Period.month(2025, 12)
    fortnight = Period(date(2026, 10, 1), date(2026, 10, 14))
    assert comparison_period(fortnight) == Period(date(2026, 9, 17), date(2026, 9, 30))


def test_the_monthly_target_plans_whole_months_exactly() -> None:
    assert months_in(Period.month(2026, 2)) == 1
    assert months_in(quarter_period("2026/27-Q4")) == 3
    assert planned_for(quarter_period("2026/27-Q4"), 50) == 150
    assert planned_for(Period(date(2026, 10, 1), date(2026, 10, 14)), 50) == 23


def test_trend_quarters_end_with_the_quarter_of_the_period() -> None:
    quarters = trend_quarters(Period(date(2026, 4, 1), date(2026, 4, 1)))
    assert [q.label for q in quarters] == ["2025/26-Q2", "2025/26-Q3", "2025/26-Q4", "2026/27-Q1"]
    assert FinancialQuarter.containing(date(2026, 3, 31)).label == "2025/26-Q4"


def test_pooled_compliance_equals_the_single_form_rule() -> None:
    counts = AnswerCounts(yes=3, partly=2, no=1, na=4)
    assert combined_percent(((PartlyCounts.HALF, counts),)) == pytest.approx(400 / 6)
    assert combined_percent(((PartlyCounts.EXCLUDE, counts),)) == pytest.approx(75.0)
    assert combined_percent(((PartlyCounts.YES, counts),)) == pytest.approx(500 / 6)
    assert combined_percent(((PartlyCounts.NO, counts),)) == pytest.approx(50.0)
    assert combined_percent(((PartlyCounts.HALF, AnswerCounts(na=3)),)) is None
    assert combined_percent(()) is None


def test_themes_are_the_qa_teams_phrases_each_comment_counted_once() -> None:
    listed = parse_themes(
        "theme,phrases\n"
        '"Plans are SMART: owners, timescales and a contingency",smart;owner;contingency\n'
        "Chronology kept up to date,chronology\n"
        "Voice of the child,child's voice;wishes and feelings\n"
    )
    found = themes(
        [
            ("Make the plan SMART: owners and dates for each action.", 3),
            ("The plan needs owners, an owner for each; the plan drifted.", 1),
            ("Update the CHRONOLOGY and make the plan smart.", 2),
            ("Record the child's voice.", 1),
            ("Write more clearly.", 1),
        ],
        listed,
    )
    # Whole phrases, most mentioned first; a comment counts once per theme it mentions; what
    # mentions none is shown as such, last; a theme nobody mentions is left out.
    assert [(t.phrase, t.comments) for t in found] == [
        ("Plans are SMART: owners, timescales and a contingency", 6),
        ("Chronology kept up to date", 2),
        ("Voice of the child", 1),
        (NOT_MATCHED, 1),
    ]
    assert found[0].matches == ("smart", "owner", "contingency") and found[-1].matches == ()
    assert themes([], listed) == []


def test_the_shipped_themes_read_as_a_qa_officer_writes_them() -> None:
    from qa_desktop.services.reporting import theme_definitions

    shipped = theme_definitions()
    assert len(shipped) >= 6
    for theme in shipped:
        assert theme.name[0].isupper() and len(theme.name.split()) >= 3, theme.name
        assert all(p == p.lower() for p in theme.phrases)


def test_a_wrong_themes_file_names_its_row() -> None:
    with pytest.raises(ValueError, match="row 3"):
        parse_themes("theme,phrases\nPlans,smart\nNo phrases,\n")
    with pytest.raises(ValueError, match=r"row 3.*twice"):
        parse_themes("theme,phrases\nPlans,smart\nPlans,owner\n")
    with pytest.raises(ValueError, match="columns"):
        parse_themes("name,words\nPlans,smart\n")

"""Compliance in both layouts, from historic audits imported as the council's spreadsheets
hold them: met, not met and N/A as shares of all audited cases adding to 100, beside Yes /
(Yes + No); the form says which one is held against the standard."""

from __future__ import annotations

from datetime import date

import pytest

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.compliance import AnswerCounts, council_shares, rounded_to_100
from qa_desktop.domain.dashboard import compliance_table
from qa_desktop.domain.forms import StandardMeasure
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.imports.historic_audits import HistoricImport
from qa_desktop.services.reporting import COUNTY, Drill, ReportingService
from tests.services.reporting.reporting_world import World

MAY_2019 = Period(date(2019, 5, 1), date(2019, 5, 31))


def _import(store, clock, answers: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    """One historic audit per row; ``answers`` gives each question's column."""
    questions = list(answers)
    count = len(answers[questions[0]])
    lines = ["audit_ref,case_ref,team,completed_on,overall_grade," + ",".join(questions)]
    for i in range(count):
        day = 1 + i % 28
        cells = ",".join(answers[q][i] for q in questions)
        lines.append(f"H-{i:03d},CR-west,West Early Help,2019-05-{day:02d},ri,{cells}")
    HistoricImport(store, clock).import_bytes(("\n".join(lines) + "\n").encode(), SYSTEM)


def test_reviews_in_timescale_in_the_councils_layout(store, clock) -> None:
    World(store, clock)
    # 100 cases: reviews in timescale (D1) 79 met, 13 not met, 8 not applicable; a judgement
    # question (D4) with the same answers.
    d1 = ["yes"] * 79 + ["no"] * 13 + ["na"] * 8
    _import(store, clock, {"D1": d1, "D4": d1, "A1": ["yes"] * 99 + [""]})
    reporting = ReportingService(store, clock)
    rows = {q.question_id: q for q in reporting.compliance(MAY_2019, COUNTY, SYSTEM)}
    d1_row, d4_row = rows["D1"], rows["D4"]
    shares = d1_row.shares
    assert shares is not None and shares.cases == 100
    assert (shares.met, shares.not_met, shares.na) == (79.0, 13.0, 8.0)
    assert shares.met + shares.not_met + shares.na == pytest.approx(100.0)
    assert d1_row.percent == pytest.approx(100 * 79 / 92)  # 85.9%: Yes / (Yes + No)
    # The learning audit holds D1 (a timescale) to met of all cases, D4 to Yes / (Yes + No).
    assert d1_row.measure is StandardMeasure.ALL_CASES and d1_row.held == 79.0
    assert d4_row.measure is StandardMeasure.APPLICABLE and d4_row.held == pytest.approx(
        85.87, 0.01
    )
    assert d1_row.meets(90.0) is False and d1_row.meets(75.0) is True
    assert d4_row.meets(85.0) is True
    # An unanswered question counts in neither layout: A1 is 99 of 99 cases.
    a1 = rows["A1"]
    assert a1.shares is not None and a1.shares.cases == 99 and a1.shares.met == 100.0
    assert a1.unanswered == 1
    table = compliance_table(tuple(rows.values()), 90.0)
    by_id = {row[0]: dict(zip(table.headers, row, strict=True)) for row in table.rows}
    assert (by_id["D1"]["met_pct"], by_id["D1"]["not_met_pct"], by_id["D1"]["na_pct"]) == (
        79.0,
        13.0,
        8.0,
    )
    assert by_id["D1"]["held_to"] == "met of all cases" and by_id["D1"]["meets_standard"] == "no"
    assert by_id["D4"]["held_to"] == "yes of yes and no" and by_id["D4"]["compliance_pct"] == 85.9
    # Every row's three shares add up to exactly 100 as shown.
    for row in by_id.values():
        if row["met_pct"] is not None:
            assert row["met_pct"] + row["not_met_pct"] + row["na_pct"] == pytest.approx(100.0)
    # The drill behind D1 finds the hundred imported audits.
    assert reporting.audits_behind(MAY_2019, COUNTY, Drill("question", "D1"), SYSTEM).total == 100


def test_partly_is_not_met_in_the_councils_layout_and_shares_round_to_100() -> None:
    shares = council_shares(AnswerCounts(yes=1, partly=1, no=0, na=1))
    assert shares is not None
    assert (round(shares.met, 3), round(shares.not_met, 3)) == (33.333, 33.333)
    assert sum(rounded_to_100((shares.met, shares.not_met, shares.na), 1)) == pytest.approx(100.0)
    # Largest remainders take the points rounding down lost: 66 + 17 + 17, not 67 + 17 + 17.
    assert rounded_to_100((66.66, 16.67, 16.67)) == (66.0, 17.0, 17.0)
    assert council_shares(AnswerCounts()) is None

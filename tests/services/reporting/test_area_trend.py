"""Grades per practice area over quarters: Inadequate falling and Good rising, per area, with
moderated grades counted as confirmed, and the table the exports and PDFs are made from."""

from __future__ import annotations

from datetime import date

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.reporting import COUNTY, ReportingService
from tests.services.reporting.reporting_world import World

Q4 = Period.quarter(FinancialQuarter(2026, 4))  # January to March 2027


def test_each_area_has_its_grades_per_quarter(store, clock) -> None:
    world = World(store, clock)
    reporting = ReportingService(store, clock)
    # Assessment: Inadequate in Q1 and Q2, Good in Q3 and Q4; Planning: Requires Improvement.
    for day, assessment in (
        (date(2026, 5, 1), "inadequate"),
        (date(2026, 8, 1), "inadequate"),
        (date(2026, 11, 2), "good"),
        (date(2027, 2, 1), "good"),
    ):
        world.audit(day, sections={"A": assessment, "B": "requires_improvement"})
    moderated = world.audit(date(2027, 2, 2), sections={"A": "good"}, team="east")
    world.moderate(moderated, "A", "good", "requires_improvement")  # moderation graded lower
    trend = {a.section_id: a for a in reporting.dashboard(Q4, COUNTY, SYSTEM).area_trend}
    assert list(trend) == ["A", "B"] and trend["A"].section_title == "Assessment"
    assessment = trend["A"].points
    assert [p.quarter for p in assessment] == [
        "2026/27-Q1",
        "2026/27-Q2",
        "2026/27-Q3",
        "2026/27-Q4",
    ]
    assert [p.counts.get(Grade.INADEQUATE, 0) for p in assessment] == [1, 1, 0, 0]
    assert [p.counts.get(Grade.GOOD, 0) for p in assessment] == [0, 0, 1, 1]
    assert assessment[-1].counts.get(Grade.REQUIRES_IMPROVEMENT) == 1  # the moderated one
    assert assessment[-1].share(Grade.GOOD) == 50.0
    assert [p.total for p in trend["B"].points] == [1, 1, 1, 1]
    # One team's slice leaves the other team's audits out.
    east = reporting.dashboard(Q4, ReportSlice(team_id=world.teams["east"]), SYSTEM)
    (east_a,) = east.area_trend
    assert [p.total for p in east_a.points] == [0, 0, 0, 1]
    table = next(
        t for t in reporting.dashboard(Q4, COUNTY, SYSTEM).tables() if t.key == "area_trend"
    )
    rows = [dict(zip(table.headers, row, strict=True)) for row in table.rows]
    first = rows[0]
    assert (first["section"], first["quarter"], first["Inadequate"], first["Inadequate %"]) == (
        "Assessment",
        "2026/27-Q1",
        1,
        100.0,
    )
    assert len(rows) == 8

"""Importing the monthly performance extract, and reading it beside the audits: all or
nothing (checked in the store), a re-import replaces a team's month, only the QA team imports,
and each figure sits beside the matching question's compliance for that team and month."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.performance_extract import COLUMNS, Measure
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.container import build_services
from qa_desktop.services.imports.performance_extract import ExtractRefused
from qa_desktop.store import models as m
from qa_desktop.store.reporting.counted import COUNTED_STATES
from tests.followup_helpers import actor_with

HEADER = ",".join(COLUMNS)


def extract(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode("utf-8")


def figures(store) -> dict[tuple[str, str, str], float | None]:
    with store.reader() as session:
        return {
            (team, f.month, f.measure): f.value
            for f, team in session.execute(
                select(m.PerformanceFigure, m.Team.name).join(
                    m.Team, m.Team.id == m.PerformanceFigure.team_id
                )
            )
        }


def outbox_count(store) -> int:
    with store.reader() as session:
        return session.scalar(select(func.count()).select_from(m.OutboxChange)) or 0


def busiest_team_month(store) -> tuple[str, str, str]:
    """The team (id, name) and month with most counted audits in the demo county."""
    with store.reader() as session:
        month = func.strftime("%Y-%m", m.Audit.completed_on)
        team_id, name, chosen = session.execute(
            select(m.Team.id, m.Team.name, month)
            .join(m.Case, m.Case.team_id == m.Team.id)
            .join(m.Audit, m.Audit.case_id == m.Case.id)
            .where(m.Audit.state.in_(COUNTED_STATES), m.Audit.completed_on.is_not(None))
            .group_by(m.Team.id, month)
            .order_by(func.count().desc(), m.Team.name)
        ).first()
    return team_id, name, chosen


def team_names(store) -> list[str]:
    with store.reader() as session:
        return list(session.scalars(select(m.Team.name).order_by(m.Team.name)))


def test_a_clean_extract_is_imported_and_travels_with_sync(demo_store, clock) -> None:
    svc = build_services(demo_store, clock)
    first, second = team_names(demo_store)[:2]
    before = outbox_count(demo_store)
    done = svc.extract_import.import_bytes(
        extract(f"{first},2026-09,87.5,91,60", f"{second},2026-09,75,,80%"), "e.csv", SYSTEM
    )
    assert (done.team_months, done.figures, done.replaced) == (2, 5, 0)
    stored = figures(demo_store)
    assert stored[(first, "2026-09", "visits_in_timescale")] == 87.5
    assert stored[(second, "2026-09", "supervision_in_timescale")] == 80.0
    assert (second, "2026-09", "case_summaries_up_to_date") not in stored
    assert outbox_count(demo_store) == before + 5  # each figure waits to be pushed


def test_any_bad_row_imports_nothing_and_names_every_problem(demo_store, clock) -> None:
    svc = build_services(demo_store, clock)
    first, second = team_names(demo_store)[:2]
    svc.extract_import.import_bytes(extract(f"{first},2026-08,50,50,50"), "e.csv", SYSTEM)
    kept, outbox = figures(demo_store), outbox_count(demo_store)
    bad = extract(
        f"{first},2026-08,99,99,99",  # a good row: still not imported
        "Nowhere Team,2026-09,80,80,80",
        f"{second},2026-9,80,80,80",
        f"{second},2026-09,80,180,80",
        f"{first},2026-08,10,10,10",
    )
    with pytest.raises(ExtractRefused) as refused:
        svc.extract_import.import_bytes(bad, "bad.csv", SYSTEM)
    lines = refused.value.lines()
    assert lines == [
        "Row 3, column team: there is no team called 'Nowhere Team' in this store.",
        "Row 4, column month: '2026-9' is not a month: write it as YYYY-MM, for example 2026-04.",
        "Row 5, column case_summaries_up_to_date: '180' is not a percentage from 0 to 100.",
        f"Row 6, column team: {first} 2026-08 is listed twice (first on row 2).",
    ]
    assert "bad.csv has 4 problem(s)" in str(refused.value)
    assert figures(demo_store) == kept and outbox_count(demo_store) == outbox


def test_reimporting_a_team_month_replaces_its_figures(demo_store, clock) -> None:
    svc = build_services(demo_store, clock)
    first, second = team_names(demo_store)[:2]
    svc.extract_import.import_bytes(
        extract(f"{first},2026-09,87.5,91,60", f"{second},2026-09,70,70,70"), "e.csv", SYSTEM
    )
    again = svc.extract_import.import_bytes(extract(f"{first},2026-09,90,,60"), "e.csv", SYSTEM)
    assert (again.team_months, again.figures, again.replaced) == (1, 2, 1)
    assert again.replaced_months == (f"{first} 2026-09",)  # named, for the tab to say so
    stored = figures(demo_store)
    assert stored[(first, "2026-09", "visits_in_timescale")] == 90.0
    assert stored[(first, "2026-09", "case_summaries_up_to_date")] is None  # blank now: cleared
    assert stored[(second, "2026-09", "visits_in_timescale")] == 70.0  # not in the file: kept
    assert len(stored) == 6


def test_only_the_qa_team_imports(demo_store, clock) -> None:
    svc = build_services(demo_store, clock)
    first = team_names(demo_store)[0]
    manager = actor_with(svc, Role.TEAM_MANAGER)
    with pytest.raises(PermissionRefused, match="Only the QA team"):
        svc.extract_import.import_bytes(extract(f"{first},2026-09,1,1,1"), "e.csv", manager)
    assert figures(demo_store) == {}
    officer = actor_with(svc, Role.QA_OFFICER)
    svc.extract_import.import_bytes(extract(f"{first},2026-09,1,1,1"), "e.csv", officer)
    with demo_store.reader() as session:
        assert set(session.scalars(select(m.PerformanceFigure.imported_by_id))) == {officer.id}


def test_triangulation_puts_each_figure_beside_its_questions_for_that_team_and_month(
    demo_store, clock
) -> None:
    svc = build_services(demo_store, clock)
    team_id, team, month = busiest_team_month(demo_store)
    svc.extract_import.import_bytes(extract(f"{team},{month},95,40,"), "e.csv", SYSTEM)
    rows = svc.triangulation.rows(SYSTEM)
    assert {(r.team, r.month) for r in rows} == {(team, month)}
    by_measure = {r.measure: r for r in rows}
    assert [(by_measure[x].question_id) for x in Measure] == ["C1", "A8", "E2"]
    year, number = (int(p) for p in month.split("-"))
    # The Reports screen's own compliance for the team's month, question by question.
    reported = {
        q.question_id: q
        for q in svc.reporting.compliance(
            Period.month(year, number), ReportSlice(team_id=team_id), SYSTEM
        )
    }
    county = {
        q.question_id: q.held
        for q in svc.reporting.compliance(Period.month(year, number), ReportSlice(), SYSTEM)
    }
    visits = by_measure[Measure.VISITS]
    assert visits.audited == reported["C1"].held and visits.answers > 0
    assert visits.difference == pytest.approx(reported["C1"].held - 95)
    assert by_measure[Measure.CASE_SUMMARIES].difference == pytest.approx(reported["A8"].held - 40)
    supervision = by_measure[Measure.SUPERVISION]
    assert supervision.extract is None and supervision.difference is None
    assert supervision.audited == reported["E2"].held
    # The team's figures, not the county's (the demo county's teams differ).
    assert any(reported[q].held != county[q] for q in ("C1", "A8", "E2"))


def test_a_month_with_no_audits_shows_the_figure_without_a_difference(demo_store, clock) -> None:
    svc = build_services(demo_store, clock)
    team = team_names(demo_store)[0]
    svc.extract_import.import_bytes(extract(f"{team},2019-04,80,80,80"), "e.csv", SYSTEM)
    rows = svc.triangulation.rows(SYSTEM)
    assert {r.extract for r in rows} == {80.0}
    assert {r.audited for r in rows} == {None} and {r.difference for r in rows} == {None}

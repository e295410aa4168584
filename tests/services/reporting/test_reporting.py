"""Reporting arithmetic over a real store: compliance with N/A, Partly and unanswered
questions, empty periods, quarter boundaries, slices, grades, moderation, follow-up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.formdefs import FORMS_DIR
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.reporting import COUNTY, Drill, ReportingService
from qa_desktop.services.setup.people import DirectoryService
from tests.services.reporting.reporting_world import World

Q1 = Period.quarter(FinancialQuarter(2026, 1))  # 1 April to 30 June 2026


@pytest.fixture
def world(store, clock) -> World:
    strict = (
        (FORMS_DIR / "learning-audit.yaml")
        .read_text(encoding="utf-8")
        .replace("key: learning-audit", "key: strict-audit")
        .replace("title: Learning audit", "title: Strict audit")
        .replace("partly_counts: half", "partly_counts: exclude")
    )
    return World(store, clock, extra_forms=[("strict-audit.yaml", strict)])


@pytest.fixture
def reporting(store, clock) -> ReportingService:
    return ReportingService(store, clock)


def row(rows, question_id: str):  # type: ignore[no-untyped-def]
    return next(r for r in rows if r.question_id == question_id)


def test_na_is_left_out_and_counted_beside(world: World, reporting: ReportingService) -> None:
    for value in ("yes", "yes", "no", "na"):
        world.audit(date(2026, 5, 1), {"A1": value})
    a1 = row(reporting.compliance(Q1, COUNTY, SYSTEM), "A1")
    assert (a1.counts.yes, a1.counts.no, a1.counts.na) == (2, 1, 1)
    assert a1.percent == pytest.approx(200 / 3)
    assert a1.section_title == "Assessment" and a1.forms == ("Learning audit",)


def test_partly_counts_as_the_form_says(world: World, reporting: ReportingService) -> None:
    for value in ("yes", "partly", "no"):
        world.audit(date(2026, 5, 1), {"A1": value})  # learning audit: Partly is half a Yes
    assert row(reporting.compliance(Q1, COUNTY, SYSTEM), "A1").percent == pytest.approx(50.0)
    strict_only = ReportSlice(form_key="strict-audit")
    for value in ("yes", "partly", "no"):
        world.audit(date(2026, 5, 2), {"A1": value}, form="strict-audit")  # Partly left out
    assert row(reporting.compliance(Q1, strict_only, SYSTEM), "A1").percent == pytest.approx(50.0)
    strict = row(reporting.compliance(Q1, strict_only, SYSTEM), "A1")
    assert strict.counts.partly == 1 and strict.forms == ("Strict audit",)
    # Both forms pooled, each weighed by its own rule: (1 + 0.5 + 1) / (3 + 2)
    pooled = row(reporting.compliance(Q1, COUNTY, SYSTEM), "A1")
    assert pooled.percent == pytest.approx(50.0)
    assert pooled.counts.partly == 2 and set(pooled.forms) == {"Learning audit", "Strict audit"}


def test_pooling_weighs_each_form_by_its_own_rule(
    world: World, reporting: ReportingService
) -> None:
    world.audit(date(2026, 5, 1), {"A1": "partly"})  # half a Yes: 0.5 of 1
    world.audit(date(2026, 5, 1), {"A1": "partly"}, form="strict-audit")  # left out
    world.audit(date(2026, 5, 1), {"A1": "yes"}, form="strict-audit")  # 1 of 1
    assert row(reporting.compliance(Q1, COUNTY, SYSTEM), "A1").percent == pytest.approx(75.0)


def test_unanswered_questions_do_not_count_but_are_shown(
    world: World, reporting: ReportingService
) -> None:
    world.audit(date(2026, 5, 1), {"A1": "yes", "A2": "no"})
    world.audit(date(2026, 5, 2), {"A1": "yes"})  # A2 left blank
    world.audit(date(2026, 5, 3), {"A1": "no", "A2": None})  # A2 saved empty
    rows = reporting.compliance(Q1, COUNTY, SYSTEM)
    a2 = row(rows, "A2")
    assert (a2.counts.answered, a2.unanswered, a2.percent) == (1, 2, 0.0)
    assert row(rows, "A1").unanswered == 0
    # A question nobody answered still has a row, with no percentage rather than 0%.
    b1 = row(rows, "B1")
    assert b1.percent is None and b1.unanswered == 3
    assert b1.meets(90.0) is None


def test_only_na_answers_give_no_percentage(world: World, reporting: ReportingService) -> None:
    world.audit(date(2026, 5, 1), {"B7": "na"})
    b7 = row(reporting.compliance(Q1, COUNTY, SYSTEM), "B7")
    assert b7.percent is None and b7.counts.na == 1


def test_an_empty_period_has_no_figures(world: World, reporting: ReportingService) -> None:
    world.audit(date(2026, 5, 1), {"A1": "yes"}, sections={"A": "good"})
    empty = Period(date(2025, 1, 1), date(2025, 1, 31))
    dash = reporting.dashboard(empty, COUNTY, SYSTEM)
    assert dash.compliance == () and dash.grades == ()
    assert dash.plan.completed == 0 and dash.plan.percent_of_due is None
    assert dash.moderation.coverage is None and dash.voice.percent is None
    assert dash.inadequate.moved_up_percent is None and dash.themes == ()
    tables = {t.key: t for t in dash.tables()}
    assert tables["compliance"].rows == ()
    assert dict(tables["voice"].rows)["Voice of the child recorded %"] is None


def test_quarter_boundaries_count_each_audit_once(
    world: World, reporting: ReportingService
) -> None:
    world.audit(date(2026, 3, 31), {"A1": "no"})  # last day of 2025/26-Q4
    world.audit(date(2026, 4, 1), {"A1": "yes"})  # first day of 2026/27-Q1
    world.audit(date(2026, 6, 30), {"A1": "yes"})  # last day of Q1
    world.audit(date(2026, 7, 1), {"A1": "no"})  # first day of Q2
    a1 = row(reporting.compliance(Q1, COUNTY, SYSTEM), "A1")
    assert (a1.counts.yes, a1.counts.no) == (2, 0)
    # A quarter is compared with the quarter before: 1 January to 31 March.
    assert (a1.previous.yes, a1.previous.no) == (0, 1)
    assert a1.percent == 100.0 and a1.previous_percent == 0.0 and a1.change == 100.0
    q4 = Period.quarter(FinancialQuarter.parse("2025/26-Q4"))
    assert reporting.dashboard(Q1, COUNTY, SYSTEM).previous_period == q4
    assert row(reporting.compliance(q4, COUNTY, SYSTEM), "A1").counts.no == 1
    assert q4.end == date(2026, 3, 31)


def test_change_from_the_previous_month(world: World, reporting: ReportingService) -> None:
    world.audit(date(2026, 4, 10), {"A1": "yes"})
    world.audit(date(2026, 4, 11), {"A1": "no"})
    world.audit(date(2026, 5, 10), {"A1": "yes"})
    world.audit(date(2026, 5, 11), {"A1": "yes"})
    world.audit(date(2026, 5, 12), {"A1": "partly"})
    may = row(reporting.compliance(Period.month(2026, 5), COUNTY, SYSTEM), "A1")
    assert may.percent == pytest.approx(250 / 3)
    assert may.previous_percent == 50.0
    assert may.change == pytest.approx(250 / 3 - 50)
    assert may.meets(90.0) is False


def test_slices_count_only_their_audits(world: World, reporting: ReportingService) -> None:
    world.audit(date(2026, 5, 1), {"A1": "yes"}, team="west")
    world.audit(date(2026, 5, 1), {"A1": "no"}, team="east", audit_type="thematic")
    west = ReportSlice(team_id=world.teams["west"])
    east_area = ReportSlice(area_id=world.areas["East"])
    assert row(reporting.compliance(Q1, west, SYSTEM), "A1").counts.yes == 1
    assert row(reporting.compliance(Q1, west, SYSTEM), "A1").counts.no == 0
    assert row(reporting.compliance(Q1, east_area, SYSTEM), "A1").counts.no == 1
    sam = ReportSlice(worker_id=world.people["sam"])
    assert row(reporting.compliance(Q1, sam, SYSTEM), "A1").percent == 0.0
    thematic = ReportSlice(audit_type="thematic")
    assert row(reporting.compliance(Q1, thematic, SYSTEM), "A1").counts.answered == 1
    county = row(reporting.compliance(Q1, COUNTY, SYSTEM), "A1")
    assert county.percent == 50.0


def test_a_slice_with_no_audits(world: World, reporting: ReportingService) -> None:
    world.audit(date(2026, 5, 1), {"A1": "yes"}, team="west", sections={"A": "good"})
    nobody = ReportSlice(service_id=world.services["Early Help"], audit_type="dip_sample")
    dash = reporting.dashboard(Q1, nobody, SYSTEM)
    assert dash.compliance == () and dash.grades == ()
    assert dash.plan.completed == 0 and dash.voice.completed == 0
    assert all(point.total == 0 for point in dash.trend)
    listing = reporting.audits_behind(Q1, nobody, Drill("completed"), SYSTEM)
    assert listing.total == 0 and listing.rows == []


def test_grades_use_the_moderated_grade_where_there_is_one(
    world: World, reporting: ReportingService
) -> None:
    first = world.audit(date(2026, 5, 1), grade="good", sections={"A": "good", "B": "good"})
    world.audit(date(2026, 5, 2), grade="inadequate", sections={"A": "inadequate", "B": "good"})
    world.moderate(first, "A", "good", "requires_improvement")
    world.moderate(first, "overall", "good", "requires_improvement")
    rows = {r.section_id: r for r in reporting.grades(Q1, COUNTY, SYSTEM)}
    assert rows["A"].count(Grade.REQUIRES_IMPROVEMENT) == 1
    assert rows["A"].count(Grade.INADEQUATE) == 1 and rows["A"].count(Grade.GOOD) == 0
    assert rows["B"].count(Grade.GOOD) == 2
    assert rows["overall"].count(Grade.REQUIRES_IMPROVEMENT) == 1
    assert rows["overall"].share(Grade.INADEQUATE) == 50.0
    assert [r.section_id for r in reporting.grades(Q1, COUNTY, SYSTEM)] == ["A", "B", "overall"]


def test_trend_over_the_last_four_quarters(world: World, reporting: ReportingService) -> None:
    world.audit(date(2025, 12, 1), grade="inadequate")
    world.audit(date(2026, 3, 31), grade="inadequate")
    world.audit(date(2026, 4, 1), grade="good")
    world.audit(date(2026, 6, 30), grade="good")
    trend = reporting.dashboard(Q1, COUNTY, SYSTEM).trend
    assert [p.quarter for p in trend] == ["2025/26-Q2", "2025/26-Q3", "2025/26-Q4", "2026/27-Q1"]
    assert [p.total for p in trend] == [0, 1, 1, 2]
    assert trend[-1].share(Grade.GOOD) == 100.0 and trend[2].share(Grade.INADEQUATE) == 100.0


def test_plan_moderation_voice_and_themes(world: World, reporting: ReportingService) -> None:
    done = world.audit(
        date(2026, 5, 1),
        {"D4": "yes"},  # the child contributed to the review: their voice is recorded
        due_on=date(2026, 5, 1),
        sections={"A": "good", "B": "good"},
        even_better_if="Update the chronology before the review.",
    )
    world.audit(
        date(2026, 5, 2),
        {"D4": "no"},
        voice="  ",
        auditor="bob",
        even_better_if="Keep the chronology up to date.",
    )
    world.audit(None, state="planned", due_on=date(2026, 6, 1), grade=None)
    world.moderate(done, "overall", "good", "good")
    world.moderate(done, "A", "good", "good")
    world.moderate(done, "B", "good", "requires_improvement")
    dash = reporting.dashboard(Q1, COUNTY, SYSTEM)
    assert (dash.plan.completed, dash.plan.due, dash.plan.due_completed) == (2, 2, 1)
    assert dash.plan.target == 150  # 50 a month for three months
    assert dash.moderation.coverage == 50.0 and dash.moderation.agreement == 100.0
    # Every auditor who completed an audit, moderated or not, with their own coverage.
    ann, bob = dash.moderation.by_auditor
    assert (ann.auditor, ann.area_decisions, ann.area_percent) == ("Ann Auditor", 2, 50.0)
    assert (ann.completed, ann.moderated, ann.coverage) == (1, 1, 100.0)
    assert (bob.auditor, bob.completed, bob.moderated, bob.coverage) == ("Bob Auditor", 1, 0, 0.0)
    table = next(t for t in dash.tables() if t.key == "moderation")
    assert table.column("completed") == [2, 1, 1]
    assert table.column("coverage_pct") == [50.0, 100.0, 0.0]
    assert (dash.voice.completed, dash.voice.asked, dash.voice.recorded) == (2, 2, 1)
    chronology = dash.themes[0]
    assert (chronology.phrase, chronology.comments) == (
        "Chronology and case summary kept up to date",
        3,
    )
    missing = reporting.audits_behind(Q1, ReportSlice(), Drill("voice", "D4", "missing"), SYSTEM)
    assert missing.total == 1 and missing.rows[0].auditor == "Bob Auditor"
    disagreed = reporting.audits_behind(
        Q1, ReportSlice(), Drill("moderated", value="disagreed"), SYSTEM
    )
    assert [r.id for r in disagreed.rows] == [done]
    themed = reporting.audits_behind(
        Q1, ReportSlice(), Drill("theme", "|".join(chronology.matches)), SYSTEM
    )
    assert themed.total == 2


def test_inadequate_reaudits_meetings_and_actions(
    world: World, reporting: ReportingService
) -> None:
    # clock: 20 November 2026
    moved = world.audit(date(2026, 4, 10), grade="inadequate")
    stayed = world.audit(date(2026, 4, 20), grade="inadequate")
    waiting = world.audit(date(2026, 6, 20), grade="inadequate")
    world.audit(
        date(2026, 6, 1), grade="requires_improvement", reaudit_of=moved, audit_type="reaudit"
    )
    world.audit(date(2026, 7, 1), grade="inadequate", reaudit_of=stayed, audit_type="reaudit")
    world.meeting(moved, date(2026, 4, 17), date(2026, 4, 16), date(2026, 5, 28))  # on time
    world.meeting(stayed, date(2026, 4, 27), date(2026, 4, 29), date(2026, 6, 10))  # late
    world.meeting(waiting, date(2026, 6, 26), None, None)  # never held: overdue
    world.action(moved, date(2026, 5, 1), "done", date(2026, 4, 30))
    world.action(moved, date(2026, 5, 2), "done", date(2026, 5, 9))
    world.action(stayed, date(2026, 6, 1))  # open and past due
    dash = reporting.dashboard(Q1, COUNTY, SYSTEM)
    f = dash.inadequate
    assert (f.inadequate, f.reaudited, f.moved_up, f.moved_up_percent) == (3, 2, 1, 50.0)
    assert (f.meetings_due, f.meetings_on_time, f.meetings_late, f.meetings_overdue) == (3, 1, 1, 1)
    # Re-audits due 28 May (done 1 June: late) and 10 June (done 1 July: late).
    assert (f.reaudits_due, f.reaudits_on_time, f.reaudits_late, f.reaudits_overdue) == (2, 0, 2, 0)
    a = dash.actions
    assert (a.due, a.done_on_time, a.done_late, a.overdue, a.not_yet_due) == (3, 1, 1, 1, 0)
    moved_up = reporting.audits_behind(
        Q1, ReportSlice(), Drill("inadequate", value="moved_up"), SYSTEM
    )
    assert [r.id for r in moved_up.rows] == [moved]
    overdue = reporting.audits_behind(Q1, ReportSlice(), Drill("actions", value="overdue"), SYSTEM)
    assert [r.id for r in overdue.rows] == [stayed]
    late = reporting.audits_behind(Q1, ReportSlice(), Drill("meetings", value="overdue"), SYSTEM)
    assert [r.id for r in late.rows] == [waiting]


def test_drill_down_to_the_audits_behind_a_question(
    world: World, reporting: ReportingService
) -> None:
    no = world.audit(date(2026, 5, 1), {"A1": "no"})
    world.audit(date(2026, 5, 2), {"A1": "yes"})
    listing = reporting.audits_behind(Q1, ReportSlice(), Drill("question", "A1", "no"), SYSTEM)
    assert [r.id for r in listing.rows] == [no]
    graded = reporting.audits_behind(Q1, ReportSlice(), Drill("grade", "overall", "good"), SYSTEM)
    assert graded.total == 2
    with pytest.raises(ValidationError):
        reporting.audits_behind(Q1, ReportSlice(), Drill("nonsense"), SYSTEM)


def test_a_practitioner_is_counted_only_their_own_teams_readable_audits(demo_store, clock) -> None:
    from qa_desktop.domain.rights import Relation, may_read

    directory = DirectoryService(demo_store)
    reporting = ReportingService(demo_store, clock)
    people = directory.people()
    year = Period(date(2025, 11, 21), date(2026, 11, 20))
    practitioner = max(
        (p for p in people if p.role.value == "practitioner"),
        key=lambda p: reporting.dashboard(year, ReportSlice(worker_id=p.id), SYSTEM).plan.completed,
    )
    actor = directory.actor(practitioner.id)
    dash = reporting.dashboard(year, COUNTY, actor)
    assert dash.slice == ReportSlice(team_id=practitioner.team_id, worker_id=practitioner.id)
    behind = reporting.audits_behind(year, COUNTY, Drill("completed"), actor)
    assert behind.total == dash.plan.completed > 0
    # Every audit counted is one the rulebook lets them read as its practitioner (what the
    # central database sends them), none another child's.
    assert {r.practitioner for r in behind.rows} == {practitioner.name}
    assert may_read({Relation.PRACTITIONER}, "audits", "closed")
    assert not may_read({Relation.ANYONE}, "audits", "closed")
    # The county counts more; another team, or another worker, is refused.
    assert reporting.dashboard(year, COUNTY, SYSTEM).plan.completed > dash.plan.completed
    other = next(p for p in people if p.team_id not in (None, practitioner.team_id))
    with pytest.raises(PermissionRefused):
        reporting.dashboard(year, ReportSlice(team_id=other.team_id), actor)
    with pytest.raises(PermissionRefused):
        reporting.dashboard(year, ReportSlice(worker_id=other.id), actor)
    with pytest.raises(PermissionRefused):
        reporting.quarterly_report(FinancialQuarter(2026, 2), Path("x.pdf"), COUNTY, actor)
    # Nobody else without the reports' right sees any.
    from qa_desktop.domain.people import Actor

    worker = Actor(actor.person, frozenset())
    with pytest.raises(PermissionRefused):
        reporting.dashboard(year, COUNTY, worker)


def test_demo_dashboard_tables_hold_every_figure(demo_store, clock) -> None:
    reporting = ReportingService(demo_store, clock)
    quarter = Period.quarter(FinancialQuarter(2026, 2))
    dash = reporting.dashboard(quarter, COUNTY, SYSTEM)
    keys = [t.key for t in dash.tables()]
    assert keys == [
        "compliance",
        "grades",
        "grade_trend",
        "plan",
        "moderation",
        "inadequate",
        "actions",
        "voice",
        "themes",
        "area_trend",
    ]
    compliance = dash.tables()[0]
    assert len(compliance.rows) == 32 and all(
        len(r) == len(compliance.headers) for r in compliance.rows
    )
    total = sum(r.total for r in dash.grades if r.section_id == "overall")
    behind = reporting.audits_behind(quarter, ReportSlice(), Drill("completed"), SYSTEM)
    assert total == behind.total == dash.plan.completed > 0

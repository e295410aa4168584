"""The monthly target keeps its history: "completed against plan" holds each month to the
target it had (30 a month, then 50 from October 2023), from the months' own plans or the
history the QA team records for months planned before QA Desktop."""

from __future__ import annotations

from datetime import date

import pytest

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.targets import Targets, parse_target_history
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.reporting import COUNTY, ReportingService
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.services.reporting.reporting_world import World

Q2_2023 = Period.quarter(FinancialQuarter(2023, 2))  # July to September 2023: 30 a month
Q3_2023 = Period.quarter(FinancialQuarter(2023, 3))  # October to December 2023: 50 a month


def _complete(world: World, month: int, count: int) -> None:
    for i in range(count):
        world.audit(date(2023, month, 1 + i % 28), {"A1": "yes"})


def test_each_month_is_held_to_the_target_it_had_from_the_published_history(store, clock) -> None:
    world = World(store, clock)
    reporting = ReportingService(store, clock)
    for month in (7, 8, 9):
        _complete(world, month, 30)  # met its 30-a-month plan
    for month in (10, 11, 12):
        _complete(world, month, 40)  # short of 50 a month
    before = reporting.dashboard(Q2_2023, COUNTY, SYSTEM).plan
    assert before.target == 150 and before.percent_of_target == 60.0  # today's 50 for every month
    reporting.record_target("2023-04", 30, SYSTEM)
    targets = reporting.record_target("2023-10", 50, SYSTEM)
    assert targets.of_month(date(2023, 9, 1)) == 30 and targets.of_month(date(2023, 10, 1)) == 50
    q2 = reporting.dashboard(Q2_2023, COUNTY, SYSTEM).plan
    assert (q2.target, q2.completed, q2.percent_of_target) == (90, 90, 100.0)
    q3 = reporting.dashboard(Q3_2023, COUNTY, SYSTEM).plan
    assert (q3.target, q3.completed, q3.percent_of_target) == (150, 120, 80.0)
    # A period across the change: September at 30, October at 50.
    across = Period(date(2023, 9, 1), date(2023, 10, 31))
    assert reporting.dashboard(across, COUNTY, SYSTEM).plan.target == 80
    # Only the QA team records targets; a month must be a month.
    sam = DirectoryService(store).actor(world.people["sam"])
    with pytest.raises(PermissionRefused):
        reporting.record_target("2023-11", 45, sam)
    with pytest.raises(ValidationError):
        reporting.record_target("October", 45, SYSTEM)


def test_a_months_own_plan_comes_before_the_history(store, clock) -> None:
    world = World(store, clock)
    reporting = ReportingService(store, clock)
    reporting.record_target("2023-04", 30, SYSTEM)
    with store.session() as session:  # November 2023 was planned in QA Desktop at 45
        Recorder(session, None, clock()).insert(
            m.MonthlyPlan,
            month="2023-11",
            target=45,
            seed=1,
            exclude_months=6,
            created_at=clock(),
        )
    _complete(world, 11, 45)
    plan = reporting.dashboard(Period.month(2023, 11), COUNTY, SYSTEM).plan
    assert (plan.target, plan.percent_of_target) == (45, 100.0)
    # A month with neither a plan nor a history before it takes today's target.
    assert reporting.targets().of_month(date(2022, 1, 1)) == 50


def test_targets_in_proportion_to_the_days_of_a_month() -> None:
    targets = Targets(50, parse_target_history("2023-04: 30; 2023-10: 50"))
    assert targets.planned_for(Period(date(2023, 9, 16), date(2023, 10, 15))) == round(
        30 * 15 / 30 + 50 * 15 / 31
    )
    with pytest.raises(ValueError, match="not a month"):
        parse_target_history("2023/10: 50")
    with pytest.raises(ValueError, match="whole number"):
        parse_target_history("2023-10: fifty")

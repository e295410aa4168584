"""Planning a month on a real store: planned audits with due dates, in the auditors' My work,
never their own team, within capacity, reproducible; completed against planned."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.sampling import DEFAULT_CAPACITY, SampleTooLarge
from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.listing import AuditFilter, AuditService
from qa_desktop.services.programme.monthly_plan import (
    PlanRequest,
    ProgrammeService,
    last_working_day,
    parse_month,
    plan_rows,
)
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from tests.services.programme.helpers import table_counts


def test_plan_makes_planned_audits_for_other_teams(demo_store, clock) -> None:
    service = ProgrammeService(demo_store, clock)
    plan = service.plan(PlanRequest("2026-12", 50, 11), SYSTEM)
    assert len(plan.audits) == 50
    with demo_store.reader() as session:
        rows = session.execute(
            select(m.Audit, m.Case.team_id, m.Person.team_id)
            .join(m.Case, m.Case.id == m.Audit.case_id)
            .join(m.Person, m.Person.id == m.Audit.auditor_id)
            .where(m.Audit.id.in_([a.audit_id for a in plan.audits]))
        ).all()
    assert len(rows) == 50
    for audit, case_team, auditor_team in rows:
        assert audit.state == AuditState.PLANNED.value
        assert audit.due_on == date(2026, 12, 31)
        assert audit.audit_type == "routine"
        assert case_team != auditor_team
    load = Counter(audit.auditor_id for audit, _, _ in rows)
    assert max(load.values()) <= DEFAULT_CAPACITY
    # Each planned audit is in its auditor's My work.
    first = rows[0][0]
    mine = AuditService(demo_store).list(
        AuditFilter(auditor_id=first.auditor_id, states=(AuditState.PLANNED,)), SYSTEM
    )
    assert first.id in {r.id for r in mine.rows}


def test_capacity_already_used_in_the_month_counts(demo_store, clock) -> None:
    service = ProgrammeService(demo_store, clock)
    with demo_store.reader() as session:
        auditors = list(session.scalars(select(m.Person.id).where(m.Person.is_auditor.is_(True))))
    for person_id in auditors[1:]:
        service.set_capacity(person_id, 0, SYSTEM)
    service.set_capacity(auditors[0], 3, SYSTEM)
    plan = service.plan(PlanRequest("2027-02", 3, 1), SYSTEM)
    assert len(plan.audits) == 3
    with pytest.raises(ValidationError, match="cannot take on"):
        service.plan(PlanRequest("2027-03", 4, 1), SYSTEM)


def test_same_seed_on_the_same_store_gives_the_same_plan(demo_store, clock, tmp_path: Path) -> None:
    demo_store.engine.dispose()
    copy = tmp_path / "copy.qadb"
    shutil.copy(demo_store.path, copy)
    other = open_store(copy)
    try:
        first = ProgrammeService(demo_store, clock).plan(PlanRequest("2026-12", 30, 5), SYSTEM)
        again = ProgrammeService(other, clock).plan(PlanRequest("2026-12", 30, 5), SYSTEM)
    finally:
        other.close()
    assert plan_rows(first) == plan_rows(again)
    different = ProgrammeService(demo_store, clock).plan(PlanRequest("2027-01", 30, 6), SYSTEM)
    assert {r[0] for r in plan_rows(first)} != {r[0] for r in plan_rows(different)}


def test_cases_audited_recently_or_already_planned_are_left_out(demo_store, clock) -> None:
    service = ProgrammeService(demo_store, clock)
    with demo_store.reader() as session:
        recent = set(
            session.scalars(
                select(m.Case.reference)
                .join(m.Audit, m.Audit.case_id == m.Case.id)
                .where(m.Audit.completed_on >= date(2026, 6, 1))
            )
        )
    assert recent
    december = service.plan(PlanRequest("2026-12", 100, 3), SYSTEM)
    assert not recent & {a.case_reference for a in december.audits}
    january = service.plan(PlanRequest("2027-01", 100, 3), SYSTEM)
    assert not {a.case_reference for a in december.audits} & {
        a.case_reference for a in january.audits
    }


def test_bad_requests_change_nothing(demo_store, clock) -> None:
    service = ProgrammeService(demo_store, clock)
    before = table_counts(demo_store)
    with pytest.raises(SampleTooLarge, match="nothing has been planned"):
        service.plan(PlanRequest("2026-12", 100000, 1), SYSTEM)
    with pytest.raises(ValidationError, match="is not a month"):
        service.plan(PlanRequest("2026-13", 5, 1), SYSTEM)
    with pytest.raises(ValidationError, match="at least 1"):
        service.plan(PlanRequest("2026-12", 0, 1), SYSTEM)
    assert table_counts(demo_store) == before
    service.plan(PlanRequest("2026-12", 5, 1), SYSTEM)
    with pytest.raises(ValidationError, match="already been planned"):
        service.plan(PlanRequest("2026-12", 5, 2), SYSTEM)


def test_completed_against_planned(demo_store, clock) -> None:
    service = ProgrammeService(demo_store, clock)
    plan = service.plan(PlanRequest("2026-12", 20, 1), SYSTEM)
    with demo_store.session() as session:
        for audit_id in [a.audit_id for a in plan.audits][:19]:
            audit = session.get(m.Audit, audit_id)
            assert audit is not None
            audit.state = AuditState.CLOSED.value
    progress = service.overview().plans[0]
    assert (progress.month, progress.planned, progress.completed) == ("2026-12", 20, 19)
    assert progress.percent == 95.0 and progress.meets_aim
    with demo_store.session() as session:
        audit = session.get(m.Audit, plan.audits[0].audit_id)
        assert audit is not None
        audit.state = AuditState.IN_PROGRESS.value
    assert not service.overview().plans[0].meets_aim


def test_due_dates_fall_on_the_last_working_day() -> None:
    assert last_working_day(date(2026, 12, 1)) == date(2026, 12, 31)
    assert last_working_day(date(2027, 1, 1)) == date(2027, 1, 29)  # the 31st is a Sunday
    assert parse_month(" 2027-05 ") == date(2027, 5, 1)


def test_capacities_show_what_is_planned(demo_store, clock) -> None:
    service = ProgrammeService(demo_store, clock)
    plan = service.plan(PlanRequest("2027-04", 10, 1), SYSTEM)
    rows = {r.name: r for r in service.capacities("2027-04")}
    auditor = plan.audits[0].auditor
    assert rows[auditor].planned_this_month >= 1
    assert rows[auditor].per_month == DEFAULT_CAPACITY
    assert sum(r.planned_this_month for r in rows.values()) == 10
    person_id = rows[auditor].person_id
    service.set_capacity(person_id, 7, SYSTEM)
    assert {r.name: r for r in service.capacities("2027-04")}[auditor].per_month == 7
    with pytest.raises(ValidationError, match="cannot be negative"):
        service.set_capacity(person_id, -1, SYSTEM)

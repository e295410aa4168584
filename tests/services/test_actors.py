"""The system actor and the rights checks of the services that the command line and seed data
also call: a person without the right is refused every time; the system (the command line)
does what the command line does, and nothing that depends on who a person is."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.errors import PermissionRefused
from qa_desktop.services.actors import SYSTEM, Caller, SystemActor, require
from qa_desktop.services.clock import Clock
from qa_desktop.services.container import Services, build_services
from qa_desktop.services.imports.historic_audits import HistoricImport
from qa_desktop.services.programme.forms import publish_sources
from qa_desktop.services.programme.monthly_plan import PlanRequest
from qa_desktop.services.reporting import COUNTY, Drill
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.queries.audits import AuditFilter
from tests.services.programme.helpers import case_lines, csv_bytes, table_counts

QUARTER = FinancialQuarter.containing(date(2026, 8, 1))
PERIOD = Period.quarter(QUARTER)
HISTORIC = (
    b"audit_ref,case_ref,team,completed_on,overall_grade\n"
    b"H-001,CR-h1,Historic Team,2019-05-01,Good\n"
)


@pytest.fixture
def services(demo_store: Store, clock: Clock) -> Services:
    return build_services(demo_store, clock)


def _person(services: Services, role: Role) -> Actor:
    found = next(p for p in services.directory.people() if p.role is role)
    return services.directory.actor(found.id)


def _stranger_and_audit(services: Services) -> tuple[Actor, str]:
    """A practitioner and an audit they take no part in."""
    practitioner = _person(services, Role.PRACTITIONER)
    everything = services.audits.list(AuditFilter(limit=10_000), SYSTEM).rows
    mine = {r.id for r in services.audits.list(AuditFilter(limit=10_000), practitioner).rows}
    other = next(r for r in everything if r.id not in mine and r.completed_on is not None)
    return practitioner, other.id


def test_the_system_may_do_what_the_command_line_does_and_no_more() -> None:
    assert SYSTEM.id is None  # its writes have no author in the history
    for capability in (
        Capability.VIEW_ALL_AUDITS,
        Capability.REPORT,
        Capability.MANAGE_PROGRAMME,
    ):
        assert SYSTEM.can(capability)
        require(SYSTEM, capability, "refused")
    for capability in (
        Capability.AUDIT,
        Capability.REFLECT,
        Capability.MODERATE,
        Capability.HOLD_MEETINGS,
        Capability.ADD_TO_MODERATION,
    ):
        assert not SYSTEM.can(capability)
        with pytest.raises(PermissionRefused, match="refused"):
            require(SYSTEM, capability, "refused")


def test_reports_refuse_a_person_without_the_right_and_serve_the_system(
    services: Services, tmp_path: Path
) -> None:
    practitioner = _person(services, Role.PRACTITIONER)
    reporting = services.reporting
    calls: list[Callable[[Caller], object]] = [
        lambda actor: reporting.dashboard(PERIOD, COUNTY, actor),
        lambda actor: reporting.compliance(PERIOD, COUNTY, actor),
        lambda actor: reporting.grades(PERIOD, COUNTY, actor),
        lambda actor: reporting.audits_behind(PERIOD, COUNTY, Drill("completed"), actor),
        lambda actor: reporting.save_commentary(QUARTER, {"summary": "Steady."}, actor),
        lambda actor: reporting.quarterly_report(QUARTER, tmp_path / "q.pdf", COUNTY, actor),
    ]
    # A practitioner's dashboard is narrowed to their own team's cases (see the reporting
    # tests); the rest of reporting, and all of it for anyone without either right, refused.
    narrowed = reporting.dashboard(PERIOD, COUNTY, practitioner)
    assert narrowed.slice.worker_id == practitioner.id
    nobody = Actor(practitioner.person, frozenset())
    for index, call in enumerate(calls):
        with pytest.raises(PermissionRefused, match="managers"):
            call(nobody)
        if index not in (0, 3):  # the dashboard and the audits behind it are narrowed
            with pytest.raises(PermissionRefused, match="managers and the QA team"):
                call(practitioner)
    assert reporting.commentary(QUARTER) == {}
    assert not (tmp_path / "q.pdf").exists()
    for call in calls:
        call(SYSTEM)
    assert reporting.commentary(QUARTER) == {"summary": "Steady."}
    assert (tmp_path / "q.pdf").stat().st_size > 0


def test_audits_are_narrowed_or_refused_for_a_person_and_open_to_the_system(
    services: Services, tmp_path: Path
) -> None:
    practitioner, audit_id = _stranger_and_audit(services)
    everything = services.audits.list(AuditFilter(limit=10_000), SYSTEM)
    theirs = services.audits.list(AuditFilter(limit=10_000), practitioner)
    assert theirs.total < everything.total
    assert audit_id not in {r.id for r in theirs.rows}
    documents = services.documents
    for call in (
        lambda actor: services.audits.view(audit_id, actor),
        lambda actor: documents.audit_record_data(audit_id, actor),
        lambda actor: documents.export_audit(audit_id, tmp_path / "a.pdf", actor),
    ):
        with pytest.raises(PermissionRefused, match="only the audits you take part in"):
            call(practitioner)
    assert not (tmp_path / "a.pdf").exists()
    # The command line reads every audit, never with the family feedback.
    assert services.audits.view(audit_id, SYSTEM).feedback is None
    assert documents.export_audit(audit_id, tmp_path / "a.pdf", SYSTEM).size > 0


def test_the_meeting_notes_refuse_a_stranger_and_serve_the_system(
    services: Services, demo_store: Store, tmp_path: Path
) -> None:
    practitioner = _person(services, Role.PRACTITIONER)
    with demo_store.reader() as session:
        audit_ids = list(session.scalars(select(m.Meeting.audit_id)))
    mine = {r.id for r in services.audits.list(AuditFilter(limit=10_000), practitioner).rows}
    audit_id = next(a for a in audit_ids if a not in mine)
    with pytest.raises(PermissionRefused):
        services.documents.export_meeting(audit_id, tmp_path / "m.pdf", practitioner)
    with pytest.raises(PermissionRefused):
        services.documents.meeting_notes_data(audit_id, practitioner)
    assert services.documents.meeting_notes_data(audit_id, SYSTEM).audit_reference
    assert services.documents.export_meeting(audit_id, tmp_path / "m.pdf", SYSTEM).size > 0


def test_imports_refuse_a_person_without_the_right_and_change_nothing(
    services: Services, demo_store: Store, clock: Clock
) -> None:
    manager = _person(services, Role.TEAM_MANAGER)  # sees reports, does not run the programme
    cases = csv_bytes(case_lines(demo_store, 3))
    historic = HistoricImport(demo_store, clock)
    before = table_counts(demo_store)
    with pytest.raises(PermissionRefused, match="Only the QA team"):
        services.case_import.import_bytes(cases, "cases.csv", manager)
    with pytest.raises(PermissionRefused, match="Only the QA team"):
        historic.import_bytes(HISTORIC, manager, create_missing=True)
    with pytest.raises(PermissionRefused, match="Only the QA team"):
        services.historic_import.import_audits(Path("never-read.csv"), actor=manager)
    with pytest.raises(PermissionRefused, match="Only the QA team"):
        services.case_import.import_file(Path("never-read.csv"), manager)
    assert table_counts(demo_store) == before
    assert services.case_import.import_bytes(cases, "cases.csv", SYSTEM).listed == 3
    assert historic.import_bytes(HISTORIC, SYSTEM, create_missing=True).audits == 1


def test_planning_refuses_a_person_without_the_right_and_serves_the_system(
    services: Services, demo_store: Store
) -> None:
    manager = _person(services, Role.TEAM_MANAGER)
    auditor = services.programme.capacities("2026-12")[0]
    before = table_counts(demo_store)
    with pytest.raises(PermissionRefused, match="Only the QA team"):
        services.programme.plan(PlanRequest("2026-12", 5, 1), manager)
    with pytest.raises(PermissionRefused, match="Only the QA team"):
        services.programme.set_capacity(auditor.person_id, 9, manager)
    assert table_counts(demo_store) == before
    services.programme.set_capacity(auditor.person_id, 9, SYSTEM)
    assert len(services.programme.plan(PlanRequest("2026-12", 5, 1), SYSTEM).audits) == 5
    with demo_store.reader() as session:
        plan = session.scalars(select(m.MonthlyPlan)).one()
        assert plan.created_by_id is None  # the system is nobody in the history


def test_a_person_is_checked_by_their_own_capabilities(services: Services) -> None:
    qa = _person(services, Role.QA_OFFICER)
    assert isinstance(qa, Actor) and not isinstance(qa, SystemActor)
    require(qa, Capability.MANAGE_PROGRAMME, "refused")
    with pytest.raises(PermissionRefused):
        require(_person(services, Role.PRACTITIONER), Capability.REPORT, "refused")


def test_no_service_takes_none_for_an_actor(demo_store: Store, clock: Clock) -> None:
    services = build_services(demo_store, clock)
    classes = {
        type(value)
        for name, value in vars(services).items()
        if not name.startswith("_") and hasattr(value, "__dict__") and name != "clock"
    }
    functions = [
        (f"{cls.__name__}.{name}", method)
        for cls in classes | {HistoricImport}
        for name, method in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    ]
    functions.append(("publish_sources", publish_sources))
    checked = 0
    for name, function in functions:
        for param in inspect.signature(function).parameters.values():
            if param.name != "actor":
                continue
            checked += 1
            assert param.default is inspect.Parameter.empty, f"{name} has a default actor"
            assert "None" not in str(param.annotation), f"{name} takes None for an actor"
    assert checked > 40  # the check reached the services, not an empty list

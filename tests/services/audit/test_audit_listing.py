"""Finding audits: every filter narrows correctly, and people see only what they may."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.listing import AuditFilter, AuditService
from qa_desktop.services.setup.people import DirectoryService


@pytest.fixture
def everything(demo_store):
    return AuditService(demo_store).list(AuditFilter(limit=10_000), SYSTEM).rows


def test_no_filter_lists_every_audit_newest_first(demo_store, everything) -> None:
    assert len(everything) == 120
    keys = [r.completed_on or r.due_on for r in everything if r.completed_on or r.due_on]
    assert len(keys) > 100


def test_each_filter_narrows_to_exactly_the_matching_audits(demo_store, everything) -> None:
    service = AuditService(demo_store)
    options = DirectoryService(demo_store).filter_options()
    team = next(t for t in options.teams if any(r.team == t.name for r in everything))
    area = options.areas[0]
    quarter = FinancialQuarter.containing(date(2026, 8, 1))
    cases = [
        (AuditFilter(team_id=team.id), lambda r: r.team == team.name),
        (AuditFilter(area_id=area.id), lambda r: r.area == area.name),
        (AuditFilter(grade=Grade.GOOD), lambda r: r.overall_grade is Grade.GOOD),
        (AuditFilter(states=(AuditState.PLANNED,)), lambda r: r.state is AuditState.PLANNED),
        (AuditFilter(form_key="learning-audit"), lambda r: r.form_title == "Learning audit"),
        (
            AuditFilter(period=Period.quarter(quarter)),
            lambda r: r.completed_on is not None and quarter.start <= r.completed_on <= quarter.end,
        ),
        (
            AuditFilter(search=everything[5].case_reference.lower()),
            lambda r: r.case_reference == everything[5].case_reference,
        ),
    ]
    for flt, wanted in cases:
        got = {r.id for r in service.list(flt, SYSTEM).rows}
        expected = {r.id for r in everything if wanted(r)}
        assert got == expected, flt
        assert expected, f"the demo should have audits for {flt}"


def test_limit_reports_the_total(demo_store) -> None:
    listing = AuditService(demo_store).list(AuditFilter(limit=10), SYSTEM)
    assert len(listing.rows) == 10 and listing.total == 120 and listing.truncated


def test_a_practitioner_sees_only_their_own_audits(demo_store, everything) -> None:
    directory = DirectoryService(demo_store)
    practitioner = next(
        p
        for p in directory.people()
        if p.role is Role.PRACTITIONER and any(r.practitioner == p.name for r in everything)
    )
    actor = directory.actor(practitioner.id)
    service = AuditService(demo_store)
    mine = service.list(AuditFilter(), actor).rows
    assert mine and all(r.practitioner == practitioner.name for r in mine)
    assert service.view(mine[0].id, actor).record.row.id == mine[0].id
    other = next(r for r in everything if r.practitioner != practitioner.name)
    with pytest.raises(PermissionRefused):
        service.view(other.id, actor)


def test_a_view_joins_the_form_and_the_answers(demo_store, everything) -> None:
    closed = next(r for r in everything if r.state is AuditState.CLOSED)
    view = AuditService(demo_store).view(closed.id, SYSTEM)
    assert [s.id for s in view.form.sections] == ["A", "B", "C", "D", "E"]
    assert len(view.record.answers) == 32
    assert set(view.record.sections) == {"A", "B", "C", "D", "E"}
    assert view.record.row.overall_grade is not None


def test_pages_follow_one_another_without_a_gap_or_a_repeat(demo_store, everything) -> None:
    from qa_desktop.store.queries.audits import audit_page

    team = everything[0].team
    for flt, wanted in (
        (AuditFilter(), everything),
        (AuditFilter(search=team.split()[0].lower()), None),
    ):
        paged, after = [], None
        with demo_store.reader() as session:
            while True:
                page = audit_page(session, flt, after, size=7)
                assert len(page.rows) <= 7
                paged += page.rows
                after = page.next
                if after is None:
                    break
        listed = AuditService(demo_store).list(replace(flt, limit=10_000), SYSTEM)
        assert [r.id for r in paged] == [r.id for r in listed.rows]
        if wanted is not None:
            assert [r.id for r in paged] == [r.id for r in wanted]


def test_the_first_page_counts_every_match_and_later_pages_do_not(demo_store) -> None:
    service = AuditService(demo_store)
    first = service.page(AuditFilter(), SYSTEM)
    assert first.total == 120 and len(first.rows) == 120 and first.next is None
    good = service.page(AuditFilter(grade=Grade.GOOD), SYSTEM)
    assert good.total == len(good.rows) and all(r.overall_grade is Grade.GOOD for r in good.rows)

"""Back to the Floor: the yearly schedule finds unscheduled teams; a visit runs from its case
sample to its report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from qa_desktop.domain.bttf import PRACTICE_AREAS, TeamRef, unscheduled
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.programme.bttf import (
    BttfService,
    CaseRecordEntry,
    FindingsEntry,
    VisitPlan,
)
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.store import models as m
from tests.reports.pdfread import flowing_text


def test_unscheduled_teams_domain() -> None:
    teams = [TeamRef("1", "B team", "S"), TeamRef("2", "A team", "S"), TeamRef("3", "C", "S")]
    assert [t.id for t in unscheduled(teams, ["3"])] == ["2", "1"]
    assert unscheduled(teams, ["1", "2", "3"]) == []


@pytest.fixture
def people(demo_store):
    directory = DirectoryService(demo_store)
    everyone = directory.people()
    officer = directory.actor(next(p for p in everyone if p.role is Role.QA_OFFICER).id)
    heads = [p for p in everyone if p.role is Role.HEAD_OF_SERVICE]
    return directory, officer, heads


def teams(store) -> list[tuple[str, str]]:
    with store.reader() as session:
        return list(session.execute(select(m.Team.id, m.Team.name).order_by(m.Team.name)))


def test_the_yearly_schedule_shows_teams_not_yet_scheduled(demo_store, clock, people) -> None:
    _, officer, heads = people
    service = BttfService(demo_store, clock)
    all_teams = teams(demo_store)
    assert len(service.schedule(2027).unscheduled) == len(all_teams)
    for index, (team_id, _) in enumerate(all_teams[:-1]):
        service.schedule_visit(
            VisitPlan(team_id, 2027, date(2027, 1 + index % 12, 10), heads[0].id), officer
        )
    schedule = service.schedule(2027)
    assert [t.name for t in schedule.unscheduled] == [all_teams[-1][1]]
    assert len(schedule.visits) == len(all_teams) - 1
    # Another year has its own schedule.
    assert len(service.schedule(2028).unscheduled) == len(all_teams)
    with pytest.raises(ValidationError, match="once a year"):
        service.schedule_visit(
            VisitPlan(all_teams[0][0], 2027, date(2027, 6, 1), heads[0].id), officer
        )
    with pytest.raises(ValidationError, match="not in 2027"):
        service.schedule_visit(
            VisitPlan(all_teams[-1][0], 2027, date(2028, 6, 1), heads[0].id), officer
        )


def test_a_visit_end_to_end_to_its_report(demo_store, clock, people, tmp_path: Path) -> None:
    directory, officer, heads = people
    service = BttfService(demo_store, clock)
    team_id, team_name = teams(demo_store)[0]
    lead, member = heads[0], heads[1]
    visit_id = service.schedule_visit(
        VisitPlan(team_id, 2026, date(2026, 12, 3), lead.id, (member.id,)), officer
    )
    with pytest.raises(PermissionRefused):
        service.schedule_visit(
            VisitPlan(teams(demo_store)[1][0], 2026, date(2026, 12, 4), lead.id),
            directory.actor(lead.id),
        )
    cases = service.draw_cases(visit_id, 3, seed=2, actor=officer)
    assert len(cases) == 3 and {c.auditor for c in cases} <= {lead.name, member.name}
    with demo_store.reader() as session:
        case_teams = set(
            session.scalars(
                select(m.Case.team_id)
                .join(m.Audit, m.Audit.case_id == m.Case.id)
                .where(m.Audit.id.in_([c.audit_id for c in cases]))
            )
        )
    assert case_teams == {team_id}
    with pytest.raises(ValidationError, match="already been drawn"):
        service.draw_cases(visit_id, 3, actor=officer)

    form = service.case_form(cases[0].audit_id)
    assert [q.id for q in form.form.questions()][:2] == ["BC1", "BC2"]
    with pytest.raises(ValidationError, match="'maybe' is not an answer"):
        service.record_case(
            CaseRecordEntry(cases[0].audit_id, {"BC2": "maybe"}, Grade.GOOD), officer
        )
    for case, grade in zip(
        cases, (Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.GOOD), strict=True
    ):
        service.record_case(
            CaseRecordEntry(
                case.audit_id,
                {"BC1": f"Lived experience of {case.case_reference}", "BC2": "yes", "BC6": "Safer"},
                grade,
            ),
            officer,
        )
    service.save_notes(
        visit_id, {"BT1": "Supportive managers", "BT5": "Families felt heard"}, officer
    )
    with pytest.raises(ValidationError, match="Say why"):
        service.save_findings(visit_id, FindingsEntry({}, Grade.GOOD, ""), officer)
    service.save_findings(
        visit_id,
        FindingsEntry(
            {PRACTICE_AREAS[0]: ("Thorough assessments", "Chronologies out of date")},
            Grade.GOOD,
            "Most children are seen and plans are clear.",
        ),
        officer,
    )
    service.add_action(visit_id, "Update chronologies", lead.id, date(2027, 2, 1), officer)
    detail = service.detail(visit_id)
    assert detail.summary.recorded == 3 and detail.summary.judgement is Grade.GOOD
    assert detail.notes["BT1"] == "Supportive managers"
    assert detail.actions[0].owner == lead.name

    path = service.export_report(visit_id, tmp_path / "bttf.pdf")
    text = flowing_text(path)
    for words in (
        "Back to the Floor report",
        team_name,
        "Thorough assessments",
        "Chronologies out of date",
        "Most children are seen and plans are clear.",
        f"Lived experience of {cases[0].case_reference}",
        "Requires Improvement",
        "Supportive managers",
        "Families felt heard",
        "Update chronologies",
        lead.name,
        member.name,
    ):
        assert words in text, words
    assert "DRAFT" not in text

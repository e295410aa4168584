"""Thematic audits: terms of reference, the theme's form, findings and the lead's action plan."""

from __future__ import annotations

from datetime import date

import pytest

from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.programme.form_editing import FormEditingService, QuestionEdit
from qa_desktop.services.programme.thematic import TermsOfReference, ThematicService
from qa_desktop.services.setup.people import DirectoryService


def cast(store):
    directory = DirectoryService(store)
    everyone = directory.people()
    officer = directory.actor(next(p for p in everyone if p.role is Role.QA_OFFICER).id)
    head = next(p for p in everyone if p.role is Role.HEAD_OF_SERVICE)
    managers = [p for p in everyone if p.role is Role.TEAM_MANAGER][:2]
    return directory, officer, head, managers


def terms(lead_id: str, auditors: tuple[str, ...], **changes) -> TermsOfReference:
    values = dict(
        theme="Neglect",
        questions_to_answer="Do we recognise neglect early?",
        scope="Children in need and on plans, aged 0-5",
        sample="20 cases, stratified by team, seed 4",
        lead_id=lead_id,
        auditor_ids=auditors,
        starts_on=date(2027, 1, 4),
        reports_on=date(2027, 3, 31),
        governance="Reported to the QA board in April",
    )
    values.update(changes)
    return TermsOfReference(**values)


def test_terms_form_findings_and_actions(demo_store, clock) -> None:
    directory, officer, head, managers = cast(demo_store)
    service = ThematicService(demo_store, clock)
    thematic_id = service.create(terms(head.id, tuple(p.id for p in managers)), officer)
    forms = FormEditingService(demo_store, clock)
    learning = forms.load("learning-audit").form
    a3 = learning.question("A3")
    forms.create(
        "thematic-neglect",
        "Thematic audit: neglect",
        "thematic-template",
        (
            QuestionEdit("theme", a3.text, a3.help, a3.answer_type, a3.key, "A3"),
            QuestionEdit("theme", "Is neglect recognised early?"),
        ),
        officer,
    )
    service.set_form(thematic_id, "thematic-neglect", officer)
    lead = directory.actor(head.id)
    service.record_findings(thematic_id, "Neglect is recognised late for babies.", lead)
    service.add_action(thematic_id, "Neglect training for all teams", date(2027, 6, 1), officer)
    detail = service.detail(thematic_id)
    assert detail.terms.scope.startswith("Children in need")
    assert detail.lead == head.name and detail.auditors == tuple(p.name for p in managers)
    assert detail.form_key == "thematic-neglect"
    assert detail.findings == "Neglect is recognised late for babies."
    assert detail.actions[0].owner == head.name  # owned by the lead head of service
    (row,) = service.list()
    assert (row.theme, row.actions) == ("Neglect", 1)
    with pytest.raises(PermissionRefused):
        service.record_findings(thematic_id, "x", directory.actor(managers[0].id))


def test_bad_terms_are_refused(demo_store, clock) -> None:
    _, officer, head, managers = cast(demo_store)
    service = ThematicService(demo_store, clock)
    with pytest.raises(ValidationError, match="led by a head of service"):
        service.create(terms(managers[0].id, ()), officer)
    with pytest.raises(ValidationError, match="report before it starts"):
        service.create(terms(head.id, (), reports_on=date(2026, 1, 1)), officer)
    with pytest.raises(ValidationError, match="no form"):
        thematic_id = service.create(terms(head.id, ()), officer)
        service.set_form(thematic_id, "nothing-here", officer)


def test_the_theme_sample_is_planned_for_its_auditors(demo_store, clock) -> None:
    from qa_desktop.domain.lifecycle import AuditState
    from qa_desktop.services.audit.listing import AuditFilter, AuditService

    directory, officer, head, _ = cast(demo_store)
    auditors = [p for p in directory.people() if p.is_auditor][:3]
    service = ThematicService(demo_store, clock)
    thematic_id = service.create(terms(head.id, tuple(p.id for p in auditors)), officer)
    with pytest.raises(ValidationError, match="Make the theme's form"):
        service.draw_sample(thematic_id, 9, 1, officer)
    forms = FormEditingService(demo_store, clock)
    forms.create(
        "thematic-neglect",
        "Thematic audit: neglect",
        "thematic-template",
        (QuestionEdit("theme", "Is neglect recognised early?"),),
        officer,
    )
    service.set_form(thematic_id, "thematic-neglect", officer)
    with pytest.raises(ValidationError, match="agrees the terms of reference"):
        service.draw_sample(thematic_id, 9, 1, officer)
    with pytest.raises(PermissionRefused):
        service.agree_terms(thematic_id, officer)  # only the lead head of service
    service.agree_terms(thematic_id, directory.actor(head.id))
    assert service.draw_sample(thematic_id, 9, 1, officer) == 9
    detail = service.detail(thematic_id)
    assert (detail.audits_planned, detail.audits_completed) == (9, 0)
    listing = AuditService(demo_store).list(
        AuditFilter(form_key="thematic-neglect", states=(AuditState.PLANNED,)), SYSTEM
    )
    assert len(listing.rows) == 9
    assert {r.auditor for r in listing.rows} == {p.name for p in auditors}  # 3 each
    assert all(r.due_on == date(2027, 3, 31) for r in listing.rows)
    team_of = {p.name: p.team_name for p in auditors}
    assert all(r.team != team_of[r.auditor] for r in listing.rows)
    with pytest.raises(ValidationError, match="already been drawn"):
        service.draw_sample(thematic_id, 9, 1, officer)


def test_the_sample_is_drawn_from_the_stated_scope_and_the_terms_keep_who_agreed(
    demo_store, clock, tmp_path
) -> None:
    from sqlalchemy import select

    from qa_desktop.domain.learning_reviews import ActionStatus
    from qa_desktop.domain.thematic import AgeBand, ThematicScope, ThemeTrigger, age_band
    from qa_desktop.services.my_work import MyWorkService, WorkKind
    from qa_desktop.store import models as m
    from tests.reports.pdfread import flowing_text

    directory, officer, head, managers = cast(demo_store)
    auditors = [p for p in directory.people() if p.is_auditor][:4]
    with demo_store.reader() as session:
        teams = dict(session.execute(select(m.Team.name, m.Team.id)).all())
    chosen_teams = frozenset(sorted(teams.values())[:3])
    scope = ThematicScope(
        legal_statuses=frozenset({"child_in_need", "child_protection"}),
        team_ids=chosen_teams,
        age_bands=frozenset({AgeBand.UNBORN, AgeBand.UNDER_5, AgeBand.FROM_5_TO_10}),
    )
    service = ThematicService(demo_store, clock)
    thematic_id = service.create(
        terms(
            head.id,
            tuple(p.id for p in auditors),
            trigger=ThemeTrigger.NATIONAL_FOCUS,
            trigger_detail="The national review of child protection, 2026",
            scope_filter=scope,
        ),
        officer,
    )
    forms = FormEditingService(demo_store, clock)
    forms.create(
        "thematic-neglect",
        "Thematic audit: neglect",
        "thematic-template",
        (QuestionEdit("theme", "Is neglect recognised early?"),),
        officer,
    )
    service.set_form(thematic_id, "thematic-neglect", officer)
    lead = directory.actor(head.id)
    service.agree_terms(thematic_id, lead)
    detail = service.detail(thematic_id)
    assert detail.agreed and detail.agreed_by == head.name
    assert detail.agreed_at == clock()
    assert detail.terms.trigger is ThemeTrigger.NATIONAL_FOCUS
    assert detail.terms.scope_filter == scope
    assert service.list()[0].agreed

    drawn = service.draw_sample(thematic_id, 6, 3, officer)
    with demo_store.reader() as session:
        cases = session.execute(
            select(m.Case.legal_status, m.Case.team_id, m.Case.age_years, m.Case.unborn)
            .join(m.Audit, m.Audit.case_id == m.Case.id)
            .join(m.FormVersion, m.FormVersion.id == m.Audit.form_version_id)
            .join(m.Form, m.Form.id == m.FormVersion.form_id)
            .where(m.Form.key == "thematic-neglect")
        ).all()
    assert len(cases) == drawn > 0
    for legal, team_id, age, unborn in cases:
        assert legal in scope.legal_statuses and team_id in chosen_teams
        assert age_band(age, unborn) in scope.age_bands

    # Actions with an owner, a due date and a status; overdue ones in the owner's My work.
    owner = directory.actor(managers[0].id)
    late = service.add_action(
        thematic_id, "Neglect toolkit in every team", date(2026, 11, 1), lead, owner_id=owner.id
    )
    service.add_action(thematic_id, "Report to the board", date(2027, 4, 1), lead)
    work = MyWorkService(demo_store, clock).for_person(owner)
    (item,) = [i for i in work.programme if i.kind is WorkKind.THEMATIC_ACTION]
    assert (item.id, item.overdue, item.reference, item.parent_id) == (
        late,
        True,
        "Neglect",
        thematic_id,
    )
    with pytest.raises(PermissionRefused):
        service.set_action_status(late, ActionStatus.DONE, directory.actor(managers[1].id))
    service.set_action_status(late, ActionStatus.DONE, owner)
    work = MyWorkService(demo_store, clock).for_person(owner)
    assert [i for i in work.programme if i.kind is WorkKind.THEMATIC_ACTION] == []
    statuses = {a.description: (a.status, a.owner) for a in service.detail(thematic_id).actions}
    assert statuses == {
        "Neglect toolkit in every team": (ActionStatus.DONE, managers[0].name),
        "Report to the board": (ActionStatus.OPEN, head.name),
    }

    service.record_findings(thematic_id, "Neglect of babies is recognised late.", lead)
    text = flowing_text(service.export_report(thematic_id, tmp_path / "theme.pdf").path)
    for words in (
        "Thematic audit: Neglect",
        "National focus",
        "The national review of child protection, 2026",
        f"{head.name}, 20 November 2026",
        "Child in need",
        "Child protection",
        "0 to 4",
        f"0 of {drawn} audits completed.",
        "Is neglect recognised early?",
        "Neglect of babies is recognised late.",
        "Neglect toolkit in every team",
        "Report to the board",
    ):
        assert words in text, words
    assert "have not been written" not in text


def test_a_scope_that_admits_no_case_is_said_so(demo_store, clock) -> None:
    from qa_desktop.domain.thematic import AgeBand, ThematicScope

    directory, officer, head, _ = cast(demo_store)
    auditors = [p for p in directory.people() if p.is_auditor][:2]
    service = ThematicService(demo_store, clock)
    nobody = ThematicScope(
        legal_statuses=frozenset({"care_leaver"}), age_bands=frozenset({AgeBand.UNBORN})
    )
    thematic_id = service.create(
        terms(head.id, tuple(p.id for p in auditors), scope_filter=nobody), officer
    )
    FormEditingService(demo_store, clock).create(
        "thematic-leavers",
        "Thematic audit: leavers",
        "thematic-template",
        (QuestionEdit("theme", "Is there a pathway plan?"),),
        officer,
    )
    service.set_form(thematic_id, "thematic-leavers", officer)
    service.agree_terms(thematic_id, directory.actor(head.id))
    with pytest.raises(ValidationError, match="No open case is in the theme's scope"):
        service.draw_sample(thematic_id, 4, 1, officer)

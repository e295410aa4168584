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

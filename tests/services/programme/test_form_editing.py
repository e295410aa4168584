"""Form editing: a new form version leaves started audits on the old one; question ids
survive a new version; a thematic form is made by picking questions from existing forms."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from qa_desktop.domain.forms import AnswerType
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.listing import AuditService
from qa_desktop.services.programme.form_editing import (
    FormEditingService,
    QuestionEdit,
    RulesEdit,
    next_id,
)
from qa_desktop.services.programme.monthly_plan import PlanRequest, ProgrammeService
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.store import models as m


def actor(store, role: Role):
    directory = DirectoryService(store)
    return directory.actor(next(p for p in directory.people() if p.role is role).id)


def edits_of(form) -> list[QuestionEdit]:
    return [
        QuestionEdit(s.id, q.text, q.help, q.answer_type, q.key, q.id)
        for s in form.sections
        for q in s.questions
    ]


def test_next_id_never_reuses_an_id() -> None:
    assert next_id("A", {"A1", "A2", "A9", "B12"}) == "A10"
    assert next_id("TH", set()) == "TH1"


def test_a_new_version_keeps_started_audits_on_the_old_one_and_ids_survive(
    demo_store, clock
) -> None:
    service = FormEditingService(demo_store, clock)
    officer = actor(demo_store, Role.QA_OFFICER)
    original = service.load("learning-audit")
    base = original.version  # the newest shipped version (the demo's audits are on v1)
    assert base == 2
    with demo_store.reader() as session:
        started = session.scalar(
            select(m.Audit)
            .where(m.Audit.state == AuditState.IN_PROGRESS.value)
            .order_by(m.Audit.reference)
        )
        assert started is not None
        old_version_id = started.form_version_id
    edits = edits_of(original.form)
    a1 = next(i for i, e in enumerate(edits) if e.id == "A1")
    edits[a1] = QuestionEdit(
        "A",
        "Was the child seen, and seen alone, in the assessment?",
        "",
        AnswerType.YES_NO,
        True,
        "A1",
    )
    removed = edits.pop(next(i for i, e in enumerate(edits) if e.id == "A8"))
    edits.append(
        QuestionEdit("A", "Is the child's identity considered?", "Culture, faith, language.")
    )
    saved = service.save("learning-audit", base, tuple(edits), officer, RulesEdit(85, 55))
    assert saved.version == base + 1 and saved.new_ids == ("A" + saved.new_ids[0][1:],)
    new_id = saved.new_ids[0]
    assert new_id not in original.used_ids

    latest = service.load("learning-audit")
    assert latest.version == base + 1
    ids_before = {q.id for q in original.form.questions()}
    ids_after = {q.id for q in latest.form.questions()}
    assert ids_after == (ids_before - {removed.id}) | {new_id}
    assert latest.form.question("A1").text.startswith("Was the child seen, and seen alone")
    assert latest.form.question("A1").key
    assert latest.form.rules.good_at == 85
    # Untouched questions keep everything, ids included; so do the grade descriptors.
    assert latest.form.question("E4") == original.form.question("E4")
    assert latest.form.sections[0].descriptors == original.form.sections[0].descriptors != ()

    # The started audit stays on version 1 and still opens with its version's questions.
    with demo_store.reader() as session:
        again = session.get(m.Audit, started.id)
        assert again is not None and again.form_version_id == old_version_id
        versions = session.scalar(select(func.count()).select_from(m.FormVersion))
    view = AuditService(demo_store).view(started.id, SYSTEM)
    assert view.form.version == 1 and "A2" in {q.id for q in view.form.questions()}
    # New planned audits use the new version.
    plan = ProgrammeService(demo_store, clock).plan(PlanRequest("2026-12", 2, 1), SYSTEM)
    with demo_store.reader() as session:
        version = session.scalar(
            select(m.FormVersion.version)
            .join(m.Audit, m.Audit.form_version_id == m.FormVersion.id)
            .where(m.Audit.id == plan.audits[0].audit_id)
        )
    assert version == base + 1

    # The removed id cannot come back as another question.
    stale = (*edits_of(latest.form), QuestionEdit("A", "Something else entirely", id="A8"))
    with pytest.raises(ValidationError, match="A8 was used by an earlier version"):
        service.save("learning-audit", base + 1, stale, officer)
    # Saving from an out-of-date copy is refused; nothing is added.
    with pytest.raises(ValidationError, match=f"now version {base + 1}"):
        service.save("learning-audit", base, tuple(edits), officer)
    with demo_store.reader() as session:
        assert session.scalar(select(func.count()).select_from(m.FormVersion)) == versions


def test_only_the_qa_team_edits_forms(demo_store, clock) -> None:
    service = FormEditingService(demo_store, clock)
    form = service.load("dip-sample")
    with pytest.raises(PermissionRefused):
        service.save(
            "dip-sample", 1, tuple(edits_of(form.form)), actor(demo_store, Role.TEAM_MANAGER)
        )


def test_an_invalid_edit_is_refused(demo_store, clock) -> None:
    service = FormEditingService(demo_store, clock)
    form = service.load("dip-sample")
    officer = actor(demo_store, Role.QA_OFFICER)
    with pytest.raises(ValidationError, match="needs its text"):
        service.save("dip-sample", 1, (QuestionEdit("dip", "  "),), officer)
    with pytest.raises(ValidationError, match="no section"):
        service.save("dip-sample", 1, (QuestionEdit("zz", "Text"),), officer)
    assert service.load("dip-sample").version == form.version


def test_a_thematic_form_from_picked_questions(demo_store, clock) -> None:
    service = FormEditingService(demo_store, clock)
    officer = actor(demo_store, Role.QA_OFFICER)
    learning = service.load("learning-audit").form
    picked = [learning.question(q) for q in ("A3", "B2")]
    questions = (
        *(QuestionEdit("theme", q.text, q.help, q.answer_type, q.key, q.id) for q in picked),
        QuestionEdit("theme", "Is neglect recognised early?", "Look at chronologies."),
        QuestionEdit("theme", "Are the child's basic needs met?"),
    )
    saved = service.create(
        "thematic-neglect", "Thematic audit: neglect", "thematic-template", questions, officer
    )
    assert (saved.version, saved.new_ids) == (1, ("TH5", "TH6"))
    form = service.load("thematic-neglect").form
    assert [q.id for q in form.questions()] == ["A3", "B2", "TH5", "TH6"]
    assert form.question("A3").text == learning.question("A3").text
    assert form.title == "Thematic audit: neglect" and form.kind.value == "thematic"
    with pytest.raises(ValidationError, match="already a form"):
        service.create("thematic-neglect", "x", "thematic-template", questions, officer)


def test_a_new_question_never_takes_an_id_another_form_uses(demo_store, clock) -> None:
    service = FormEditingService(demo_store, clock)
    dip = service.load("dip-sample")
    learning_ids = service.load("learning-audit").used_ids
    saved = service.save(
        "dip-sample",
        1,
        (*edits_of(dip.form), QuestionEdit("dip", "Is the plan up to date?")),
        actor(demo_store, Role.QA_OFFICER),
    )
    (new_id,) = saved.new_ids
    assert new_id.startswith("A") and new_id not in learning_ids

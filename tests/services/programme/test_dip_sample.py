"""Dip samples: made from open cases, answered cell by cell, finished, results by team."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.programme.dip_sample import DipSampleRequest, DipSampleService
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.store import models as m


def actor_with(store, role: Role):
    directory = DirectoryService(store)
    return directory.actor(next(p for p in directory.people() if p.role is role).id)


def test_make_answer_finish_and_count_by_team(demo_store, clock) -> None:
    service = DipSampleService(demo_store, clock)
    officer = actor_with(demo_store, Role.QA_OFFICER)
    assert [q.id for q in service.questions()] == ["A1", "C1"]
    dip_id = service.create(DipSampleRequest("Children seen, November", 12, 3), officer)
    grid = service.grid(dip_id)
    assert [q.id for q in grid.questions] == ["A1", "C1"] and len(grid.rows) == 12
    assert len({r.case_reference for r in grid.rows}) == 12
    with pytest.raises(ValidationError, match="12 case"):
        service.finish(dip_id, officer)
    for index, row in enumerate(grid.rows):
        service.set_answer(row.audit_id, "A1", Answer.YES if index % 2 else Answer.NO, officer)
        service.set_answer(row.audit_id, "C1", Answer.PARTLY, officer)
    service.set_answer(grid.rows[0].audit_id, "C1", None, officer)  # cleared again
    assert service.grid(dip_id).rows[0].answers == {"A1": Answer.NO, "C1": None}
    service.set_answer(grid.rows[0].audit_id, "C1", Answer.NA, officer)
    info = service.list()[0]
    assert (info.cases, info.answered, info.finished_on) == (12, 12, None)
    results = service.results(dip_id)
    whole = results[-1]
    assert whole.team == "" and whole.cases == 12
    a1, c1 = whole.questions
    assert (a1.yes, a1.no, a1.compliance) == (6, 6, 50.0)
    assert (c1.partly, c1.na, c1.compliance) == (11, 1, 50.0)
    assert sum(r.cases for r in results[:-1]) == 12
    service.finish(dip_id, officer)
    with demo_store.reader() as session:
        states = set(
            session.scalars(
                select(m.Audit.state).where(m.Audit.id.in_([r.audit_id for r in grid.rows]))
            )
        )
    assert states == {"closed"}
    with pytest.raises(ValidationError, match="finished"):
        service.set_answer(grid.rows[1].audit_id, "A1", Answer.YES, officer)


def test_answers_are_ordinary_answers_with_the_learning_audit_ids(demo_store, clock) -> None:
    service = DipSampleService(demo_store, clock)
    officer = actor_with(demo_store, Role.QA_OFFICER)
    dip_id = service.create(DipSampleRequest("One question", 3, 1, ("C1",)), officer)
    row = service.grid(dip_id).rows[0]
    service.set_answer(row.audit_id, "C1", Answer.YES, officer)
    with demo_store.reader() as session:
        stored = session.scalar(select(m.Answer).where(m.Answer.audit_id == row.audit_id))
        audit = session.get(m.Audit, row.audit_id)
    assert stored is not None and (stored.question_id, stored.value) == ("C1", "yes")
    assert audit is not None and audit.audit_type == "dip_sample"
    with pytest.raises(ValidationError, match="A1 is not in this dip sample"):
        service.set_answer(row.audit_id, "A1", Answer.YES, officer)


def test_bad_requests(demo_store, clock) -> None:
    service = DipSampleService(demo_store, clock)
    officer = actor_with(demo_store, Role.QA_OFFICER)
    with pytest.raises(ValidationError, match="not a yes or no question on Dip sample"):
        service.create(DipSampleRequest("x", 3, 1, ("Z9",)), officer)
    with pytest.raises(ValidationError, match="larger than"):
        service.create(DipSampleRequest("x", 99999, 1), officer)
    with pytest.raises(PermissionRefused):
        service.create(DipSampleRequest("x", 3, 1), actor_with(demo_store, Role.PRACTITIONER))
    assert service.list() == ()


def test_any_question_of_any_form_across_several_teams(demo_store, clock) -> None:
    from qa_desktop.services.programme.form_editing import FormEditingService

    service = DipSampleService(demo_store, clock)
    officer = actor_with(demo_store, Role.QA_OFFICER)
    learning = FormEditingService(demo_store, clock).load("learning-audit").form
    offered = service.questions("learning-audit")
    assert len(offered) > 2 and {q.id for q in offered} <= {q.id for q in learning.questions()}
    chosen = tuple(q.id for q in offered[2:5])  # none of them the two shipped ones
    with demo_store.reader() as session:
        teams = list(session.scalars(select(m.Team.id).order_by(m.Team.name).limit(3)))
    dip_id = service.create(
        DipSampleRequest(
            "Three questions, three teams",
            9,
            2,
            chosen,
            team_ids=tuple(teams),
            form_key="learning-audit",
        ),
        officer,
    )
    grid = service.grid(dip_id)
    assert tuple(q.id for q in grid.questions) == chosen and len(grid.rows) == 9
    with demo_store.reader() as session:
        sampled = set(
            session.scalars(
                select(m.Case.team_id)
                .join(m.Audit, m.Audit.case_id == m.Case.id)
                .where(m.Audit.id.in_([r.audit_id for r in grid.rows]))
            )
        )
    assert sampled <= set(teams) and len(sampled) > 1
    for row in grid.rows:
        for question in chosen:
            service.set_answer(row.audit_id, question, Answer.YES, officer)
    service.finish(dip_id, officer)
    whole = service.results(dip_id)[-1]
    assert [q.compliance for q in whole.questions] == [100.0, 100.0, 100.0]
    assert len(service.results(dip_id)) == len(sampled) + 1
    with pytest.raises(ValidationError, match="not a yes or no question"):
        service.create(
            DipSampleRequest("Wrong", 3, 1, ("NOPE",), form_key="learning-audit"), officer
        )
    with pytest.raises(ValidationError, match="no form"):
        service.create(DipSampleRequest("Wrong", 3, 1, form_key="no-such-form"), officer)


def test_the_forms_a_dip_sample_can_check(demo_store, clock) -> None:
    service = DipSampleService(demo_store, clock)
    forms = service.forms()
    keys = [f.key for f in forms]
    assert keys[0] == "dip-sample" and "learning-audit" in keys
    assert len(keys) == len(set(keys))  # one entry a form, its newest version
    for form in forms:
        assert service.questions(form.key)  # each offers at least one yes or no question

"""The moderation transitions by role, through the services: for every kind of person in the
demo county (role, auditor, moderator), closing a moderation and sending an audit to
moderation are allowed exactly when the lifecycle rules say so, and a refusal changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.errors import PermissionRefused
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.followup_helpers import in_moderation, services, submitted_audit

KINDS = [
    (Role.PRACTITIONER, False, False),
    (Role.TEAM_MANAGER, True, False),
    (Role.SERVICE_MANAGER, True, True),
    (Role.HEAD_OF_SERVICE, True, True),
    (Role.ASSISTANT_DIRECTOR, True, True),
    (Role.QA_OFFICER, True, True),
    (Role.QA_OFFICER, True, False),
    (Role.ADULT_WORKER, False, False),
    (Role.REVIEWING_OFFICER, False, False),
]


def _someone(svc, role: Role, auditor: bool, moderator: bool, not_id: str):
    person = next(
        p
        for p in svc.directory.people()
        if p.role is role
        and p.is_auditor == auditor
        and p.is_moderator == moderator
        and p.id != not_id
    )
    return svc.directory.actor(person.id)


def _state(store, audit_id: str) -> AuditState:
    with store.reader() as session:
        return AuditState(session.get(m.Audit, audit_id).state)


def _auditor_of(store, audit_id: str) -> str:
    with store.reader() as session:
        return session.get(m.Audit, audit_id).auditor_id


@pytest.mark.parametrize(("role", "auditor", "moderator"), KINDS)
def test_closing_a_moderation_by_role(demo_store, clock, role, auditor, moderator) -> None:
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.GOOD)
    actor = _someone(svc, role, auditor, moderator, _auditor_of(demo_store, audit_id))
    decisions = [Decision(section, Grade.GOOD) for section in _sections(demo_store, audit_id)]
    if actor.can(Capability.MODERATE):
        svc.moderation.moderate(audit_id, decisions, actor)
        assert _state(demo_store, audit_id) is AuditState.CLOSED
    else:
        with pytest.raises(PermissionRefused):
            svc.moderation.moderate(audit_id, decisions, actor)
        assert _state(demo_store, audit_id) is AuditState.IN_MODERATION
    assert actor.can(Capability.MODERATE) == moderator


@pytest.mark.parametrize(("role", "auditor", "moderator"), KINDS)
@pytest.mark.parametrize("own", [False, True])
def test_sending_to_moderation_by_role(demo_store, clock, role, auditor, moderator, own) -> None:
    svc = services(demo_store, clock)
    audit_id = submitted_audit(demo_store, clock, Grade.GOOD)
    actor = _someone(svc, role, auditor, moderator, _auditor_of(demo_store, audit_id))
    if own:
        with demo_store.session() as session:
            Recorder(session, None, clock()).update(
                session.get(m.Audit, audit_id), auditor_id=actor.id
            )
    allowed = actor.can(Capability.ADD_TO_MODERATION) or (own and actor.can(Capability.AUDIT))
    if allowed:
        svc.moderation.add(audit_id, actor)
        assert _state(demo_store, audit_id) is AuditState.IN_MODERATION
    else:
        with pytest.raises(PermissionRefused):
            svc.moderation.add(audit_id, actor)
        assert _state(demo_store, audit_id) is AuditState.SUBMITTED
    assert allowed == (role is Role.QA_OFFICER or (own and auditor))


def _sections(store, audit_id: str) -> list[str]:
    with store.reader() as session:
        sections = list(
            session.scalars(
                select(m.SectionReview.section_id).where(m.SectionReview.audit_id == audit_id)
            )
        )
    return [*sections, m.OVERALL]

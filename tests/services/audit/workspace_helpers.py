"""Shared set-up for the workspace tests: a planned audit from the demo county and its people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Capability
from qa_desktop.services.audit.workspace import WorkspaceService
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.setup.people import Actor, DirectoryService
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store


@dataclass(frozen=True)
class Assignment:
    audit_id: str
    auditor: Actor
    practitioner: Actor


def an_assignment(store: Store) -> Assignment:
    """The first planned audit whose auditor may audit and whose case has a practitioner."""
    directory = DirectoryService(store)
    with store.reader() as session:
        planned = session.scalars(
            select(m.Audit)
            .where(m.Audit.state == AuditState.PLANNED.value, m.Audit.practitioner_id.isnot(None))
            .order_by(m.Audit.reference)
        ).all()
    for audit in planned:
        auditor = directory.actor(audit.auditor_id)
        if auditor.can(Capability.AUDIT):
            assert audit.practitioner_id is not None
            return Assignment(audit.id, auditor, directory.actor(audit.practitioner_id))
    raise AssertionError("the demo store has no planned audit")


def complete(service: WorkspaceService, a: Assignment, today: date) -> None:
    """Fill in everything the checklist asks for (through the service)."""
    ws = service.load(a.audit_id, a.auditor)
    for question in ws.form.questions():
        service.save(a.audit_id, a.auditor, FieldRef.answer(question.id), "yes")
    for section in ws.form.graded_sections():
        service.save(
            a.audit_id, a.auditor, FieldRef.area(section.id, "rationale"), "Strong evidence."
        )
        service.save(a.audit_id, a.auditor, FieldRef.area(section.id, "grade"), Grade.GOOD.value)
    for name, text in (
        ("voice_of_child", "The child's wishes are recorded in their words."),
        ("impact", "The child is safer at home."),
        ("overall_rationale", "Consistently good practice."),
    ):
        service.save(a.audit_id, a.auditor, FieldRef.audit(name), text)
    service.save(a.audit_id, a.auditor, FieldRef.audit("overall_grade"), Grade.GOOD.value)
    service.add_action(
        a.audit_id,
        a.auditor,
        "Update the chronology",
        a.practitioner.id,
        today + timedelta(days=28),
    )

"""Thematic audits: terms of reference (theme, questions to answer, scope, sample and how it is
drawn, lead head of service, auditors, dates, governance), a form made for the theme (see
:mod:`qa_desktop.services.programme.form_editing`), findings, and an action plan owned by the lead head
of service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.references import audit_reference
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.domain.sampling import AuditorSlot, assign, draw_sample
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock
from qa_desktop.services.programme.monthly_plan import candidates
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder


@dataclass(frozen=True)
class TermsOfReference:
    theme: str
    questions_to_answer: str
    scope: str
    sample: str
    lead_id: str
    auditor_ids: tuple[str, ...]
    starts_on: date
    reports_on: date
    governance: str


@dataclass(frozen=True)
class ThematicRow:
    id: str
    theme: str
    lead: str
    starts_on: date
    reports_on: date
    form_key: str | None
    actions: int


@dataclass(frozen=True)
class ThematicActionRow:
    description: str
    owner: str
    due_on: date


@dataclass(frozen=True)
class ThematicDetail:
    id: str
    terms: TermsOfReference
    lead: str
    auditors: tuple[str, ...]
    form_key: str | None
    findings: str
    actions: tuple[ThematicActionRow, ...]
    audits_planned: int = 0
    audits_completed: int = 0


class ThematicService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    @writes(Change.PROGRAMME)
    def create(self, terms: TermsOfReference, actor: Actor) -> str:
        if not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused("Only the QA team can set up thematic audits.")
        if not terms.theme.strip():
            raise ValidationError("Name the theme.")
        if terms.reports_on < terms.starts_on:
            raise ValidationError("The audit cannot report before it starts.")
        with self._store.session() as session:
            lead = session.get(m.Person, terms.lead_id)
            if lead is None or lead.role != Role.HEAD_OF_SERVICE.value:
                raise ValidationError("A thematic audit is led by a head of service.")
            recorder = Recorder(session, actor.id, self._clock())
            row = recorder.insert(
                m.ThematicAudit,
                theme=terms.theme.strip(),
                questions_to_answer=terms.questions_to_answer,
                scope=terms.scope,
                sample=terms.sample,
                lead_id=terms.lead_id,
                auditor_ids=",".join(terms.auditor_ids),
                starts_on=terms.starts_on,
                reports_on=terms.reports_on,
                governance=terms.governance,
                findings="",
                created_at=recorder.now,
            )
            return row.id

    @writes(Change.PROGRAMME)
    def set_form(self, thematic_id: str, form_key: str, actor: Actor) -> None:
        if not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused("Only the QA team can set up thematic audits.")
        with self._store.session() as session:
            row = self._row(session, thematic_id)
            if session.scalar(select(m.Form.id).where(m.Form.key == form_key)) is None:
                raise ValidationError("There is no form {key} in this store.", key=form_key)
            Recorder(session, actor.id, self._clock()).update(row, form_key=form_key)

    @writes(Change.PROGRAMME | Change.AUDITS)
    def draw_sample(self, thematic_id: str, count: int, seed: int, actor: Actor) -> int:
        """Plan the theme's audits: ``count`` open cases stratified by service and team, on
        the theme's form, shared evenly among the audit's auditors (never their own team),
        due when the audit reports. They appear in each auditor's My work."""
        if not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused("Only the QA team can set up thematic audits.")
        with self._store.session() as session:
            row = self._row(session, thematic_id)
            if not row.form_key:
                raise ValidationError("Make the theme's form before drawing the sample.")
            if self._audits(session, row.form_key):
                raise ValidationError("This thematic audit's sample has already been drawn.")
            auditor_ids = [a for a in row.auditor_ids.split(",") if a]
            if not auditor_ids:
                raise ValidationError("Choose the auditors in the terms of reference first.")
            version_id = session.scalar(
                select(m.FormVersion.id)
                .join(m.Form, m.Form.id == m.FormVersion.form_id)
                .where(m.Form.key == row.form_key)
                .order_by(m.FormVersion.version.desc())
                .limit(1)
            )
            assert version_id is not None
            sample = draw_sample(candidates(session), count, seed, row.starts_on, exclude_months=0)
            people = session.scalars(select(m.Person).where(m.Person.id.in_(auditor_ids)))
            slots = [AuditorSlot(p.id, p.name, p.team_id, count) for p in people]
            recorder = Recorder(session, actor.id, self._clock())
            for placed in assign(sample, slots, seed):
                audit_id = m.new_id()
                recorder.insert(
                    m.Audit,
                    id=audit_id,
                    reference=audit_reference(audit_id),
                    case_id=placed.case.case_id,
                    form_version_id=version_id,
                    audit_type=AuditType.THEMATIC.value,
                    state=AuditState.PLANNED.value,
                    auditor_id=placed.auditor.person_id,
                    practitioner_id=placed.case.practitioner_id,
                    due_on=row.reports_on,
                    created_at=recorder.now,
                )
            return len(sample)

    @staticmethod
    def _audits(session: Session, form_key: str) -> list[str]:
        return list(
            session.scalars(
                select(m.Audit.state)
                .join(m.FormVersion, m.FormVersion.id == m.Audit.form_version_id)
                .join(m.Form, m.Form.id == m.FormVersion.form_id)
                .where(
                    m.Form.key == form_key,
                    m.Audit.audit_type == AuditType.THEMATIC.value,
                    m.Audit.deleted_at.is_(None),
                )
            )
        )

    @writes(Change.PROGRAMME)
    def record_findings(self, thematic_id: str, findings: str, actor: Actor) -> None:
        with self._store.session() as session:
            row = self._row(session, thematic_id)
            self._lead_or_qa(row, actor)
            Recorder(session, actor.id, self._clock()).update(row, findings=findings)

    @writes(Change.PROGRAMME)
    def add_action(self, thematic_id: str, description: str, due_on: date, actor: Actor) -> None:
        """A line of the action plan; its owner is always the lead head of service."""
        if not description.strip():
            raise ValidationError("Say what the action is.")
        with self._store.session() as session:
            row = self._row(session, thematic_id)
            self._lead_or_qa(row, actor)
            recorder = Recorder(session, actor.id, self._clock())
            recorder.insert(
                m.ThematicAction,
                thematic_id=thematic_id,
                description=description.strip(),
                owner_id=row.lead_id,
                due_on=due_on,
                created_at=recorder.now,
            )

    def list(self) -> tuple[ThematicRow, ...]:
        with self._store.reader() as session:
            names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
            counts: dict[str, int] = {}
            for (thematic_id,) in session.execute(select(m.ThematicAction.thematic_id)):
                counts[thematic_id] = counts.get(thematic_id, 0) + 1
            return tuple(
                ThematicRow(
                    t.id,
                    t.theme,
                    names.get(t.lead_id, ""),
                    t.starts_on,
                    t.reports_on,
                    t.form_key,
                    counts.get(t.id, 0),
                )
                for t in session.scalars(
                    select(m.ThematicAudit).order_by(m.ThematicAudit.starts_on.desc())
                )
            )

    def detail(self, thematic_id: str) -> ThematicDetail:
        with self._store.reader() as session:
            row = self._row(session, thematic_id)
            names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
            auditors = tuple(a for a in row.auditor_ids.split(",") if a)
            actions = tuple(
                ThematicActionRow(a.description, names.get(a.owner_id, ""), a.due_on)
                for a in session.scalars(
                    select(m.ThematicAction)
                    .where(m.ThematicAction.thematic_id == thematic_id)
                    .order_by(m.ThematicAction.due_on)
                )
            )
            states = self._audits(session, row.form_key) if row.form_key else []
            done = (
                AuditState.SUBMITTED.value,
                AuditState.IN_MODERATION.value,
                AuditState.CLOSED.value,
            )
            return ThematicDetail(
                row.id,
                TermsOfReference(
                    row.theme,
                    row.questions_to_answer,
                    row.scope,
                    row.sample,
                    row.lead_id,
                    auditors,
                    row.starts_on,
                    row.reports_on,
                    row.governance,
                ),
                names.get(row.lead_id, ""),
                tuple(names.get(a, "") for a in auditors),
                row.form_key,
                row.findings,
                actions,
                len([st for st in states if st != AuditState.CANCELLED.value]),
                len([st for st in states if st in done]),
            )

    @staticmethod
    def _row(session: Session, thematic_id: str) -> m.ThematicAudit:
        row = session.get(m.ThematicAudit, thematic_id)
        if row is None:
            raise ValidationError("That thematic audit is no longer in this store.")
        return row

    @staticmethod
    def _lead_or_qa(row: m.ThematicAudit, actor: Actor) -> None:
        if actor.id != row.lead_id and not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused(
                "The findings and action plan belong to the lead head of service."
            )

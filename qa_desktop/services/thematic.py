"""Thematic audits: terms of reference (theme, questions to answer, scope, sample and how it is
drawn, lead head of service, auditors, dates, governance), a form made for the theme (see
:mod:`qa_desktop.services.form_editing`), findings, and an action plan owned by the lead head
of service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.roles import Capability, Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.clock import Clock
from qa_desktop.services.people import Actor
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


class ThematicService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

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

    def set_form(self, thematic_id: str, form_key: str, actor: Actor) -> None:
        if not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused("Only the QA team can set up thematic audits.")
        with self._store.session() as session:
            row = self._row(session, thematic_id)
            if session.scalar(select(m.Form.id).where(m.Form.key == form_key)) is None:
                raise ValidationError("There is no form {key} in this store.", key=form_key)
            Recorder(session, actor.id, self._clock()).update(row, form_key=form_key)

    def record_findings(self, thematic_id: str, findings: str, actor: Actor) -> None:
        with self._store.session() as session:
            row = self._row(session, thematic_id)
            self._lead_or_qa(row, actor)
            Recorder(session, actor.id, self._clock()).update(row, findings=findings)

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

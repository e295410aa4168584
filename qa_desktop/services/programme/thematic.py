"""Thematic audits: terms of reference (theme, what triggered it, questions to answer, scope,
sample and how it is drawn, lead head of service, auditors, dates, governance), agreed by the
lead head of service before any audit starts; a form made for the theme (see
:mod:`qa_desktop.services.programme.form_editing`); a sample drawn from the stated scope
(legal status, service, team, age band: :mod:`qa_desktop.domain.thematic`), not from every
open case; findings; an action plan whose lines each have an owner (the lead unless another is
named), a due date and a status, followed up in the owner's My work; the thematic report PDF."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.forms import LegalStatus
from qa_desktop.domain.learning_reviews import ActionStatus, action_overdue, may_move_action
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.references import audit_reference
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.domain.sampling import AuditorSlot, Candidate, assign, draw_sample
from qa_desktop.domain.thematic import (
    AgeBand,
    ScopedCase,
    ThematicScope,
    ThemeTrigger,
    joined,
    split,
)
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.reports.thematic_report import (
    ThematicActionLine,
    ThematicQuestionLine,
    ThematicReportData,
    build_thematic_report,
)
from qa_desktop.services.audit.documents import ExportedDocument
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, local_day, today
from qa_desktop.services.programme.documents import write_pdf
from qa_desktop.services.programme.forms import form_from_source
from qa_desktop.services.programme.monthly_plan import candidates
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

DONE_STATES = (
    AuditState.SUBMITTED.value,
    AuditState.IN_MODERATION.value,
    AuditState.CLOSED.value,
)


def _legal_label(value: str) -> str:
    try:
        return LegalStatus(value).label
    except ValueError:
        return value


def _aware(moment: datetime | None) -> datetime | None:
    """A stored moment as UTC (SQLite hands moments back without their zone)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _terms(session: Session, thematic_id: str) -> m.ThematicTerms | None:
    return session.scalar(select(m.ThematicTerms).where(m.ThematicTerms.thematic_id == thematic_id))


def _scope(extra: m.ThematicTerms | None) -> ThematicScope:
    if extra is None:
        return ThematicScope()
    return ThematicScope(
        split(extra.legal_statuses),
        split(extra.service_ids),
        split(extra.team_ids),
        frozenset(AgeBand(v) for v in split(extra.age_bands)),
    )


def _in_scope(session: Session, pool: list[Candidate], scope: ThematicScope) -> list[Candidate]:
    """The open cases the scope admits."""
    if scope.unlimited:
        return pool
    facts = {
        case_id: ScopedCase(legal, service_id, team_id, age, unborn)
        for case_id, legal, service_id, team_id, age, unborn in session.execute(
            select(
                m.Case.id,
                m.Case.legal_status,
                m.Team.service_id,
                m.Case.team_id,
                m.Case.age_years,
                m.Case.unborn,
            )
            .join(m.Team, m.Team.id == m.Case.team_id)
            .where(m.Case.is_open.is_(True))
        )
    }
    return [c for c in pool if c.case_id in facts and scope.admits(facts[c.case_id])]


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
    trigger: ThemeTrigger = ThemeTrigger.PRACTICE_PRIORITY
    trigger_detail: str = ""  # e.g. which national review, which figure
    scope_filter: ThematicScope = field(default_factory=ThematicScope)


@dataclass(frozen=True)
class ThematicRow:
    id: str
    theme: str
    lead: str
    starts_on: date
    reports_on: date
    form_key: str | None
    actions: int
    agreed: bool = False  # the lead head of service has agreed the terms of reference


@dataclass(frozen=True)
class ThematicActionRow:
    description: str
    owner: str
    due_on: date
    id: str = ""
    owner_id: str = ""
    status: ActionStatus = ActionStatus.OPEN
    overdue: bool = False


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
    agreed_by: str = ""  # who agreed the terms of reference ("": not yet agreed)
    agreed_at: datetime | None = None

    @property
    def agreed(self) -> bool:
        return self.agreed_at is not None


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
            session.flush()  # the parent row first: its terms refer to it
            scope = terms.scope_filter
            recorder.insert(
                m.ThematicTerms,
                thematic_id=row.id,
                trigger=terms.trigger.value,
                trigger_detail=terms.trigger_detail.strip(),
                legal_statuses=joined(scope.legal_statuses),
                service_ids=joined(scope.service_ids),
                team_ids=joined(scope.team_ids),
                age_bands=joined(b.value for b in scope.age_bands),
            )
            return row.id

    @writes(Change.PROGRAMME)
    def agree_terms(self, thematic_id: str, actor: Actor) -> None:
        """The lead head of service agrees the terms of reference (who and when are kept);
        until then no audit of the theme starts."""
        with self._store.session() as session:
            row = self._row(session, thematic_id)
            if actor.id != row.lead_id:
                raise PermissionRefused(
                    "The terms of reference are agreed by the lead head of service."
                )
            recorder = Recorder(session, actor.id, self._clock())
            extra = _terms(session, thematic_id)
            if extra is None:  # a thematic audit set up before terms were kept apart
                extra = recorder.insert(
                    m.ThematicTerms,
                    thematic_id=thematic_id,
                    trigger=ThemeTrigger.PRACTICE_PRIORITY.value,
                    trigger_detail="",
                    legal_statuses="",
                    service_ids="",
                    team_ids="",
                    age_bands="",
                )
            if extra.agreed_at is not None:
                return
            recorder.update(extra, agreed_by_id=actor.id, agreed_at=recorder.now)

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
        """Plan the theme's audits once the terms are agreed: ``count`` open cases in the
        theme's scope, stratified by service and team, on the theme's form, shared evenly among the audit's auditors (never their own team),
        due when the audit reports. They appear in each auditor's My work."""
        if not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused("Only the QA team can set up thematic audits.")
        with self._store.session() as session:
            row = self._row(session, thematic_id)
            if not row.form_key:
                raise ValidationError("Make the theme's form before drawing the sample.")
            extra = _terms(session, thematic_id)
            if extra is None or extra.agreed_at is None:
                raise ValidationError(
                    "The lead head of service agrees the terms of reference before the audits "
                    "start."
                )
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
            pool = _in_scope(session, candidates(session), _scope(extra))
            if not pool:
                raise ValidationError("No open case is in the theme's scope.")
            sample = draw_sample(pool, count, seed, row.starts_on, exclude_months=0)
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
    def add_action(
        self,
        thematic_id: str,
        description: str,
        due_on: date,
        actor: Actor,
        owner_id: str | None = None,
    ) -> str:
        """A line of the action plan, owned by ``owner_id`` (None: the lead head of service)."""
        if not description.strip():
            raise ValidationError("Say what the action is.")
        with self._store.session() as session:
            row = self._row(session, thematic_id)
            self._lead_or_qa(row, actor)
            owner = session.get(m.Person, owner_id or row.lead_id)
            if owner is None or not owner.active:
                raise ValidationError("Choose who owns the action.")
            recorder = Recorder(session, actor.id, self._clock())
            action = recorder.insert(
                m.ThematicAction,
                thematic_id=thematic_id,
                description=description.strip(),
                owner_id=owner.id,
                due_on=due_on,
                created_at=recorder.now,
            )
            return action.id

    @writes(Change.PROGRAMME)
    def set_action_status(self, action_id: str, status: ActionStatus, actor: Actor) -> None:
        """Move an action on; by its owner, the lead head of service or the QA team."""
        now = self._clock()
        with self._store.session() as session:
            action = session.get(m.ThematicAction, action_id)
            if action is None:
                raise ValidationError("That action is no longer in this store.")
            row = self._row(session, action.thematic_id)
            if not may_move_action(
                manages_programme=actor.can(Capability.MANAGE_PROGRAMME),
                is_owner=action.owner_id == actor.id,
                is_lead=row.lead_id == actor.id,
            ):
                raise PermissionRefused(
                    "Only the action's owner or the lead head of service can move it on."
                )
            recorder = Recorder(session, actor.id, now)
            completed = local_day(now) if status is ActionStatus.DONE else None
            progress = session.scalar(
                select(m.ThematicActionProgress).where(
                    m.ThematicActionProgress.action_id == action_id
                )
            )
            if progress is None:
                if status is not ActionStatus.OPEN:
                    recorder.insert(
                        m.ThematicActionProgress,
                        action_id=action_id,
                        status=status.value,
                        completed_on=completed,
                    )
            elif progress.status != status.value:
                recorder.update(progress, status=status.value, completed_on=completed)

    def list(self) -> tuple[ThematicRow, ...]:
        with self._store.reader() as session:
            names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
            counts: dict[str, int] = {}
            for (thematic_id,) in session.execute(select(m.ThematicAction.thematic_id)):
                counts[thematic_id] = counts.get(thematic_id, 0) + 1
            agreed = set(
                session.scalars(
                    select(m.ThematicTerms.thematic_id).where(
                        m.ThematicTerms.agreed_at.is_not(None)
                    )
                )
            )
            return tuple(
                ThematicRow(
                    t.id,
                    t.theme,
                    names.get(t.lead_id, ""),
                    t.starts_on,
                    t.reports_on,
                    t.form_key,
                    counts.get(t.id, 0),
                    t.id in agreed,
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
            on = today(self._clock)
            progress = dict(
                session.execute(
                    select(m.ThematicActionProgress.action_id, m.ThematicActionProgress.status)
                    .join(
                        m.ThematicAction,
                        m.ThematicAction.id == m.ThematicActionProgress.action_id,
                    )
                    .where(m.ThematicAction.thematic_id == thematic_id)
                ).all()
            )
            actions = tuple(
                ThematicActionRow(
                    a.description,
                    names.get(a.owner_id, ""),
                    a.due_on,
                    a.id,
                    a.owner_id,
                    ActionStatus(progress.get(a.id, ActionStatus.OPEN.value)),
                    action_overdue(
                        ActionStatus(progress.get(a.id, ActionStatus.OPEN.value)), a.due_on, on
                    ),
                )
                for a in session.scalars(
                    select(m.ThematicAction)
                    .where(m.ThematicAction.thematic_id == thematic_id)
                    .order_by(m.ThematicAction.due_on, m.ThematicAction.created_at)
                )
            )
            extra = _terms(session, thematic_id)
            states = self._audits(session, row.form_key) if row.form_key else []
            done = DONE_STATES
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
                    ThemeTrigger(extra.trigger) if extra else ThemeTrigger.PRACTICE_PRIORITY,
                    extra.trigger_detail if extra else "",
                    _scope(extra),
                ),
                names.get(row.lead_id, ""),
                tuple(names.get(a, "") for a in auditors),
                row.form_key,
                row.findings,
                actions,
                len([st for st in states if st != AuditState.CANCELLED.value]),
                len([st for st in states if st in done]),
                names.get(extra.agreed_by_id, "") if extra and extra.agreed_by_id else "",
                _aware(extra.agreed_at) if extra else None,
            )

    # -- the report ------------------------------------------------------------------------

    def report_data(self, thematic_id: str) -> ThematicReportData:
        """The theme's report: its terms, who agreed them, the sample, each question's answers
        in the audits completed so far, the findings and the action plan."""
        detail = self.detail(thematic_id)
        terms = detail.terms
        questions: list[ThematicQuestionLine] = []
        scope_words: list[str] = []
        with self._store.reader() as session:
            services = dict(session.execute(select(m.Service.id, m.Service.name)).all())
            teams = dict(session.execute(select(m.Team.id, m.Team.name)).all())
            scope = terms.scope_filter
            scope_words += [_legal_label(v) for v in sorted(scope.legal_statuses)]
            scope_words += sorted(services.get(v, "") for v in scope.service_ids)
            scope_words += sorted(teams.get(v, "") for v in scope.team_ids)
            scope_words += [b.label for b in AgeBand if b in scope.age_bands]
            if detail.form_key:
                version = session.execute(
                    select(m.FormVersion.id, m.FormVersion.source)
                    .join(m.Form, m.Form.id == m.FormVersion.form_id)
                    .where(m.Form.key == detail.form_key)
                    .order_by(m.FormVersion.version.desc())
                    .limit(1)
                ).first()
                if version is not None:
                    form = form_from_source(version[1], detail.form_key)
                    given: dict[str, list[Answer]] = defaultdict(list)
                    for question_id, value in session.execute(
                        select(m.Answer.question_id, m.Answer.value)
                        .join(m.Audit, m.Audit.id == m.Answer.audit_id)
                        .join(m.FormVersion, m.FormVersion.id == m.Audit.form_version_id)
                        .join(m.Form, m.Form.id == m.FormVersion.form_id)
                        .where(
                            m.Form.key == detail.form_key,
                            m.Audit.audit_type == AuditType.THEMATIC.value,
                            m.Audit.deleted_at.is_(None),
                            m.Audit.state.in_(DONE_STATES),
                            m.Answer.value.is_not(None),
                        )
                    ):
                        if value is None:  # never, by the query: for the type
                            continue
                        try:
                            given[question_id].append(Answer(value))
                        except ValueError:
                            continue  # a number or text: not counted as yes or no
                    for question in form.questions():
                        answers = given.get(question.id, [])
                        questions.append(
                            ThematicQuestionLine(
                                question.id,
                                question.text,
                                sum(a is Answer.YES for a in answers),
                                sum(a is Answer.PARTLY for a in answers),
                                sum(a is Answer.NO for a in answers),
                                sum(a is Answer.NA for a in answers),
                            )
                        )
        return ThematicReportData(
            theme=terms.theme,
            trigger=terms.trigger.label,
            trigger_detail=terms.trigger_detail,
            questions_to_answer=terms.questions_to_answer,
            scope=terms.scope,
            scope_filters=tuple(w for w in scope_words if w),
            sample=terms.sample,
            lead=detail.lead,
            auditors=detail.auditors,
            starts_on=terms.starts_on,
            reports_on=terms.reports_on,
            governance=terms.governance,
            agreed_by=detail.agreed_by,
            agreed_on=local_day(detail.agreed_at) if detail.agreed_at else None,
            audits_planned=detail.audits_planned,
            audits_completed=detail.audits_completed,
            questions=tuple(questions),
            findings=detail.findings,
            actions=tuple(
                ThematicActionLine(a.description, a.owner, a.due_on, a.status.label, a.overdue)
                for a in detail.actions
            ),
        )

    def export_report(self, thematic_id: str, path: Path) -> ExportedDocument:
        """Write the thematic report PDF to ``path`` (all or nothing)."""
        return write_pdf(path, build_thematic_report(self.report_data(thematic_id)))

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

"""The monthly learning cycle: plan a month (sample, assign, make planned audits with due
dates) and track completed against planned.

A planned audit is an assignment: it appears in the auditor's My work at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.calendar import is_working_day
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.published_settings import MONTHLY_TARGET
from qa_desktop.domain.references import audit_reference
from qa_desktop.domain.roles import Capability
from qa_desktop.domain.sampling import (
    DEFAULT_CAPACITY,
    DEFAULT_EXCLUDE_MONTHS,
    AuditorSlot,
    Candidate,
    assign,
    draw_sample,
)
from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import Caller, require
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock
from qa_desktop.services.published import read_setting
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.queries.audits import audit_date
from qa_desktop.store.recorder import Recorder

COMPLETION_AIM_PERCENT = 95.0
ROUTINE_FORM = "learning-audit"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DONE = (AuditState.SUBMITTED.value, AuditState.IN_MODERATION.value, AuditState.CLOSED.value)


@dataclass(frozen=True)
class PlanRequest:
    month: str  # YYYY-MM
    target: int
    seed: int
    exclude_months: int = DEFAULT_EXCLUDE_MONTHS


@dataclass(frozen=True)
class PlannedAudit:
    audit_id: str
    audit_reference: str
    case_reference: str
    team: str
    service: str
    auditor: str
    due_on: date


@dataclass(frozen=True)
class MonthPlan:
    month: str
    target: int
    seed: int
    audits: tuple[PlannedAudit, ...]


@dataclass(frozen=True)
class PlanProgress:
    month: str
    planned: int
    completed: int
    due_on: date

    @property
    def percent(self) -> float:
        return 100.0 * self.completed / self.planned if self.planned else 0.0

    @property
    def meets_aim(self) -> bool:
        return self.planned > 0 and self.percent >= COMPLETION_AIM_PERCENT


@dataclass(frozen=True)
class CapacityRow:
    person_id: str
    name: str
    team: str
    per_month: int
    planned_this_month: int


@dataclass(frozen=True)
class ProgrammeOverview:
    open_cases: int
    default_target: int
    plans: tuple[PlanProgress, ...]


def parse_month(text: str) -> date:
    """The first day of a month written YYYY-MM."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(
            "'{month}' is not a month: write it as YYYY-MM, e.g. 2026-12.", month=text
        )
    return date(int(match.group(1)), int(match.group(2)), 1)


def last_working_day(month_start: date) -> date:
    """The month's last working day: when its planned audits are due."""
    next_month = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1)
    day = next_month - timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def candidates(session: Session) -> list[Candidate]:
    """Every open case, with the date of its latest audit that is not cancelled."""
    latest = (
        select(m.Audit.case_id, func.max(audit_date()).label("last"))
        .where(m.Audit.deleted_at.is_(None), m.Audit.state != AuditState.CANCELLED.value)
        .group_by(m.Audit.case_id)
        .subquery()
    )
    stmt = (
        select(
            m.Case.id,
            m.Case.reference,
            m.Case.team_id,
            m.Team.name,
            m.Service.name,
            m.Case.practitioner_id,
            latest.c.last,
        )
        .join(m.Team, m.Case.team_id == m.Team.id)
        .join(m.Service, m.Team.service_id == m.Service.id)
        .outerjoin(latest, latest.c.case_id == m.Case.id)
        .where(m.Case.is_open.is_(True))
    )
    result = []
    for case_id, ref, team_id, team, service, practitioner, last in session.execute(stmt):
        if isinstance(last, str):  # SQLite returns max() of dates as text
            last = date.fromisoformat(last)
        result.append(Candidate(case_id, ref, team_id, team, service, practitioner, last))
    return result


def busy_in_month(session: Session, month_start: date) -> dict[str, int]:
    """Audits each auditor already has planned or in progress, due in the month."""
    return dict(
        session.execute(
            select(m.Audit.auditor_id, func.count())
            .where(
                m.Audit.deleted_at.is_(None),
                m.Audit.state.in_((AuditState.PLANNED.value, AuditState.IN_PROGRESS.value)),
                m.Audit.due_on.between(month_start, last_day(month_start)),
            )
            .group_by(m.Audit.auditor_id)
        ).all()
    )


def auditor_slots(session: Session, month_start: date) -> list[AuditorSlot]:
    """Active auditors and the room each has left in the month."""
    busy = busy_in_month(session, month_start)
    capacity = dict(
        session.execute(select(m.AuditorCapacity.person_id, m.AuditorCapacity.per_month)).all()
    )
    return [
        AuditorSlot(
            p.id,
            p.name,
            p.team_id,
            max(0, capacity.get(p.id, DEFAULT_CAPACITY) - busy.get(p.id, 0)),
        )
        for p in session.scalars(
            select(m.Person)
            .where(m.Person.is_auditor.is_(True), m.Person.active.is_(True))
            .order_by(m.Person.name, m.Person.id)
        )
    ]


def last_day(month_start: date) -> date:
    return (month_start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _routine_form_version(session: Session) -> str:
    version_id = session.scalar(
        select(m.FormVersion.id)
        .join(m.Form, m.FormVersion.form_id == m.Form.id)
        .where(m.Form.key == ROUTINE_FORM)
        .order_by(m.FormVersion.version.desc())
        .limit(1)
    )
    if version_id is None:
        raise ValidationError(
            "The learning audit form is not in this store, so no audits can be planned."
        )
    return version_id


class ProgrammeService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def overview(self) -> ProgrammeOverview:
        with self._store.reader() as session:
            open_cases = (
                session.scalar(
                    select(func.count()).select_from(m.Case).where(m.Case.is_open.is_(True))
                )
                or 0
            )
            target = read_setting(session, MONTHLY_TARGET)
            plans = tuple(self._progress(session))
        return ProgrammeOverview(open_cases, target, plans)

    def _progress(self, session: Session) -> list[PlanProgress]:
        stmt = (
            select(
                m.MonthlyPlan.month,
                func.count(m.Audit.id),
                func.count(m.Audit.id).filter(m.Audit.state.in_(_DONE)),
                func.max(m.Audit.due_on),
            )
            .join(m.PlanItem, m.PlanItem.plan_id == m.MonthlyPlan.id)
            .join(m.Audit, m.Audit.id == m.PlanItem.audit_id)
            .where(m.Audit.deleted_at.is_(None), m.Audit.state != AuditState.CANCELLED.value)
            .group_by(m.MonthlyPlan.month)
            .order_by(m.MonthlyPlan.month.desc())
        )
        result = []
        for month, planned, done, due in session.execute(stmt):
            if isinstance(due, str):
                due = date.fromisoformat(due)
            assert due is not None, "a planned audit is always made with its due date"
            result.append(PlanProgress(month, planned, done, due))
        return result

    @writes(Change.PROGRAMME | Change.AUDITS)
    def plan(self, request: PlanRequest, actor: Caller) -> MonthPlan:
        """Sample, assign and make the month's planned audits, in one transaction."""
        require(actor, Capability.MANAGE_PROGRAMME, "Only the QA team can plan the monthly cycle.")
        month_start = parse_month(request.month)
        if request.exclude_months < 0:
            raise ValidationError("The months to leave out cannot be negative.")
        month = month_start.strftime("%Y-%m")
        with self._store.session() as session:
            if session.scalar(select(m.MonthlyPlan.id).where(m.MonthlyPlan.month == month)):
                raise ValidationError(
                    "{month} has already been planned. Its audits are in the auditors' My work.",
                    month=month,
                )
            sample = draw_sample(
                candidates(session),
                request.target,
                request.seed,
                month_start,
                request.exclude_months,
            )
            assignments = assign(sample, auditor_slots(session, month_start), request.seed)
            version_id = _routine_form_version(session)
            due = last_working_day(month_start)
            recorder = Recorder(session, actor.id, self._clock())
            plan = recorder.insert(
                m.MonthlyPlan,
                month=month,
                target=request.target,
                seed=request.seed,
                exclude_months=request.exclude_months,
                created_by_id=actor.id,
                created_at=recorder.now,
            )
            session.flush()  # the parent row first: children refer to it
            made: list[PlannedAudit] = []
            for a in assignments:
                audit_id = m.new_id()
                audit = recorder.insert(
                    m.Audit,
                    id=audit_id,
                    reference=audit_reference(audit_id),
                    case_id=a.case.case_id,
                    form_version_id=version_id,
                    audit_type=AuditType.ROUTINE.value,
                    state=AuditState.PLANNED.value,
                    auditor_id=a.auditor.person_id,
                    practitioner_id=a.case.practitioner_id,
                    due_on=due,
                    created_at=recorder.now,
                )
                session.flush()
                recorder.insert(m.PlanItem, plan_id=plan.id, audit_id=audit.id)
                made.append(
                    PlannedAudit(
                        audit.id,
                        audit.reference,
                        a.case.reference,
                        a.case.team,
                        a.case.service,
                        a.auditor.name,
                        due,
                    )
                )
        made.sort(key=lambda a: (a.service, a.team, a.case_reference))
        return MonthPlan(month, request.target, request.seed, tuple(made))

    def planned_audits(self, month: str) -> tuple[PlannedAudit, ...]:
        """The audits a month's plan made, in the order they were drawn."""
        with self._store.reader() as session:
            stmt = (
                select(
                    m.Audit.id,
                    m.Audit.reference,
                    m.Case.reference,
                    m.Team.name,
                    m.Service.name,
                    m.Person.name,
                    m.Audit.due_on,
                )
                .join(m.PlanItem, m.PlanItem.audit_id == m.Audit.id)
                .join(m.MonthlyPlan, m.MonthlyPlan.id == m.PlanItem.plan_id)
                .join(m.Case, m.Case.id == m.Audit.case_id)
                .join(m.Team, m.Team.id == m.Case.team_id)
                .join(m.Service, m.Service.id == m.Team.service_id)
                .join(m.Person, m.Person.id == m.Audit.auditor_id)
                .where(m.MonthlyPlan.month == parse_month(month).strftime("%Y-%m"))
                .order_by(m.Service.name, m.Team.name, m.Case.reference)
            )
            audits = []
            for (
                audit_id,
                reference,
                case_reference,
                team,
                service,
                auditor,
                due_on,
            ) in session.execute(stmt):
                assert due_on is not None, "a planned audit is always made with its due date"
                audits.append(
                    PlannedAudit(
                        audit_id, reference, case_reference, team, service, auditor, due_on
                    )
                )
            return tuple(audits)

    def capacities(self, month: str) -> tuple[CapacityRow, ...]:
        """Every active auditor's monthly capacity and what is already planned for them."""
        month_start = parse_month(month)
        with self._store.reader() as session:
            slots = auditor_slots(session, month_start)
            busy = busy_in_month(session, month_start)
            capacity = dict(
                session.execute(
                    select(m.AuditorCapacity.person_id, m.AuditorCapacity.per_month)
                ).all()
            )
            teams = dict(session.execute(select(m.Team.id, m.Team.name)).all())
        rows = []
        for slot in slots:
            per_month = capacity.get(slot.person_id, DEFAULT_CAPACITY)
            rows.append(
                CapacityRow(
                    slot.person_id,
                    slot.name,
                    teams.get(slot.team_id or "", ""),
                    per_month,
                    busy.get(slot.person_id, 0),
                )
            )
        return tuple(rows)

    @writes(Change.PROGRAMME)
    def set_capacity(self, person_id: str, per_month: int, actor: Caller) -> None:
        require(actor, Capability.MANAGE_PROGRAMME, "Only the QA team can set auditors' capacity.")
        if per_month < 0:
            raise ValidationError("An auditor's capacity cannot be negative.")
        with self._store.session() as session:
            recorder = Recorder(session, actor.id, self._clock())
            row = session.scalar(
                select(m.AuditorCapacity).where(m.AuditorCapacity.person_id == person_id)
            )
            if row is None:
                recorder.insert(m.AuditorCapacity, person_id=person_id, per_month=per_month)
            else:
                recorder.update(row, per_month=per_month)


def plan_rows(plan: MonthPlan | Sequence[PlannedAudit]) -> list[tuple[str, str, str, str, str]]:
    """The plan as the CSV rows the command line prints (case_ref, team, service, auditor,
    due_on)."""
    audits = plan.audits if isinstance(plan, MonthPlan) else plan
    return [(a.case_reference, a.team, a.service, a.auditor, a.due_on.isoformat()) for a in audits]

"""The demo county's building blocks, shared by its audits (``county``) and the rest of its
programme (``programme``): the builder that collects rows, the people, teams and cases it
draws from, dates on working days, and some of the texts the records are written with."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from qa_desktop.domain.calendar import is_working_day
from qa_desktop.domain.forms import LegalStatus
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role
from qa_desktop.store import models as m

WORKING_WELL = (
    "The child's views are recorded in their own words and shape the plan.",
    "Visits are purposeful and linked to the plan's actions.",
    "The chronology is current and used to understand patterns of harm.",
    "Strong multi-agency working: school and health are active in the plan.",
    "The practitioner knows the child well and writes to the child.",
)


WORRIED = (
    "Drift between reviews: actions carried over without progress.",
    "The assessment lists incidents but does not analyse their impact.",
    "The child has not been seen alone in the period.",
    "Supervision records tasks but no reflection or analysis.",
    "The plan describes services rather than change for the child.",
)


@dataclass
class _Person:
    id: str
    name: str
    role: Role
    team_id: str | None
    service: str | None
    is_auditor: bool
    is_moderator: bool


@dataclass
class _Builder:
    rng: random.Random
    today: date
    now: datetime
    rows: dict[type[m.Base], list[dict[str, Any]]] = field(default_factory=dict)
    closed: list[_Done] = field(default_factory=list)  # closed routine audits, oldest first
    planned: list[str] = field(default_factory=list)  # ids of the audits planned for next

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model: type[m.Base], **values: Any) -> str:
        values.setdefault("id", self.uid())
        self.rows.setdefault(model, []).append(values)
        return str(values["id"])

    def pick(self, items: Sequence[Any]) -> Any:
        return items[self.rng.randrange(len(items))]


@dataclass
class _Team:
    id: str
    name: str
    area: str
    service: str
    manager: _Person | None = None
    practitioners: list[_Person] = field(default_factory=list)


@dataclass
class _Case:
    id: str
    reference: str
    status: LegalStatus
    unborn: bool
    team: _Team
    practitioner: _Person


@dataclass(frozen=True)
class _Done:
    """A closed routine audit, for the parts of the programme that hang off audits."""

    audit_id: str
    case: _Case
    auditor: _Person
    closed_on: date
    grade: Grade


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _on_or_before(day: date) -> date:
    """``day`` itself if it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _working_days_back(day: date, days: int) -> date:
    """The working day ``days`` working days before ``day`` (``day`` itself if 0)."""
    day = _on_or_before(day)
    for _ in range(days):
        day = _on_or_before(day - timedelta(days=1))
    return day


def _events(
    b: _Builder,
    audit_id: str,
    auditor: _Person,
    day: date,
    state: AuditState,
    submitted: date,
    closed_on: date | None,
    selected: bool,
) -> None:
    steps = [(AuditState.PLANNED, AuditState.IN_PROGRESS, day)]
    if state is not AuditState.IN_PROGRESS:
        steps.append((AuditState.IN_PROGRESS, AuditState.SUBMITTED, submitted))
        if selected:
            steps.append((AuditState.SUBMITTED, AuditState.IN_MODERATION, submitted))
        if closed_on:
            steps.append(
                (
                    AuditState.IN_MODERATION if selected else AuditState.SUBMITTED,
                    AuditState.CLOSED,
                    closed_on,
                )
            )
    for source, target, when in steps:
        b.add(
            m.AuditEvent,
            audit_id=audit_id,
            at=_at(when, 11),
            actor_id=auditor.id,
            from_state=source.value,
            to_state=target.value,
            reason="",
        )

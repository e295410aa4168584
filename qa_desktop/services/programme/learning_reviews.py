"""Learning reviews after significant events: the QA team sets one up (the event, its date,
the child's case, the review lead); the lead writes the findings in each practice area and
the learning, and agrees actions with an owner, a due date and a status; owners move their
actions on; the report is a PDF. Who may write what is in
:mod:`qa_desktop.domain.learning_reviews`.

A review is seen by the people who may see every audit (it is about a child's case) and by
its lead and its action owners; the lead and the owners find it in My work."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qa_desktop.domain.bttf import PRACTICE_AREAS
from qa_desktop.domain.learning_reviews import (
    ActionStatus,
    ReviewRights,
    action_overdue,
    may_move_action,
)
from qa_desktop.domain.roles import Capability
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.reports.learning_review import (
    LearningReviewData,
    ReviewActionLine,
    ReviewFindingLine,
    build_learning_review,
)
from qa_desktop.services.audit.documents import ExportedDocument
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, local_day, today
from qa_desktop.services.programme.documents import write_pdf
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

__all__ = [
    "PRACTICE_AREAS",
    "LearningReviewService",
    "ReviewActionRow",
    "ReviewDetail",
    "ReviewEntry",
    "ReviewRow",
]


@dataclass(frozen=True)
class ReviewEntry:
    event: str
    event_on: date
    case_reference: str
    lead_id: str


@dataclass(frozen=True)
class ReviewRow:
    id: str
    event_on: date
    case_reference: str
    team: str
    lead: str
    event: str
    open_actions: int
    overdue_actions: int
    completed_on: date | None


@dataclass(frozen=True)
class ReviewActionRow:
    id: str
    description: str
    owner_id: str
    owner: str
    due_on: date
    status: ActionStatus
    overdue: bool


@dataclass(frozen=True)
class ReviewDetail:
    id: str
    event: str
    event_on: date
    case_reference: str
    case_initials: str
    team: str
    service: str
    lead_id: str
    lead: str
    learning: str
    completed_on: date | None
    findings: dict[str, str]  # practice area -> what was found (every area present)
    actions: tuple[ReviewActionRow, ...]
    may_write: bool  # the person may write the findings, add actions and complete it


def _review(session: Session, review_id: str) -> m.LearningReview:
    row = session.get(m.LearningReview, review_id)
    if row is None or row.deleted_at is not None:
        raise ValidationError("That learning review is no longer in this store.")
    return row


def _rights(row: m.LearningReview, actor: Actor) -> ReviewRights:
    return ReviewRights(actor.can(Capability.MANAGE_PROGRAMME), row.lead_id == actor.id)


def _owns_an_action(session: Session, review_id: str, person_id: str) -> bool:
    return (
        session.scalar(
            select(m.LearningReviewAction.id).where(
                m.LearningReviewAction.review_id == review_id,
                m.LearningReviewAction.owner_id == person_id,
                m.LearningReviewAction.deleted_at.is_(None),
            )
        )
        is not None
    )


def _may_read(session: Session, row: m.LearningReview, actor: Actor) -> bool:
    return (
        actor.can(Capability.VIEW_ALL_AUDITS)
        or row.lead_id == actor.id
        or _owns_an_action(session, row.id, actor.id)
    )


class LearningReviewService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # -- writing ---------------------------------------------------------------------------

    @writes(Change.PROGRAMME)
    def create(self, entry: ReviewEntry, actor: Actor) -> str:
        if not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused("Only the QA team can set up learning reviews.")
        if not entry.event.strip():
            raise ValidationError("Say what the significant event was.")
        if entry.event_on > today(self._clock):
            raise ValidationError("The significant event cannot be in the future.")
        reference = entry.case_reference.strip()
        if not reference:
            raise ValidationError("Give the child's case reference.")
        with self._store.session() as session:
            case_id = session.scalar(select(m.Case.id).where(m.Case.reference == reference))
            if case_id is None:
                raise ValidationError(
                    "There is no case {reference} in this store.", reference=reference
                )
            lead = session.get(m.Person, entry.lead_id)
            if lead is None or not lead.active:
                raise ValidationError("Choose who leads the review.")
            recorder = Recorder(session, actor.id, self._clock())
            row = recorder.insert(
                m.LearningReview,
                event=entry.event.strip(),
                event_on=entry.event_on,
                case_id=case_id,
                lead_id=entry.lead_id,
                learning="",
                created_at=recorder.now,
            )
            return row.id

    @writes(Change.PROGRAMME)
    def save_findings(
        self, review_id: str, findings: Mapping[str, str], learning: str, actor: Actor
    ) -> None:
        """The findings in each practice area (an area left out is not changed) and the
        learning; by the review lead or the QA team."""
        unknown = [area for area in findings if area not in PRACTICE_AREAS]
        if unknown:
            raise ValidationError("{area} is not a practice area.", area=unknown[0])
        with self._store.session() as session:
            row = _review(session, review_id)
            if not _rights(row, actor).may_write_findings:
                raise PermissionRefused("The findings are written by the review lead.")
            if row.completed_on is not None:
                raise ValidationError("This review is completed; its findings no longer change.")
            recorder = Recorder(session, actor.id, self._clock())
            stored = {
                f.area: f
                for f in session.scalars(
                    select(m.LearningReviewFinding).where(
                        m.LearningReviewFinding.review_id == review_id
                    )
                )
            }
            for area, text in findings.items():
                text = text.strip()
                if area in stored:
                    recorder.update(stored[area], findings=text)
                elif text:
                    recorder.insert(
                        m.LearningReviewFinding, review_id=review_id, area=area, findings=text
                    )
            recorder.update(row, learning=learning.strip())

    @writes(Change.PROGRAMME)
    def add_action(
        self, review_id: str, description: str, owner_id: str, due_on: date, actor: Actor
    ) -> str:
        if not description.strip():
            raise ValidationError("Say what the action is.")
        with self._store.session() as session:
            row = _review(session, review_id)
            if not _rights(row, actor).may_add_actions:
                raise PermissionRefused("Actions are agreed by the review lead.")
            if row.completed_on is not None:
                raise ValidationError("This review is completed; add no more actions to it.")
            owner = session.get(m.Person, owner_id)
            if owner is None or not owner.active:
                raise ValidationError("Choose who owns the action.")
            recorder = Recorder(session, actor.id, self._clock())
            action = recorder.insert(
                m.LearningReviewAction,
                review_id=review_id,
                description=description.strip(),
                owner_id=owner_id,
                due_on=due_on,
                status=ActionStatus.OPEN.value,
                created_at=recorder.now,
            )
            return action.id

    @writes(Change.PROGRAMME)
    def set_action_status(self, action_id: str, status: ActionStatus, actor: Actor) -> None:
        """Move an action on; by its owner, the review lead or the QA team."""
        now = self._clock()
        with self._store.session() as session:
            action = session.get(m.LearningReviewAction, action_id)
            if action is None or action.deleted_at is not None:
                raise ValidationError("That action is no longer in this store.")
            row = _review(session, action.review_id)
            if not may_move_action(
                manages_programme=actor.can(Capability.MANAGE_PROGRAMME),
                is_owner=action.owner_id == actor.id,
                is_lead=row.lead_id == actor.id,
            ):
                raise PermissionRefused(
                    "Only the action's owner or the review lead can move it on."
                )
            if action.status == status.value:
                return
            Recorder(session, actor.id, now).update(
                action,
                status=status.value,
                completed_on=local_day(now) if status is ActionStatus.DONE else None,
            )

    @writes(Change.PROGRAMME)
    def complete(self, review_id: str, actor: Actor) -> None:
        """The lead completes the review once the learning is written (the report is no
        longer a draft; its actions go on being followed up)."""
        with self._store.session() as session:
            row = _review(session, review_id)
            if not _rights(row, actor).may_complete:
                raise PermissionRefused("The review is completed by its lead.")
            if row.completed_on is not None:
                return
            if not row.learning.strip():
                raise ValidationError("Write the learning before completing the review.")
            now = self._clock()
            Recorder(session, actor.id, now).update(row, completed_on=local_day(now))

    # -- reading ---------------------------------------------------------------------------

    def list(self, actor: Actor) -> tuple[ReviewRow, ...]:
        """The reviews the person may see, newest event first."""
        on = today(self._clock)
        with self._store.reader() as session:
            stmt = (
                select(m.LearningReview, m.Case.reference, m.Team.name, m.Person.name)
                .join(m.Case, m.Case.id == m.LearningReview.case_id)
                .join(m.Team, m.Team.id == m.Case.team_id)
                .join(m.Person, m.Person.id == m.LearningReview.lead_id)
                .where(m.LearningReview.deleted_at.is_(None))
                .order_by(m.LearningReview.event_on.desc(), m.Case.reference)
            )
            if not actor.can(Capability.VIEW_ALL_AUDITS):
                owned = select(m.LearningReviewAction.review_id).where(
                    m.LearningReviewAction.owner_id == actor.id,
                    m.LearningReviewAction.deleted_at.is_(None),
                )
                stmt = stmt.where(
                    or_(m.LearningReview.lead_id == actor.id, m.LearningReview.id.in_(owned))
                )
            reviews = session.execute(stmt).all()
            counts: dict[str, tuple[int, int]] = {}
            for review_id, status, due_on in session.execute(
                select(
                    m.LearningReviewAction.review_id,
                    m.LearningReviewAction.status,
                    m.LearningReviewAction.due_on,
                ).where(m.LearningReviewAction.deleted_at.is_(None))
            ):
                still_open, late = counts.get(review_id, (0, 0))
                state = ActionStatus(status)
                counts[review_id] = (
                    still_open + (state is not ActionStatus.DONE),
                    late + action_overdue(state, due_on, on),
                )
        return tuple(
            ReviewRow(
                r.id,
                r.event_on,
                case_ref,
                team,
                lead,
                r.event,
                *counts.get(r.id, (0, 0)),
                r.completed_on,
            )
            for r, case_ref, team, lead in reviews
        )

    def detail(self, review_id: str, actor: Actor) -> ReviewDetail:
        on = today(self._clock)
        with self._store.reader() as session:
            row = _review(session, review_id)
            if not _may_read(session, row, actor):
                raise PermissionRefused("This learning review is not one of yours.")
            case = session.get(m.Case, row.case_id)
            assert case is not None
            team = session.get(m.Team, case.team_id)
            service = session.get(m.Service, team.service_id) if team else None
            names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
            found = dict(
                session.execute(
                    select(m.LearningReviewFinding.area, m.LearningReviewFinding.findings).where(
                        m.LearningReviewFinding.review_id == review_id
                    )
                ).all()
            )
            actions = tuple(
                ReviewActionRow(
                    a.id,
                    a.description,
                    a.owner_id,
                    names.get(a.owner_id, ""),
                    a.due_on,
                    ActionStatus(a.status),
                    action_overdue(ActionStatus(a.status), a.due_on, on),
                )
                for a in session.scalars(
                    select(m.LearningReviewAction)
                    .where(
                        m.LearningReviewAction.review_id == review_id,
                        m.LearningReviewAction.deleted_at.is_(None),
                    )
                    .order_by(m.LearningReviewAction.due_on, m.LearningReviewAction.created_at)
                )
            )
            return ReviewDetail(
                id=row.id,
                event=row.event,
                event_on=row.event_on,
                case_reference=case.reference,
                case_initials=case.initials,
                team=team.name if team else "",
                service=service.name if service else "",
                lead_id=row.lead_id,
                lead=names.get(row.lead_id, ""),
                learning=row.learning,
                completed_on=row.completed_on,
                findings={area: found.get(area, "") for area in PRACTICE_AREAS},
                actions=actions,
                may_write=_rights(row, actor).may_write_findings and row.completed_on is None,
            )

    def report_data(self, review_id: str, actor: Actor) -> LearningReviewData:
        detail = self.detail(review_id, actor)
        return LearningReviewData(
            reference=f"LR {detail.event_on.isoformat()}",
            event=detail.event,
            event_on=detail.event_on,
            case_reference=detail.case_reference,
            case_initials=detail.case_initials,
            team=detail.team,
            service=detail.service,
            lead=detail.lead,
            learning=detail.learning,
            completed_on=detail.completed_on,
            findings=tuple(ReviewFindingLine(area, text) for area, text in detail.findings.items()),
            actions=tuple(
                ReviewActionLine(a.description, a.owner, a.due_on, a.status.label, a.overdue)
                for a in detail.actions
            ),
        )

    def export_report(self, review_id: str, path: Path, actor: Actor) -> ExportedDocument:
        """Write the review's PDF report to ``path`` (all or nothing)."""
        return write_pdf(path, build_learning_review(self.report_data(review_id, actor)))

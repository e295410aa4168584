"""My work: what is due from one person, and what is overdue: audits to do, audits to
moderate, reflective meetings to hold, re-audits due, the actions they own and, for team
managers and heads of service, live safeguarding escalations (services/escalations.py).

The QA team also sees, among its meetings, every meeting not yet signed off that is overdue
or is held by someone standing in for a vacant head of service post, so that none is left
without someone chasing it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.follow_up import is_overdue
from qa_desktop.domain.learning_reviews import ActionStatus, action_overdue
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.audit.escalations import escalations_for
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, local_day, today
from qa_desktop.services.followup.moderation import moderation_queue
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder


class WorkKind(StrEnum):
    AUDIT = "audit"
    MODERATION = "moderation"
    MEETING = "meeting"
    REAUDIT = "reaudit"
    ACTION = "action"
    ESCALATION = "escalation"
    # An audit of the person's own practice: open for their reflection, or signed off by the
    # auditor and waiting for theirs.
    WAITING = "waiting"
    # The programme's (see _programme): learning reviews led, and the programme actions owned.
    REVIEW = "review"
    REVIEW_ACTION = "review_action"
    THEMATIC_ACTION = "thematic_action"


@dataclass(frozen=True)
class WorkItem:
    kind: WorkKind
    id: str  # the audit, meeting or action
    audit_id: str | None  # the audit to open for it
    reference: str  # the audit's reference
    case_reference: str
    team: str
    state: AuditState | None  # of an audit to do
    description: str  # what an action asks; why an audit is in moderation (a reason value);
    # an escalation's details
    due_on: date | None
    overdue: bool
    raised_by: str = ""  # an escalation's: who ticked it
    raised_at: datetime | None = None  # an escalation's: when (None: not recorded)
    held_by: str = ""  # a meeting's: who holds it
    stands_in: bool = False  # a meeting's: held by a stand-in for a vacant head of service
    own: bool = True  # a meeting's: this person holds it (False: the QA team watches it)
    parent_id: str = ""  # a programme item's: the learning review or thematic audit
    status: str = ""  # a programme action's: an ActionStatus value


@dataclass(frozen=True)
class MyWork:
    on: date
    audits: tuple[WorkItem, ...]  # planned and in progress, re-audits included
    moderation: tuple[WorkItem, ...]
    meetings: tuple[WorkItem, ...]
    reaudits: tuple[WorkItem, ...]  # the re-audits among ``audits``
    actions: tuple[WorkItem, ...]
    escalations: tuple[WorkItem, ...] = ()  # newest first
    # Learning reviews the person leads and not yet completed, and the learning review and
    # thematic actions they own and not yet done.
    programme: tuple[WorkItem, ...] = ()
    # Audits of the person's practice: in progress (their reflection is welcome) or submitted
    # and waiting for their sign-off, the sign-offs first.
    waiting: tuple[WorkItem, ...] = ()

    @property
    def signoffs(self) -> tuple[WorkItem, ...]:
        """The audits waiting for the person's sign-off (a reflection is welcome, not due)."""
        return tuple(i for i in self.waiting if i.state is AuditState.SUBMITTED)

    @property
    def count(self) -> int:
        """How many things are due (a re-audit counts once, among the audits; of the audits
        waiting for the practitioner, only the sign-offs)."""
        return (
            len(self.signoffs)
            + len(self.audits)
            + len(self.moderation)
            + len(self.meetings)
            + len(self.actions)
            + len(self.escalations)
            + len(self.programme)
        )

    @property
    def overdue(self) -> int:
        items = self.audits + self.moderation + self.meetings + self.actions + self.programme
        return sum(item.overdue for item in items)


def _by_due(items: list[WorkItem]) -> tuple[WorkItem, ...]:
    return tuple(sorted(items, key=lambda i: (i.due_on or date.max, i.reference)))


class MyWorkService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    @writes(Change.ACTIONS)
    def complete_action(self, action_id: str, actor: Actor) -> None:
        """The owner marks an action done (today)."""
        now = self._clock()
        with self._store.session() as session:
            action = session.get(m.Action, action_id)
            if action is None or action.deleted_at is not None:
                raise ValidationError("That action is no longer in this store.")
            if action.owner_id != actor.id:
                raise PermissionRefused("Only the action's owner can mark it done.")
            if action.status == "done":
                return
            Recorder(session, actor.id, now).update(
                action, status="done", completed_on=local_day(now)
            )

    def for_person(self, actor: Actor) -> MyWork:
        on = today(self._clock)
        with self._store.reader() as session:
            audits = _audits(session, actor.id, on)
            moderation = _moderation(session, actor, on)
            meetings = _meetings(session, actor, on)
            actions = _actions(session, actor.id, on)
            escalations = _escalations(session, actor.id, on)
            programme = _programme(session, actor.id, on)
            waiting = _waiting(session, actor.id)
        return MyWork(
            on=on,
            audits=_by_due(audits),
            moderation=_by_due(moderation),
            meetings=_by_due(meetings),
            reaudits=_by_due([a for a in audits if a.kind is WorkKind.REAUDIT]),
            actions=_by_due(actions),
            escalations=tuple(escalations),
            programme=_by_due(programme),
            waiting=tuple(waiting),
        )


def _audits(session: Session, person_id: str, on: date) -> list[WorkItem]:
    rows = session.execute(
        select(m.Audit, m.Case.reference, m.Team.name)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .where(
            m.Audit.auditor_id == person_id,
            m.Audit.state.in_([AuditState.PLANNED.value, AuditState.IN_PROGRESS.value]),
            m.Audit.deleted_at.is_(None),
        )
    ).all()
    return [
        WorkItem(
            kind=WorkKind.REAUDIT
            if audit.audit_type == AuditType.REAUDIT.value
            else WorkKind.AUDIT,
            id=audit.id,
            audit_id=audit.id,
            reference=audit.reference,
            case_reference=case_ref,
            team=team,
            state=AuditState(audit.state),
            description="",
            due_on=audit.due_on,
            overdue=is_overdue(audit.due_on, on),
        )
        for audit, case_ref, team in rows
    ]


def _waiting(session: Session, person_id: str) -> list[WorkItem]:
    """Audits where the person is the practitioner (and not the auditor): submitted and not
    yet signed off by them first, then those in progress, each by reference."""
    rows = session.execute(
        select(m.Audit, m.Case.reference, m.Team.name)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .where(
            m.Audit.practitioner_id == person_id,
            m.Audit.auditor_id != person_id,
            m.Audit.deleted_at.is_(None),
            or_(
                m.Audit.state == AuditState.IN_PROGRESS.value,
                and_(
                    m.Audit.state == AuditState.SUBMITTED.value,
                    m.Audit.practitioner_signed_at.is_(None),
                ),
            ),
        )
    ).all()
    items = [
        WorkItem(
            kind=WorkKind.WAITING,
            id=audit.id,
            audit_id=audit.id,
            reference=audit.reference,
            case_reference=case_ref,
            team=team,
            state=AuditState(audit.state),
            description="",
            due_on=None,
            overdue=False,
        )
        for audit, case_ref, team in rows
    ]
    return sorted(items, key=lambda i: (i.state is not AuditState.SUBMITTED, i.reference))


def _moderation(session: Session, actor: Actor, on: date) -> list[WorkItem]:
    if not actor.can(Capability.MODERATE):
        return []
    return [
        WorkItem(
            kind=WorkKind.MODERATION,
            id=item.audit_id,
            audit_id=item.audit_id,
            reference=item.reference,
            case_reference=item.case_reference,
            team=item.team,
            state=AuditState.IN_MODERATION,
            description=item.reason.value,
            due_on=item.due_on,
            overdue=item.overdue,
        )
        for item in moderation_queue(session, on)
        if item.auditor_id != actor.id
    ]


def _meetings(session: Session, actor: Actor, on: date) -> list[WorkItem]:
    """The meetings the person holds; for the QA team also every one overdue or held by a
    stand-in."""
    watching = actor.can(Capability.MANAGE_PROGRAMME)
    stmt = (
        select(m.Meeting, m.Audit.reference, m.Case.reference, m.Team.name)
        .add_columns(m.Person.name, m.Person.role)
        .join(m.Audit, m.Meeting.audit_id == m.Audit.id)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .join(m.Person, m.Person.id == m.Meeting.head_of_service_id)
        .where(m.Meeting.signed_off_at.is_(None), m.Audit.deleted_at.is_(None))
    )
    if not watching:
        stmt = stmt.where(m.Meeting.head_of_service_id == actor.id)
    items = []
    for meeting, audit_ref, case_ref, team, owner, owner_role in session.execute(stmt):
        own = meeting.head_of_service_id == actor.id
        overdue = is_overdue(meeting.due_on, on)
        stands_in = owner_role != Role.HEAD_OF_SERVICE.value
        if not (own or overdue or stands_in):
            continue
        items.append(
            WorkItem(
                kind=WorkKind.MEETING,
                id=meeting.id,
                audit_id=meeting.audit_id,
                reference=audit_ref,
                case_reference=case_ref,
                team=team,
                state=None,
                description="",
                due_on=meeting.due_on,
                overdue=overdue,
                held_by=owner,
                stands_in=stands_in,
                own=own,
            )
        )
    return items


def _actions(session: Session, person_id: str, on: date) -> list[WorkItem]:
    rows = session.execute(
        select(m.Action, m.Audit.id, m.Audit.reference, m.Case.reference, m.Team.name)
        .outerjoin(m.Meeting, m.Action.meeting_id == m.Meeting.id)
        .outerjoin(m.Audit, m.Audit.id == func.coalesce(m.Action.audit_id, m.Meeting.audit_id))
        .outerjoin(m.Case, m.Audit.case_id == m.Case.id)
        .outerjoin(m.Team, m.Case.team_id == m.Team.id)
        .where(
            m.Action.owner_id == person_id,
            m.Action.status != "done",
            m.Action.deleted_at.is_(None),
        )
    ).all()
    return [
        WorkItem(
            kind=WorkKind.ACTION,
            id=action.id,
            audit_id=audit_id,
            reference=audit_ref or "",
            case_reference=case_ref or "",
            team=team or "",
            state=None,
            description=action.description,
            due_on=action.due_on,
            overdue=is_overdue(action.due_on, on),
        )
        for action, audit_id, audit_ref, case_ref, team in rows
    ]


def _escalations(session: Session, person_id: str, on: date) -> list[WorkItem]:
    return [
        WorkItem(
            kind=WorkKind.ESCALATION,
            id=escalation.audit_id,
            audit_id=escalation.audit_id,
            reference=escalation.reference,
            case_reference=escalation.case_reference,
            team=escalation.team,
            state=escalation.state,
            description=escalation.note,
            due_on=None,
            overdue=False,
            raised_by=escalation.raised_by,
            raised_at=escalation.raised_at,
        )
        for escalation in escalations_for(session, person_id, on)
    ]


def _programme(session: Session, person_id: str, on: date) -> list[WorkItem]:
    """Learning reviews the person leads (not completed), and the learning review and
    thematic actions they own (not done)."""
    items: list[WorkItem] = []
    for review, case_ref, team in session.execute(
        select(m.LearningReview, m.Case.reference, m.Team.name)
        .join(m.Case, m.Case.id == m.LearningReview.case_id)
        .join(m.Team, m.Team.id == m.Case.team_id)
        .where(
            m.LearningReview.lead_id == person_id,
            m.LearningReview.completed_on.is_(None),
            m.LearningReview.deleted_at.is_(None),
        )
    ):
        items.append(
            WorkItem(
                kind=WorkKind.REVIEW,
                id=review.id,
                audit_id=None,
                reference="",
                case_reference=case_ref,
                team=team,
                state=None,
                description=review.event,
                due_on=None,
                overdue=False,
                parent_id=review.id,
            )
        )
    for action, case_ref, team in session.execute(
        select(m.LearningReviewAction, m.Case.reference, m.Team.name)
        .join(m.LearningReview, m.LearningReview.id == m.LearningReviewAction.review_id)
        .join(m.Case, m.Case.id == m.LearningReview.case_id)
        .join(m.Team, m.Team.id == m.Case.team_id)
        .where(
            m.LearningReviewAction.owner_id == person_id,
            m.LearningReviewAction.status != ActionStatus.DONE.value,
            m.LearningReviewAction.deleted_at.is_(None),
            m.LearningReview.deleted_at.is_(None),
        )
    ):
        status = ActionStatus(action.status)
        items.append(
            WorkItem(
                kind=WorkKind.REVIEW_ACTION,
                id=action.id,
                audit_id=None,
                reference="",
                case_reference=case_ref,
                team=team,
                state=None,
                description=action.description,
                due_on=action.due_on,
                overdue=action_overdue(status, action.due_on, on),
                parent_id=action.review_id,
                status=status.value,
            )
        )
    for thematic_action, theme, progress in session.execute(
        select(m.ThematicAction, m.ThematicAudit.theme, m.ThematicActionProgress.status)
        .join(m.ThematicAudit, m.ThematicAudit.id == m.ThematicAction.thematic_id)
        .outerjoin(
            m.ThematicActionProgress, m.ThematicActionProgress.action_id == m.ThematicAction.id
        )
        .where(m.ThematicAction.owner_id == person_id)
    ):
        status = ActionStatus(progress or ActionStatus.OPEN.value)
        if status is ActionStatus.DONE:
            continue
        items.append(
            WorkItem(
                kind=WorkKind.THEMATIC_ACTION,
                id=thematic_action.id,
                audit_id=None,
                reference=theme,
                case_reference="",
                team="",
                state=None,
                description=thematic_action.description,
                due_on=thematic_action.due_on,
                overdue=action_overdue(status, thematic_action.due_on, on),
                parent_id=thematic_action.thematic_id,
                status=status.value,
            )
        )
    return items

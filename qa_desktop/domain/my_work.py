"""My work's rules: what is due from one person, and what is overdue (plain data, no SQL).

The store's reader (``store/queries/my_work.py``) hands over the candidate rows of one person
(their audits, the moderation queue, open meetings, their actions, escalations and programme
items); :func:`my_work` decides what counts as theirs, what is due and what is overdue. The
service and the quick start both read My work through it, so each rule is written once.

The QA team also sees, among its meetings, every meeting not yet signed off that is overdue
or is held by someone standing in for a vacant head of service post, so that none is left
without someone chasing it.

Live safeguarding escalations go straight to the child's team manager and to the head of
service of the team's service (in its area, where the head leads one area), as soon as the
auditor ticks one in the workspace (the tick saves at once; sign-off is not needed). There is
no field to acknowledge one (that needs a schema change), so My work lists every escalation
of an audit not yet closed or cancelled and, after that, for :data:`ESCALATION_RECENT_DAYS`
days from when it was raised, so that one raised just before the audit closed is still seen.
Unticking takes it off at once. Who raised it and when come from the audit's history (pulled
changes keep their own author and time there); where the history holds no tick (seed or
imported records), the audit's auditor is named and the time is unknown.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.calendar import local_day
from qa_desktop.domain.follow_up import is_overdue, moderation_due_on
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.learning_reviews import ActionStatus, action_overdue
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.moderation import SelectionReason, moderation_reason
from qa_desktop.domain.people import Actor
from qa_desktop.domain.roles import Capability, Role

# An escalation of an audit in one of these states shows only for this many days after it
# was raised.
ESCALATION_RECENT_DAYS = 30
FINISHED = frozenset({AuditState.CLOSED, AuditState.CANCELLED})
TO_DO = frozenset({AuditState.PLANNED, AuditState.IN_PROGRESS})


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
    # The programme's: learning reviews led, and the programme actions owned.
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


# -- the rows the store hands over (one person's candidates) ---------------------------------


@dataclass(frozen=True)
class AuditRow:
    """An audit the person is the auditor or the practitioner of."""

    id: str
    reference: str
    case_reference: str
    team: str
    state: AuditState
    audit_type: str
    due_on: date | None
    auditor_id: str
    practitioner_id: str | None
    practitioner_signed: bool
    deleted: bool


@dataclass(frozen=True)
class QueuedRow:
    """An audit in moderation, with what its selection reason is decided from."""

    id: str
    reference: str
    case_reference: str
    team: str
    auditor_id: str
    submitted_on: date | None
    entry_reason: str | None  # the queue entry's (added by hand, or recorded at submission)
    overall_grade: Grade | None
    disputed: bool
    area_grades: tuple[Grade | None, ...]


@dataclass(frozen=True)
class MeetingRow:
    id: str
    audit_id: str
    reference: str
    case_reference: str
    team: str
    due_on: date
    head_id: str
    head_name: str
    head_role: Role
    signed_off: bool
    audit_deleted: bool


@dataclass(frozen=True)
class ActionRow:
    id: str
    audit_id: str | None
    reference: str
    case_reference: str
    team: str
    description: str
    due_on: date
    status: str
    deleted: bool


@dataclass(frozen=True)
class HistoryTick:
    """One history row that may tick an audit's escalation (oldest first)."""

    audit_id: str
    at: datetime
    field: str  # "escalation", or "*" for the audit's insert
    new_value: str | None
    actor_name: str | None


@dataclass(frozen=True)
class EscalationRow:
    """An audit with its escalation ticked, in the team or service the person receives."""

    audit_id: str
    reference: str
    case_reference: str
    team: str
    state: AuditState
    auditor_name: str
    note: str


@dataclass(frozen=True)
class ReviewRow:
    id: str
    case_reference: str
    team: str
    event: str
    completed: bool
    deleted: bool


@dataclass(frozen=True)
class ReviewActionRow:
    id: str
    review_id: str
    case_reference: str
    team: str
    description: str
    due_on: date
    status: ActionStatus
    deleted: bool
    review_deleted: bool


@dataclass(frozen=True)
class ThematicActionRow:
    id: str
    thematic_id: str
    theme: str
    description: str
    due_on: date
    status: ActionStatus  # open where no progress is recorded


@dataclass(frozen=True)
class MyWorkRows:
    audits: tuple[AuditRow, ...] = ()
    queue: tuple[QueuedRow, ...] = ()
    meetings: tuple[MeetingRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    escalations: tuple[EscalationRow, ...] = ()
    ticks: tuple[HistoryTick, ...] = ()
    reviews: tuple[ReviewRow, ...] = ()
    review_actions: tuple[ReviewActionRow, ...] = ()
    thematic_actions: tuple[ThematicActionRow, ...] = ()
    share_percent: float = 15.0  # the published moderation share and seed
    seed: int = 2026


def receives_escalations(role: Role) -> bool:
    """Escalations go to the child's team manager and the head of service."""
    return role in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE)


def queue_reason(
    entry_reason: str | None,
    audit_id: str,
    overall: Grade | None,
    *,
    disputed: bool,
    area_grades: Iterable[Grade | None],
    share_percent: float,
    seed: int,
) -> SelectionReason:
    """Why an audit is in moderation: its queue entry's reason (added by hand, or recorded
    at submission); else the selection rules'; an audit no fixed rule explains came by the
    random share (under the share or seed of its day, or an older store's draw)."""
    if entry_reason:
        return SelectionReason(entry_reason)
    reason = moderation_reason(
        audit_id,
        overall,
        disputed=disputed,
        share_percent=share_percent,
        seed=seed,
        area_grades=area_grades,
    )
    return reason or SelectionReason.RANDOM_SHARE


def escalation_raised(ticks: Iterable[HistoryTick]) -> dict[str, tuple[str | None, datetime]]:
    """For each audit, who last ticked the escalation and when: an update of the field, or
    the audit's insert with it ticked (an audit first pulled ticked). The latest tick wins."""
    raised: dict[str, tuple[str | None, datetime]] = {}
    for tick in ticks:
        if tick.field == "escalation":
            ticked = tick.new_value == "true"
        else:
            ticked = _inserted_ticked(tick.new_value)
        if ticked:
            raised[tick.audit_id] = (tick.actor_name, tick.at)
    return raised


def _inserted_ticked(snapshot: str | None) -> bool:
    try:
        values = json.loads(snapshot) if snapshot else None
    except ValueError:
        return False
    return isinstance(values, dict) and values.get("escalation") is True


def _by_due(items: Iterable[WorkItem]) -> tuple[WorkItem, ...]:
    return tuple(sorted(items, key=lambda i: (i.due_on or date.max, i.reference)))


def my_work(actor: Actor, on: date, rows: MyWorkRows) -> MyWork:
    """What is due from ``actor`` on ``on``, from the candidate rows the store read."""
    me = actor.id
    live = [a for a in rows.audits if not a.deleted]
    audits = [
        WorkItem(
            kind=WorkKind.REAUDIT if a.audit_type == AuditType.REAUDIT.value else WorkKind.AUDIT,
            id=a.id,
            audit_id=a.id,
            reference=a.reference,
            case_reference=a.case_reference,
            team=a.team,
            state=a.state,
            description="",
            due_on=a.due_on,
            overdue=is_overdue(a.due_on, on),
        )
        for a in live
        if a.auditor_id == me and a.state in TO_DO
    ]
    return MyWork(
        on=on,
        audits=_by_due(audits),
        moderation=_by_due(_moderation(actor, on, rows)),
        meetings=_by_due(_meetings(actor, on, rows.meetings)),
        reaudits=_by_due(a for a in audits if a.kind is WorkKind.REAUDIT),
        actions=_by_due(_actions(on, rows.actions)),
        escalations=_escalations(on, rows),
        programme=_by_due(_programme(on, rows)),
        waiting=_waiting(me, live),
    )


def _waiting(me: str, audits: list[AuditRow]) -> tuple[WorkItem, ...]:
    """Audits where the person is the practitioner (and not the auditor): submitted and not
    yet signed off by them first, then those in progress, each by reference."""
    items = [
        WorkItem(
            kind=WorkKind.WAITING,
            id=a.id,
            audit_id=a.id,
            reference=a.reference,
            case_reference=a.case_reference,
            team=a.team,
            state=a.state,
            description="",
            due_on=None,
            overdue=False,
        )
        for a in audits
        if a.practitioner_id == me
        and a.auditor_id != me
        and (
            a.state is AuditState.IN_PROGRESS
            or (a.state is AuditState.SUBMITTED and not a.practitioner_signed)
        )
    ]
    return tuple(sorted(items, key=lambda i: (i.state is not AuditState.SUBMITTED, i.reference)))


def _moderation(actor: Actor, on: date, rows: MyWorkRows) -> list[WorkItem]:
    """The moderation queue, for moderators, less their own audits."""
    if not actor.can(Capability.MODERATE):
        return []
    items = []
    for q in rows.queue:
        if q.auditor_id == actor.id:
            continue
        due = moderation_due_on(q.submitted_on) if q.submitted_on else None
        items.append(
            WorkItem(
                kind=WorkKind.MODERATION,
                id=q.id,
                audit_id=q.id,
                reference=q.reference,
                case_reference=q.case_reference,
                team=q.team,
                state=AuditState.IN_MODERATION,
                description=queue_reason(
                    q.entry_reason,
                    q.id,
                    q.overall_grade,
                    disputed=q.disputed,
                    area_grades=q.area_grades,
                    share_percent=rows.share_percent,
                    seed=rows.seed,
                ).value,
                due_on=due,
                overdue=is_overdue(due, on),
            )
        )
    return items


def _meetings(actor: Actor, on: date, meetings: Iterable[MeetingRow]) -> list[WorkItem]:
    """The meetings the person holds; for the QA team also every one overdue or held by a
    stand-in."""
    watching = actor.can(Capability.MANAGE_PROGRAMME)
    items = []
    for meeting in meetings:
        if meeting.signed_off or meeting.audit_deleted:
            continue
        own = meeting.head_id == actor.id
        overdue = is_overdue(meeting.due_on, on)
        stands_in = meeting.head_role is not Role.HEAD_OF_SERVICE
        if not (own or (watching and (overdue or stands_in))):
            continue
        items.append(
            WorkItem(
                kind=WorkKind.MEETING,
                id=meeting.id,
                audit_id=meeting.audit_id,
                reference=meeting.reference,
                case_reference=meeting.case_reference,
                team=meeting.team,
                state=None,
                description="",
                due_on=meeting.due_on,
                overdue=overdue,
                held_by=meeting.head_name,
                stands_in=stands_in,
                own=own,
            )
        )
    return items


def _actions(on: date, actions: Iterable[ActionRow]) -> list[WorkItem]:
    return [
        WorkItem(
            kind=WorkKind.ACTION,
            id=a.id,
            audit_id=a.audit_id,
            reference=a.reference,
            case_reference=a.case_reference,
            team=a.team,
            state=None,
            description=a.description,
            due_on=a.due_on,
            overdue=is_overdue(a.due_on, on),
        )
        for a in actions
        if a.status != ActionStatus.DONE.value and not a.deleted
    ]


def _escalations(on: date, rows: MyWorkRows) -> tuple[WorkItem, ...]:
    """Every escalation of an audit not yet closed or cancelled and, after that, for
    :data:`ESCALATION_RECENT_DAYS` days from when it was raised; newest first (those whose
    time is not recorded last)."""
    raised = escalation_raised(rows.ticks)
    since = on - timedelta(days=ESCALATION_RECENT_DAYS)
    items = []
    for row in rows.escalations:
        by, at = raised.get(row.audit_id, (None, None))
        if row.state in FINISHED and (at is None or local_day(at) < since):
            continue
        items.append(
            WorkItem(
                kind=WorkKind.ESCALATION,
                id=row.audit_id,
                audit_id=row.audit_id,
                reference=row.reference,
                case_reference=row.case_reference,
                team=row.team,
                state=row.state,
                description=row.note,
                due_on=None,
                overdue=False,
                raised_by=by or row.auditor_name,
                raised_at=at,
            )
        )
    items.sort(key=lambda i: (i.raised_at is not None, i.raised_at), reverse=True)
    return tuple(items)


def _programme(on: date, rows: MyWorkRows) -> list[WorkItem]:
    """Learning reviews the person leads (not completed), and the learning review and
    thematic actions they own (not done)."""
    items = [
        WorkItem(
            kind=WorkKind.REVIEW,
            id=r.id,
            audit_id=None,
            reference="",
            case_reference=r.case_reference,
            team=r.team,
            state=None,
            description=r.event,
            due_on=None,
            overdue=False,
            parent_id=r.id,
        )
        for r in rows.reviews
        if not (r.completed or r.deleted)
    ]
    items += [
        WorkItem(
            kind=WorkKind.REVIEW_ACTION,
            id=a.id,
            audit_id=None,
            reference="",
            case_reference=a.case_reference,
            team=a.team,
            state=None,
            description=a.description,
            due_on=a.due_on,
            overdue=action_overdue(a.status, a.due_on, on),
            parent_id=a.review_id,
            status=a.status.value,
        )
        for a in rows.review_actions
        if a.status is not ActionStatus.DONE and not (a.deleted or a.review_deleted)
    ]
    items += [
        WorkItem(
            kind=WorkKind.THEMATIC_ACTION,
            id=t.id,
            audit_id=None,
            reference=t.theme,
            case_reference="",
            team="",
            state=None,
            description=t.description,
            due_on=t.due_on,
            overdue=action_overdue(t.status, t.due_on, on),
            parent_id=t.thematic_id,
            status=t.status.value,
        )
        for t in rows.thematic_actions
        if t.status is not ActionStatus.DONE
    ]
    return items

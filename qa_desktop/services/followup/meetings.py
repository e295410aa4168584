"""Reflective meetings after a confirmed Inadequate grade: the notes (date, attendees,
barriers and challenges, the child's lived experience), the SMART actions agreed, the head of
service's sign-off, and the re-audit.

The re-audit is planned as soon as the meeting is recorded as held (not only at sign-off),
due N weeks after the meeting (moved to the next working day where the published setting
says so); a later change of the meeting date moves a re-audit not yet started. Whoever holds
the meeting (the head of service, or the person standing in for a vacant post) records it and
signs it off; the QA team may record it too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.follow_up import is_overdue, reaudit_due_on
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.published_settings import REAUDIT_ON_WORKING_DAY, REAUDIT_WEEKS
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.audit.documents import DocumentService
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, local_day, today
from qa_desktop.services.followup.reaudits import ReauditOutcomeView, create_reaudit, outcomes_for
from qa_desktop.services.published import read_setting
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

__all__ = [
    "ActionDraft",
    "MeetingAction",
    "MeetingDetail",
    "MeetingNotes",
    "MeetingRow",
    "MeetingService",
]


@dataclass(frozen=True)
class MeetingRow:
    id: str
    audit_id: str
    audit_reference: str
    case_reference: str
    team: str
    head_of_service_id: str
    head_of_service: str
    auditor: str
    due_on: date
    held_on: date | None
    signed_off: bool
    overdue: bool
    reaudit_due_on: date | None
    reaudit: ReauditOutcomeView | None
    stands_in: bool = False  # held by someone other than a head of service (a vacant post)


@dataclass(frozen=True)
class MeetingAction:
    id: str
    description: str
    owner_id: str
    owner: str
    due_on: date
    status: str


@dataclass(frozen=True)
class MeetingDetail:
    row: MeetingRow
    attendees: str
    barriers: str
    lived_experience: str
    actions: tuple[MeetingAction, ...]


@dataclass(frozen=True)
class ActionDraft:
    """A SMART action agreed at the meeting: what, who, by when."""

    description: str
    owner_id: str | None
    due_on: date | None


@dataclass(frozen=True)
class MeetingNotes:
    held_on: date | None
    attendees: str
    barriers: str
    lived_experience: str
    new_actions: tuple[ActionDraft, ...] = ()


class MeetingService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def meetings(self, actor: Actor) -> list[MeetingRow]:
        """The meetings this person holds (every meeting for those who see all audits)."""
        with self._store.reader() as session:
            owner = None if actor.can(Capability.VIEW_ALL_AUDITS) else actor.id
            if actor.can(Capability.HOLD_MEETINGS) and not actor.can(Capability.MANAGE_PROGRAMME):
                owner = actor.id
            return _rows(session, today(self._clock), head_id=owner)

    def detail(self, meeting_id: str) -> MeetingDetail:
        with self._store.reader() as session:
            return _detail(session, meeting_id, today(self._clock))

    @writes(Change.MEETINGS | Change.ACTIONS | Change.AUDITS)
    def save(
        self, meeting_id: str, notes: MeetingNotes, actor: Actor, *, sign_off: bool = False
    ) -> MeetingDetail:
        """Record the meeting's notes and new actions; ``sign_off`` also signs it off and makes
        the re-audit fall due. Nothing is written unless all of it is valid."""
        now = self._clock()
        on = local_day(now)
        with self._store.session() as session:
            meeting = session.get(m.Meeting, meeting_id)
            if meeting is None:
                raise ValidationError("That meeting is no longer in this store.")
            _check_may_record(meeting, actor, sign_off=sign_off)
            _check_notes(notes, on)
            recorder = Recorder(session, actor.id, now)
            recorder.update(
                meeting,
                held_on=notes.held_on,
                attendees=notes.attendees.strip(),
                barriers=notes.barriers.strip(),
                lived_experience=notes.lived_experience.strip(),
            )
            for draft in notes.new_actions:
                recorder.insert(
                    m.Action,
                    meeting_id=meeting.id,
                    description=draft.description.strip(),
                    owner_id=draft.owner_id,
                    due_on=draft.due_on,
                    status="open",
                    created_at=now,
                )
            session.flush()
            plan_reaudit(recorder, meeting)
            if sign_off:
                _sign_off(recorder, meeting)
            session.flush()
            return _detail(session, meeting.id, on)

    def export_notes(self, meeting_id: str, path: Path, actor: Actor) -> Path:
        """The meeting's notes as a PDF at ``path``, in the common document style."""
        row = self.detail(meeting_id).row
        if not actor.can(Capability.VIEW_ALL_AUDITS) and row.head_of_service_id != actor.id:
            raise PermissionRefused("You can export only the meetings you hold.")
        return DocumentService(self._store).export_meeting(row.audit_id, path, actor).path


def _check_may_record(meeting: m.Meeting, actor: Actor, *, sign_off: bool) -> None:
    if meeting.signed_off_at is not None:
        raise ValidationError(
            "This meeting has been signed off; its notes can no longer be changed."
        )
    own = meeting.head_of_service_id == actor.id
    if sign_off and not own:
        raise PermissionRefused(
            "Only the head of service who holds the meeting (or the person standing in for "
            "the post) can sign it off."
        )
    if not own and not actor.can(Capability.MANAGE_PROGRAMME):
        raise PermissionRefused(
            "Only the head of service who holds the meeting (or the QA team) can record it."
        )


def _check_notes(notes: MeetingNotes, on: date) -> None:
    if notes.held_on is None:
        raise ValidationError("Give the date the meeting was held.")
    if notes.held_on > on:
        raise ValidationError(
            "The meeting date {held} is in the future: record the meeting once it has been held.",
            held=notes.held_on.strftime("%d %b %Y"),
        )
    if not notes.attendees.strip():
        raise ValidationError("List who attended the meeting.")
    for number, draft in enumerate(notes.new_actions, start=1):
        if not draft.description.strip():
            raise ValidationError("Action {number}: say what is to be done.", number=number)
        if not draft.owner_id:
            raise ValidationError("Action {number}: choose who owns it.", number=number)
        if draft.due_on is None:
            raise ValidationError("Action {number}: give the date it is due.", number=number)
        if draft.due_on < on:
            raise ValidationError(
                "Action {number} is due on {due}, which is in the past: give a date from today on.",
                number=number,
                due=draft.due_on.strftime("%d %b %Y"),
            )


def _sign_off(recorder: Recorder, meeting: m.Meeting) -> None:
    session = recorder.session
    has_action = session.scalar(
        select(m.Action.id).where(m.Action.meeting_id == meeting.id, m.Action.deleted_at.is_(None))
    )
    if has_action is None:
        raise ValidationError("Agree at least one SMART action before signing the meeting off.")
    recorder.update(meeting, signed_off_at=recorder.now)


def plan_reaudit(recorder: Recorder, meeting: m.Meeting) -> m.Audit | None:
    """Once the meeting has been held, its re-audit is planned (once), due N weeks later on
    a working day (published settings); a re-audit not yet started follows a corrected
    meeting date."""
    if meeting.held_on is None:
        return None
    session = recorder.session
    due = reaudit_due_on(
        meeting.held_on,
        read_setting(session, REAUDIT_WEEKS),
        working_day=read_setting(session, REAUDIT_ON_WORKING_DAY),
    )
    if meeting.reaudit_due_on != due:
        recorder.update(meeting, reaudit_due_on=due)
    original = session.get(m.Audit, meeting.audit_id)
    assert original is not None
    reaudit = create_reaudit(recorder, original, due)
    if reaudit.state == AuditState.PLANNED.value and reaudit.due_on != due:
        recorder.update(reaudit, due_on=due)
    return reaudit


# -- queries -----------------------------------------------------------------------------------


def _rows(
    session: Session, on: date, *, head_id: str | None = None, meeting_id: str | None = None
) -> list[MeetingRow]:
    head, auditor = m.Person.__table__.alias("head"), m.Person.__table__.alias("auditor")
    stmt = (
        select(m.Meeting, m.Audit.reference, m.Case.reference, m.Team.name, head.c.name)
        .add_columns(auditor.c.name, head.c.role)
        .join(m.Audit, m.Meeting.audit_id == m.Audit.id)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .join(head, m.Meeting.head_of_service_id == head.c.id)
        .join(auditor, m.Audit.auditor_id == auditor.c.id)
        .where(m.Audit.deleted_at.is_(None))
        .order_by(m.Meeting.due_on.desc())
    )
    if head_id is not None:
        stmt = stmt.where(m.Meeting.head_of_service_id == head_id)
    if meeting_id is not None:
        stmt = stmt.where(m.Meeting.id == meeting_id)
    rows = []
    found = session.execute(stmt).all()
    outcomes = outcomes_for(
        session, [meeting.audit_id for meeting, *_ in found if meeting.held_on is not None]
    )
    for meeting, audit_ref, case_ref, team, head_name, auditor_name, head_role in found:
        signed = meeting.signed_off_at is not None
        rows.append(
            MeetingRow(
                id=meeting.id,
                audit_id=meeting.audit_id,
                audit_reference=audit_ref,
                case_reference=case_ref,
                team=team,
                head_of_service_id=meeting.head_of_service_id,
                head_of_service=head_name,
                auditor=auditor_name,
                due_on=meeting.due_on,
                held_on=meeting.held_on,
                signed_off=signed,
                overdue=not signed and is_overdue(meeting.due_on, on),
                reaudit_due_on=meeting.reaudit_due_on,
                reaudit=outcomes.get(meeting.audit_id),
                stands_in=head_role != Role.HEAD_OF_SERVICE.value,
            )
        )
    return rows


def _detail(session: Session, meeting_id: str, on: date) -> MeetingDetail:
    found = _rows(session, on, meeting_id=meeting_id)
    if not found:
        raise ValidationError("That meeting is no longer in this store.")
    meeting = session.get(m.Meeting, meeting_id)
    assert meeting is not None
    names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
    actions = tuple(
        MeetingAction(
            a.id, a.description, a.owner_id, names.get(a.owner_id, ""), a.due_on, a.status
        )
        for a in session.scalars(
            select(m.Action)
            .where(m.Action.meeting_id == meeting_id, m.Action.deleted_at.is_(None))
            .order_by(m.Action.due_on, m.Action.created_at)
        )
    )
    return MeetingDetail(
        found[0], meeting.attendees, meeting.barriers, meeting.lived_experience, actions
    )

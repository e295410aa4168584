"""Moderation: the queue of audits waiting for it, a moderator's decisions (agree, or a
different grade with a reason, per area and overall: both grades are kept), adding an audit to
the queue, and how often moderators agree with each auditor and team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.follow_up import (
    Agreement,
    GradePair,
    agreement_by,
    is_overdue,
    moderation_due_on,
)
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.identity import one_per_parent_id
from qa_desktop.domain.lifecycle import AuditState, Transition, next_state
from qa_desktop.domain.moderation import SelectionReason
from qa_desktop.domain.my_work import queue_reason
from qa_desktop.domain.published_settings import MODERATION_SEED, MODERATION_SHARE_PERCENT
from qa_desktop.domain.roles import Capability
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.audit.listing import AuditService, AuditView
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, local_day, today
from qa_desktop.services.followup.routing import (
    area_grades,
    confirm_grade,
    record_transition,
)
from qa_desktop.services.programme.forms import form_from_source
from qa_desktop.services.published import read_setting
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder


@dataclass(frozen=True)
class QueueItem:
    audit_id: str
    reference: str
    case_reference: str
    team: str
    auditor_id: str
    auditor: str
    overall_grade: Grade | None
    submitted_on: date | None
    due_on: date | None
    overdue: bool
    reason: SelectionReason
    added_by: str  # who added it by hand ("" when the selection rules chose it)
    note: str


@dataclass(frozen=True)
class AreaToModerate:
    section_id: str  # a form section id, or models.OVERALL
    title: str
    auditor_grade: Grade | None
    suggested_grade: Grade | None
    rationale: str


@dataclass(frozen=True)
class ModerationCase:
    """What a moderator needs to decide on one audit."""

    view: AuditView
    reason: SelectionReason
    areas: tuple[AreaToModerate, ...]  # the graded areas, then the overall grade


@dataclass(frozen=True)
class Decision:
    section_id: str
    grade: Grade  # the moderated grade: the auditor's grade when the moderator agrees
    reason: str = ""


@dataclass(frozen=True)
class ModerationResult:
    audit_id: str
    reference: str
    confirmed: Grade
    changed: int  # how many grades the moderator changed
    meeting_due_on: date | None  # a reflective meeting falls due for a confirmed Inadequate


@dataclass(frozen=True)
class AgreementReport:
    by_auditor: tuple[Agreement, ...]
    by_team: tuple[Agreement, ...]
    decisions: int


class ModerationService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._audits = AuditService(store)

    # -- reading -------------------------------------------------------------------------------

    def queue(self, actor: Actor) -> list[QueueItem]:
        """Audits waiting for moderation, longest waiting first."""
        if not (actor.can(Capability.MODERATE) or actor.can(Capability.ADD_TO_MODERATION)):
            raise PermissionRefused("Only moderators and the QA team see the moderation queue.")
        with self._store.reader() as session:
            return moderation_queue(session, today(self._clock))

    def case(self, audit_id: str, actor: Actor) -> ModerationCase:
        if not actor.can(Capability.MODERATE):
            raise PermissionRefused("Only moderators can moderate an audit.")
        with self._store.reader() as session:
            own = _audit(session, audit_id)
            if own.auditor_id == actor.id:
                # Refused before the moderator works through it, not only when they record.
                raise PermissionRefused(
                    "You audited {reference}: another moderator moderates it.",
                    reference=own.reference,
                )
        view = self._audits.view(audit_id, actor)
        record = view.record
        if record.row.state is not AuditState.IN_MODERATION:
            raise ValidationError(
                "Audit {reference} is not waiting for moderation.", reference=record.row.reference
            )
        areas = [
            AreaToModerate(
                s.id,
                s.title,
                review.grade if review else None,
                review.suggested_grade if review else None,
                review.rationale if review else "",
            )
            for s in view.form.graded_sections()
            # Only the areas graded on this audit (a Back to the Floor case record carries
            # its grade overall, with no area reviews).
            if s.id in record.sections
            for review in [record.sections.get(s.id)]
        ]
        areas.append(
            AreaToModerate(
                m.OVERALL,
                "Overall",
                record.row.overall_grade,
                record.overall_suggested,
                record.overall_rationale,
            )
        )
        with self._store.reader() as session:
            reason = _reason(session, audit_id)
        return ModerationCase(view, reason, tuple(areas))

    def agreement(self, actor: Actor) -> AgreementReport:
        if not actor.can(Capability.REPORT):
            raise PermissionRefused("Your role does not include the moderation figures.")
        with self._store.reader() as session:
            pairs = _grade_pairs(session)
        return AgreementReport(
            tuple(agreement_by(pairs, "auditor")), tuple(agreement_by(pairs, "team")), len(pairs)
        )

    # -- changing ------------------------------------------------------------------------------

    @writes(Change.MODERATION | Change.AUDITS | Change.MEETINGS)
    def moderate(self, audit_id: str, decisions: list[Decision], actor: Actor) -> ModerationResult:
        """Record every area's and the overall decision, close the audit, and follow up a
        confirmed Inadequate grade. Nothing is written unless all of it is valid."""
        now = self._clock()
        on = local_day(now)
        with self._store.session() as session:
            audit = _audit(session, audit_id)
            if audit.auditor_id == actor.id:
                raise PermissionRefused("You cannot moderate an audit you carried out.")
            next_state(
                AuditState(audit.state),
                Transition.COMPLETE_MODERATION,
                actor.capabilities,
                is_own_audit=False,
            )
            current = _auditor_grades(session, audit)
            titles = _area_titles(session, audit)
            given = {d.section_id: d for d in decisions}
            unknown = sorted(set(given) - set(current))
            if unknown:
                raise ValidationError(
                    "{sections} is not an area of this audit.", sections=", ".join(unknown)
                )
            missing = [titles.get(s, s) for s in current if s not in given]
            if missing:
                raise ValidationError(
                    "Decide every area and the overall grade before closing the moderation "
                    "(missing: {missing}).",
                    missing=", ".join(missing),
                )
            for decision in decisions:
                if decision.grade != current[decision.section_id] and not decision.reason.strip():
                    raise ValidationError(
                        "Give a reason for changing the {area} grade: both grades are kept, "
                        "and the auditor will read why.",
                        area=titles.get(decision.section_id, decision.section_id),
                    )
            recorder = Recorder(session, actor.id, now)
            existing = {
                d.section_id: d
                for d in session.scalars(
                    select(m.Moderation).where(m.Moderation.audit_id == audit.id)
                )
            }
            changed = 0
            for decision in decisions:
                auditor_grade = current[decision.section_id]
                values = {
                    "moderator_id": actor.id,
                    "auditor_grade": auditor_grade.value if auditor_grade else None,
                    "moderated_grade": decision.grade.value,
                    "reason": decision.reason.strip(),
                    "decided_at": now,
                }
                changed += decision.grade != auditor_grade
                row = existing.get(decision.section_id)
                if row is None:
                    recorder.insert(
                        m.Moderation,
                        id=one_per_parent_id("moderations", audit.id, decision.section_id),
                        audit_id=audit.id,
                        section_id=decision.section_id,
                        **values,
                    )
                else:
                    recorder.update(row, **values)
            record_transition(recorder, audit, AuditState.CLOSED, "Moderated")
            recorder.update(audit, closed_on=on)
            confirmed = given[m.OVERALL].grade
            meeting = confirm_grade(recorder, audit, confirmed, on)
            for entry in _entries(session, audit.id):
                recorder.delete(entry)
            return ModerationResult(
                audit.id,
                audit.reference,
                confirmed,
                changed,
                meeting.due_on if meeting is not None else None,
            )

    @writes(Change.MODERATION | Change.AUDITS)
    def add_by_reference(self, reference: str, actor: Actor, note: str = "") -> QueueItem:
        """Put the audit with this reference (``QA-...``) in the moderation queue."""
        wanted = reference.strip().upper()
        if not wanted:
            raise ValidationError("Type the reference of the audit to add, for example QA-7K2M9XD.")
        with self._store.reader() as session:
            audit_id = session.scalar(
                select(m.Audit.id).where(m.Audit.reference == wanted, m.Audit.deleted_at.is_(None))
            )
        if audit_id is None:
            raise ValidationError(
                "No audit in this store has the reference {reference}.", reference=wanted
            )
        return self.add(audit_id, actor, note)

    @writes(Change.MODERATION | Change.AUDITS)
    def add(self, audit_id: str, actor: Actor, note: str = "") -> QueueItem:
        """Put a submitted or closed audit in the moderation queue (the QA team)."""
        now = self._clock()
        with self._store.session() as session:
            audit = _audit(session, audit_id)
            next_state(
                AuditState(audit.state),
                Transition.SEND_TO_MODERATION,
                actor.capabilities,
                is_own_audit=audit.auditor_id == actor.id,
            )
            recorder = Recorder(session, actor.id, now)
            record_transition(
                recorder, audit, AuditState.IN_MODERATION, SelectionReason.ADDED_BY_QA.label
            )
            recorder.update(audit, closed_on=None)
            recorder.insert(
                m.ModerationQueueEntry,
                audit_id=audit.id,
                reason=SelectionReason.ADDED_BY_QA.value,
                note=note.strip(),
                added_by_id=actor.id,
                added_at=now,
            )
            session.flush()
            return next(
                i for i in moderation_queue(session, local_day(now)) if i.audit_id == audit.id
            )


# -- queries -----------------------------------------------------------------------------------


def _audit(session: Session, audit_id: str) -> m.Audit:
    audit = session.get(m.Audit, audit_id)
    if audit is None or audit.deleted_at is not None:
        raise ValidationError("That audit is no longer in this store.")
    return audit


def _area_titles(session: Session, audit: m.Audit) -> dict[str, str]:
    version = session.get(m.FormVersion, audit.form_version_id)
    titles = {m.OVERALL: "overall"}
    if version is not None:
        form = form_from_source(version.source, f"form version {version.version}")
        titles.update({s.id: s.title for s in form.graded_sections()})
    return titles


def _auditor_grades(session: Session, audit: m.Audit) -> dict[str, Grade | None]:
    """The auditor's grade for each graded area, then overall."""
    grades: dict[str, Grade | None] = {
        r.section_id: Grade(r.grade) if r.grade else None
        for r in session.scalars(
            select(m.SectionReview).where(m.SectionReview.audit_id == audit.id)
        )
    }
    grades[m.OVERALL] = Grade(audit.overall_grade) if audit.overall_grade else None
    return grades


def _entries(session: Session, audit_id: str) -> list[m.ModerationQueueEntry]:
    return list(
        session.scalars(
            select(m.ModerationQueueEntry).where(
                m.ModerationQueueEntry.audit_id == audit_id,
                m.ModerationQueueEntry.deleted_at.is_(None),
            )
        )
    )


def _reason(session: Session, audit_id: str) -> SelectionReason:
    entries = _entries(session, audit_id)
    return _queue_reason(session, _audit(session, audit_id), entries[-1] if entries else None)


def _queue_reason(
    session: Session, audit: m.Audit, entry: m.ModerationQueueEntry | None
) -> SelectionReason:
    """Why the audit is in moderation (the rule: ``domain.my_work.queue_reason``)."""
    return queue_reason(
        entry.reason if entry else None,
        audit.id,
        Grade(audit.overall_grade) if audit.overall_grade else None,
        disputed=audit.practitioner_disagrees,
        area_grades=() if entry else area_grades(session, audit.id),
        share_percent=read_setting(session, MODERATION_SHARE_PERCENT),
        seed=read_setting(session, MODERATION_SEED),
    )


def moderation_queue(session: Session, on: date) -> list[QueueItem]:
    auditor = m.Person
    rows = session.execute(
        select(m.Audit, m.Case.reference, m.Team.name, auditor.name)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .join(auditor, m.Audit.auditor_id == auditor.id)
        .where(m.Audit.state == AuditState.IN_MODERATION.value, m.Audit.deleted_at.is_(None))
    ).all()
    names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
    entries: dict[str, m.ModerationQueueEntry] = {}
    for queued in session.scalars(
        select(m.ModerationQueueEntry)
        .where(m.ModerationQueueEntry.deleted_at.is_(None))
        .order_by(m.ModerationQueueEntry.added_at)
    ):
        entries[queued.audit_id] = queued
    items = []
    for audit, case_reference, team, auditor_name in rows:
        entry = entries.get(audit.id)
        due = moderation_due_on(audit.submitted_on) if audit.submitted_on else None
        items.append(
            QueueItem(
                audit_id=audit.id,
                reference=audit.reference,
                case_reference=case_reference,
                team=team,
                auditor_id=audit.auditor_id,
                auditor=auditor_name,
                overall_grade=Grade(audit.overall_grade) if audit.overall_grade else None,
                submitted_on=audit.submitted_on,
                due_on=due,
                overdue=is_overdue(due, on),
                reason=_queue_reason(session, audit, entry),
                added_by=names.get(entry.added_by_id or "", "") if entry else "",
                note=entry.note if entry else "",
            )
        )
    return sorted(items, key=lambda i: (i.submitted_on or date.max, i.reference))


def _grade_pairs(session: Session) -> list[GradePair]:
    auditor = m.Person
    rows = session.execute(
        select(auditor.name, m.Team.name, m.Moderation.auditor_grade, m.Moderation.moderated_grade)
        .join(m.Audit, m.Moderation.audit_id == m.Audit.id)
        .join(auditor, m.Audit.auditor_id == auditor.id)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .where(m.Audit.deleted_at.is_(None), m.Moderation.auditor_grade.is_not(None))
    ).all()
    return [GradePair(a, t, Grade(ag), Grade(mg)) for a, t, ag, mg in rows if ag is not None]

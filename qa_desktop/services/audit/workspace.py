"""The collaborative audit workspace: starting an audit, saving each field as it is made,
grades and their rationale, actions, the submit checklist, both sign-offs, reopening, and
the history of a field.

Every write goes through a :class:`Recorder` (history and change capture in the same
transaction) and commits at once: what the screen shows as saved is on disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Protocol

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.checklist import (
    Missing,
    overall_suggestion,
    yes_no_answers,
)
from qa_desktop.domain.forms import AnswerType, FormDefinition, LegalStatus
from qa_desktop.domain.grades import Grade, rationale_required
from qa_desktop.domain.lifecycle import AuditState, Transition, next_state
from qa_desktop.domain.references import audit_reference
from qa_desktop.domain.rights import Relation
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.domain.suggestion import suggest_section
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.audit.rights import audit_rights
from qa_desktop.services.audit.workspace_data import (
    ANSWER_FIELDS,
    AREA_TEXT_FIELDS,
    AUDIT_TEXT_FIELDS,
    BOOL_FIELDS,
    ActionData,
    AssignmentChoice,
    CaseChoice,
    FieldRef,
    FormChoice,
    HistoryEntry,
    NewAudit,
    PersonChoice,
    Saved,
    StartOptions,
    Target,
    Value,
    Workspace,
)
from qa_desktop.services.audit.workspace_state import (
    access_of,
    answer_states,
    area_row,
    area_states,
    build_workspace,
    checklist_of,
    legal_status,
    refresh_suggestions,
)
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, local_day
from qa_desktop.services.followup.routing import record_transition, route_signed_audit
from qa_desktop.services.programme.forms import form_from_source, latest_versions
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.models import new_id
from qa_desktop.store.queries import audits as queries
from qa_desktop.store.queries import workspace as wq
from qa_desktop.store.recorder import Recorder

# Saving one of these refreshes the suggested grades kept with the audit. Answers do not: the
# screen works out the suggestions as answers come in, and sign-off keeps the final ones
# (a save stays a few milliseconds).
_SUGGESTION_FIELDS = frozenset({"grade", "unmanaged_risk", "overall_grade"})

# Statements of the save path, built once (building them is most of a save's CPU time).
_AUDIT_AND_STATUS = (
    select(m.Audit, m.Case.legal_status)
    .join(m.Case, m.Audit.case_id == m.Case.id)
    .where(m.Audit.id == bindparam("audit_id"), m.Audit.deleted_at.is_(None))
)
# Saving an answer: in one read, what it needs of its audit (the permission and state checks,
# the form) and the answer's id and stored value of the field (NULL if not answered yet).
_AUDIT_AND_ANSWER = {
    field: select(
        m.Audit.state,
        m.Audit.auditor_id,
        m.Audit.practitioner_id,
        m.Audit.form_version_id,
        m.Answer.id.label("answer_id"),
        m.Answer.__table__.c[field].label("old"),
    )
    .select_from(m.Audit)
    .outerjoin(
        m.Answer,
        (m.Answer.audit_id == m.Audit.id) & (m.Answer.question_id == bindparam("question_id")),
    )
    .where(m.Audit.id == bindparam("audit_id"), m.Audit.deleted_at.is_(None))
    for field in ANSWER_FIELDS
}


class _Editable(Protocol):
    """What :meth:`WorkspaceService._may_edit` reads: an audit, or a row of those columns."""

    @property
    def state(self) -> str: ...
    @property
    def auditor_id(self) -> str: ...
    @property
    def practitioner_id(self) -> str | None: ...


class RationaleNeeded(ValidationError):
    """A grade that needs written evidence was set without it."""


class WorkspaceService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._forms: dict[str, FormDefinition] = {}

    # -- reading ------------------------------------------------------------------------------

    def load(self, audit_id: str, actor: Actor) -> Workspace:
        """The audit as the workspace shows it, with what this person may do in it."""
        with self._store.reader() as session:
            rows = wq.audit_rows(session, audit_id)
        if rows is None:
            raise ValidationError("That audit is no longer in this store.")
        access = access_of(rows, actor)
        involved = {rows.auditor_id, rows.practitioner_id} | {
            p.person_id for p in rows.participants
        }
        if actor.id not in involved and not actor.can(Capability.VIEW_ALL_AUDITS):
            raise PermissionRefused("You can open only the audits you take part in.")
        rights = audit_rights(actor, rows.auditor_id, rows.practitioner_id, rows.state)
        return build_workspace(rows, access, rights)

    def field_history(self, audit_id: str, ref: FieldRef) -> list[HistoryEntry]:
        """Who changed this field, when, from what to what (oldest first)."""
        with self._store.reader() as session:
            table, row_id = _row_of(session, audit_id, ref)
            if row_id is None:
                return []
            changes = wq.field_history(session, table, row_id, ref.field, audit_id=audit_id)
        return [HistoryEntry(c.at, c.actor, c.old, c.new, c.origin) for c in changes]

    def last_authors(self, audit_id: str, refs: Iterable[FieldRef]) -> dict[FieldRef, str]:
        """Who made the latest recorded change of each field ("" where none is recorded)."""
        authors: dict[FieldRef, str] = {}
        with self._store.reader() as session:
            for ref in refs:
                table, row_id = _row_of(session, audit_id, ref)
                changes = wq.field_history(session, table, row_id, ref.field) if row_id else []
                authors[ref] = changes[-1].actor if changes else ""
        return authors

    def start_options(self, actor: Actor) -> StartOptions:
        with self._store.reader() as session:
            forms = tuple(
                FormChoice(v.id, v.title, v.version, v.kind) for v in latest_versions(session)
            )
            people = tuple(
                PersonChoice(p.id, p.name, p.role.value) for p in queries.people(session)
            )
            planned = session.execute(
                select(m.Audit, m.Case.reference, m.Case.initials, m.Team.name)
                .join(m.Case, m.Audit.case_id == m.Case.id)
                .join(m.Team, m.Case.team_id == m.Team.id)
                .where(
                    m.Audit.auditor_id == actor.id,
                    m.Audit.state == AuditState.PLANNED.value,
                    m.Audit.deleted_at.is_(None),
                )
                .order_by(m.Audit.due_on, m.Audit.reference)
            ).all()
        assignments = tuple(
            AssignmentChoice(a.id, a.reference, ref, initials, team, a.due_on)
            for a, ref, initials, team in planned
        )
        return StartOptions(forms, people, assignments)

    def search_cases(self, text: str) -> list[CaseChoice]:
        with self._store.reader() as session:
            found = wq.search_cases(session, text)
        return [
            CaseChoice(
                c.id,
                c.reference,
                c.initials,
                c.team,
                c.legal_status,
                c.practitioner_id,
                c.practitioner,
            )
            for c in found
        ]

    # -- starting -----------------------------------------------------------------------------

    @writes(Change.AUDITS)
    def create(self, actor: Actor, new: NewAudit) -> str:
        """Start a new audit now (in progress); returns its id."""
        if not actor.can(Capability.AUDIT):
            raise PermissionRefused("Only trained auditors can start an audit.")
        try:
            AuditType(new.audit_type)
        except ValueError:
            raise ValidationError("Choose the type of audit.") from None
        with self._write(actor) as recorder:
            session = recorder.session
            case = session.get(m.Case, new.case_id)
            if case is None:
                raise ValidationError("Choose the child's case.")
            if session.get(m.FormVersion, new.form_version_id) is None:
                raise ValidationError("Choose the audit form.")
            audit_id = new_id()
            recorder.insert(
                m.Audit,
                id=audit_id,
                reference=audit_reference(audit_id),
                case_id=case.id,
                form_version_id=new.form_version_id,
                audit_type=new.audit_type,
                state=AuditState.IN_PROGRESS.value,
                auditor_id=actor.id,
                practitioner_id=new.practitioner_id,
                started_on=local_day(recorder.now),
                created_at=recorder.now,
            )
            session.flush()
            recorder.insert(
                m.AuditEvent,
                audit_id=audit_id,
                at=recorder.now,
                actor_id=actor.id,
                from_state=AuditState.PLANNED.value,
                to_state=AuditState.IN_PROGRESS.value,
                reason="",
            )
            for _person, role in new.participants:
                try:
                    Role(role)
                except ValueError:
                    raise ValidationError("'{role}' is not a role.", role=role) from None
            taking_part = list(new.participants)
            if new.practitioner_id:
                taking_part.insert(0, (new.practitioner_id, Role.PRACTITIONER.value))
            seen: set[str] = set()
            for person_id, role in taking_part:
                if person_id in seen or person_id == actor.id:
                    continue
                seen.add(person_id)
                recorder.insert(m.Participant, audit_id=audit_id, person_id=person_id, role=role)
        return audit_id

    @writes(Change.AUDITS)
    def start_assignment(self, audit_id: str, actor: Actor) -> None:
        """Start a planned audit (an assignment): it moves to in progress."""
        with self._write(actor) as recorder:
            audit = _audit(recorder.session, audit_id)
            self._start(recorder, audit, actor)

    def _start(self, recorder: Recorder, audit: m.Audit, actor: Actor) -> None:
        next_state(
            AuditState(audit.state),
            Transition.START,
            actor.capabilities,
            is_own_audit=audit.auditor_id == actor.id,
        )
        record_transition(recorder, audit, AuditState.IN_PROGRESS)
        recorder.update(audit, started_on=local_day(recorder.now))
        if audit.practitioner_id:
            present = recorder.session.scalar(
                select(m.Participant.id).where(
                    m.Participant.audit_id == audit.id,
                    m.Participant.person_id == audit.practitioner_id,
                )
            )
            if present is None:
                recorder.insert(
                    m.Participant,
                    audit_id=audit.id,
                    person_id=audit.practitioner_id,
                    role=Role.PRACTITIONER.value,
                )

    # -- saving fields ------------------------------------------------------------------------

    @writes(Change.AUDITS | Change.ESCALATIONS)
    def save(self, audit_id: str, actor: Actor, ref: FieldRef, value: Value) -> Saved:
        """Save one field now (history and change capture included)."""
        value = _clean(ref, value)
        if ref.target is Target.ANSWER:
            return self._save_answer(audit_id, actor, ref, value)
        with self._write(actor) as recorder:
            session = recorder.session
            found = session.execute(_AUDIT_AND_STATUS, {"audit_id": audit_id}).first()
            if found is None:
                raise ValidationError("That audit is no longer in this store.")
            audit, status_value = found
            self._may_edit(audit, actor, ref)
            if audit.state == AuditState.PLANNED.value:
                self._start(recorder, audit, actor)
            form = self._form(session, audit.form_version_id)
            status = legal_status(status_value)
            author = ""
            if ref.target is Target.AREA:
                author = self._save_area(recorder, audit, form, status, ref, value)
            else:
                self._save_audit_field(recorder, audit, form, status, ref, value)
            suggestions = (
                refresh_suggestions(recorder, audit, form, status)
                if ref.field in _SUGGESTION_FIELDS
                else None
            )
            state = AuditState(audit.state)
        return Saved(ref, value, state, suggestions, author)

    def _save_answer(self, audit_id: str, actor: Actor, ref: FieldRef, value: Value) -> Saved:
        """An answer's field: the most frequent save. The usual case (an answer already
        there, an audit under way) is one read and one UPDATE on a plain connection, with
        the answer's history and captured change; the rest go through a session."""
        params = {"audit_id": audit_id, "question_id": ref.key}
        with self._store.engine.begin() as connection:
            found = connection.execute(_AUDIT_AND_ANSWER[ref.field], params).first()
            if found is None:
                raise ValidationError("That audit is no longer in this store.")
            self._may_edit(found, actor, ref)
            state = AuditState(found.state)
            if state is not AuditState.PLANNED and found.answer_id is not None:
                _check_answer(self._form(connection, found.form_version_id), ref, value)
                with Session(bind=connection) as session:
                    recorder = Recorder(session, actor.id, self._clock(), connection=connection)
                    recorder.update_values(
                        m.Answer, found.answer_id, {ref.field: (found.old, value)}
                    )
                return Saved(ref, value, state, None, "")
        # The first answer to a question, or the first edit of a planned audit (it starts).
        with self._write(actor) as recorder:
            session = recorder.session
            found = recorder.connection().execute(_AUDIT_AND_ANSWER[ref.field], params).first()
            if found is None:
                raise ValidationError("That audit is no longer in this store.")
            self._may_edit(found, actor, ref)
            state = AuditState(found.state)
            if state is AuditState.PLANNED:
                started = _audit(session, audit_id)
                self._start(recorder, started, actor)
                session.flush()
                state = AuditState(started.state)
            _check_answer(self._form(session, found.form_version_id), ref, value)
            if found.answer_id is None:
                recorder.insert_many(
                    m.Answer, [{"audit_id": audit_id, "question_id": ref.key, ref.field: value}]
                )
            else:
                recorder.update_values(m.Answer, found.answer_id, {ref.field: (found.old, value)})
        return Saved(ref, value, state, None, "")

    def _save_area(
        self,
        recorder: Recorder,
        audit: m.Audit,
        form: FormDefinition,
        status: LegalStatus | None,
        ref: FieldRef,
        value: Value,
    ) -> str:
        sections = {s.id: s for s in form.sections}
        if ref.key not in sections:
            raise ValidationError("This form has no practice area {id}.", id=ref.key)
        row = area_row(recorder, audit.id, ref.key)
        if ref.field == "grade" and value is not None:
            grade = Grade(str(value))
            answers = answer_states(recorder.session, audit.id)
            suggested = suggest_section(
                form,
                sections[ref.key],
                yes_no_answers(form, answers),
                legal_status=status,
                unmanaged_risk=row.unmanaged_risk,
            ).grade
            if rationale_required(grade, suggested) and not row.rationale.strip():
                raise RationaleNeeded(
                    "Write the rationale for {area} first: a grade of {grade} needs written "
                    "evidence.",
                    area=sections[ref.key].title,
                    grade=grade.label,
                )
        values: dict[str, Value] = {ref.field: value}
        author = ""
        if ref.field == "practitioner_reflection":
            # The reflection is the practitioner's own words, whoever holds the keyboard.
            author_id = audit.practitioner_id
            values["reflection_author_id"] = author_id
            person = recorder.session.get(m.Person, author_id) if author_id else None
            author = person.name if person else ""
        recorder.update(row, **values)
        return author

    def _save_audit_field(
        self,
        recorder: Recorder,
        audit: m.Audit,
        form: FormDefinition,
        status: LegalStatus | None,
        ref: FieldRef,
        value: Value,
    ) -> None:
        if ref.field == "overall_grade" and value is not None:
            grade = Grade(str(value))
            suggested = overall_suggestion(
                form,
                answer_states(recorder.session, audit.id),
                area_states(recorder.session, audit.id),
                status,
            )
            if rationale_required(grade, suggested) and not audit.overall_rationale.strip():
                raise RationaleNeeded(
                    "Write the overall rationale first: an overall grade of {grade} needs "
                    "written evidence.",
                    grade=grade.label,
                )
        recorder.update(audit, **{ref.field: value})

    def _may_edit(self, audit: _Editable, actor: Actor, ref: FieldRef | None) -> None:
        """The rulebook's answer for this person, field (None: the audit's actions) and state."""
        state = AuditState(audit.state)
        rights = audit_rights(actor, audit.auditor_id, audit.practitioner_id, state.value)
        if rights.may_add_actions if ref is None else rights.may_edit(ref):
            return
        if not state.editable:
            raise ValidationError(
                "This audit is {state} and can no longer be changed.", state=state.label.lower()
            )
        if (
            ref is not None
            and Relation.PRACTITIONER in rights.relations
            and state is AuditState.PLANNED
            and ref.field == "practitioner_reflection"
        ):
            raise ValidationError(
                "The auditor starts the audit; reflections can be added once it is under way."
            )
        raise PermissionRefused("Only the audit's own auditor can change this audit.")

    # -- actions ------------------------------------------------------------------------------

    @writes(Change.ACTIONS)
    def add_action(
        self,
        audit_id: str,
        actor: Actor,
        description: str,
        owner_id: str,
        due_on: date,
        action_id: str | None = None,
    ) -> ActionData:
        """A SMART action: what, who, by when. ``action_id`` restores one that was removed."""
        description = description.strip()
        if not description:
            raise ValidationError("Say what the action is.")
        with self._write(actor) as recorder:
            session = recorder.session
            audit = _audit(session, audit_id)
            self._may_edit(audit, actor, None)
            owner = session.get(m.Person, owner_id)
            if owner is None:
                raise ValidationError("Choose who owns the action.")
            if due_on < local_day(recorder.now):
                raise ValidationError("An action cannot be due in the past.")
            existing = session.get(m.Action, action_id) if action_id else None
            if existing is not None:
                recorder.update(
                    existing,
                    deleted_at=None,
                    description=description,
                    owner_id=owner_id,
                    due_on=due_on,
                )
                row = existing
            else:
                row = recorder.insert(
                    m.Action,
                    id=action_id or new_id(),
                    audit_id=audit_id,
                    description=description,
                    owner_id=owner_id,
                    due_on=due_on,
                    status="open",
                    created_at=recorder.now,
                )
            return ActionData(row.id, description, owner_id, owner.name, due_on, "open")

    @writes(Change.ACTIONS)
    def remove_action(self, audit_id: str, actor: Actor, action_id: str) -> None:
        with self._write(actor) as recorder:
            audit = _audit(recorder.session, audit_id)
            self._may_edit(audit, actor, None)
            row = recorder.session.get(m.Action, action_id)
            if row is None or row.audit_id != audit_id:
                raise ValidationError("That action is no longer in this audit.")
            recorder.delete(row)

    # -- checklist, sign-offs, reopening --------------------------------------------------------

    def checklist(self, audit_id: str) -> list[Missing]:
        with self._store.reader() as session:
            audit = _audit(session, audit_id)
            return checklist_of(session, audit)

    @writes(Change.AUDITS)
    def sign_off_as_auditor(self, audit_id: str, actor: Actor) -> AuditState:
        """The auditor signs off: refused while anything on the checklist is missing."""
        with self._write(actor) as recorder:
            session = recorder.session
            audit = _audit(session, audit_id)
            target = next_state(
                AuditState(audit.state),
                Transition.SUBMIT,
                actor.capabilities,
                is_own_audit=audit.auditor_id == actor.id,
            )
            missing = checklist_of(session, audit)
            if missing:
                raise ValidationError(
                    "The audit cannot be signed off yet: {count} thing(s) are missing. "
                    "The checklist shows them.",
                    count=len(missing),
                )
            case = session.get(m.Case, audit.case_id)
            refresh_suggestions(
                recorder,
                audit,
                self._form(session, audit.form_version_id),
                legal_status(case.legal_status if case else ""),
            )
            today = local_day(recorder.now)
            record_transition(recorder, audit, target)
            recorder.update(
                audit, auditor_signed_at=recorder.now, submitted_on=today, completed_on=today
            )
            return target

    @writes(Change.AUDITS | Change.MODERATION | Change.MEETINGS)
    def sign_off_as_practitioner(
        self, audit_id: str, actor: Actor, *, disagrees: bool = False, reason: str = ""
    ) -> AuditState:
        """The practitioner signs off, or records that they disagree and why; the audit then
        goes to moderation or closes. On a shared laptop the auditor records it with the
        practitioner present."""
        with self._write(actor) as recorder:
            session = recorder.session
            audit = _audit(session, audit_id)
            if actor.id not in (audit.practitioner_id, audit.auditor_id):
                raise PermissionRefused("Only the practitioner can sign off for themselves.")
            if audit.state != AuditState.SUBMITTED.value:
                raise ValidationError(
                    "The practitioner signs off after the auditor has signed off."
                )
            if disagrees and not reason.strip():
                raise ValidationError("Say why the practitioner disagrees.")
            recorder.update(
                audit,
                practitioner_signed_at=recorder.now,
                practitioner_disagrees=disagrees,
                practitioner_disagreement=reason.strip() if disagrees else "",
            )
            route_signed_audit(recorder, audit, local_day(recorder.now))
            return AuditState(audit.state)

    @writes(Change.AUDITS)
    def reopen(self, audit_id: str, actor: Actor, reason: str) -> AuditState:
        """Reopen a closed audit; the reason is kept in its lifecycle log."""
        with self._write(actor) as recorder:
            audit = _audit(recorder.session, audit_id)
            target = next_state(
                AuditState(audit.state),
                Transition.REOPEN,
                actor.capabilities,
                is_own_audit=audit.auditor_id == actor.id,
                reason=reason,
            )
            record_transition(recorder, audit, target, reason.strip())
            recorder.update(
                audit,
                closed_on=None,
                auditor_signed_at=None,
                practitioner_signed_at=None,
                practitioner_disagrees=False,
                practitioner_disagreement="",
            )
            return target

    # -- plumbing -----------------------------------------------------------------------------

    def _form(self, session: Session | Connection, version_id: str) -> FormDefinition:
        """The form of a stored version (kept: a stored version never changes in place)."""
        form = self._forms.get(version_id)
        if form is None:
            source = session.scalar(
                select(m.FormVersion.source).where(m.FormVersion.id == version_id)
            )
            if source is None:
                raise ValidationError("The form of this audit is missing from the store.")
            form = self._forms[version_id] = form_from_source(source)
        return form

    @contextmanager
    def _write(self, actor: Actor) -> Iterator[Recorder]:
        with self._store.session() as session:
            yield Recorder(session, actor.id, self._clock())


# -- helpers ----------------------------------------------------------------------------------


def _audit(session: Session, audit_id: str) -> m.Audit:
    audit = session.get(m.Audit, audit_id)
    if audit is None or audit.deleted_at is not None:
        raise ValidationError("That audit is no longer in this store.")
    return audit


def _check_answer(form: FormDefinition, ref: FieldRef, value: Value) -> None:
    """The form's rules for an answer: the question exists; a yes/no answer is one of its
    values, and N/A only where the question allows it."""
    try:
        question = form.question(ref.key)
    except KeyError:
        raise ValidationError("This form has no question {id}.", id=ref.key) from None
    if ref.field == "value" and value is not None and question.answer_type is AnswerType.YES_NO:
        if value not in ("yes", "partly", "no", "na"):
            raise ValidationError("Answer {id} with Yes, Partly, No or N/A.", id=ref.key)
        if value == "na" and not question.na_allowed:
            raise ValidationError("N/A is not allowed for question {id}.", id=ref.key)


def _clean(ref: FieldRef, value: Value) -> Value:
    if ref.field in BOOL_FIELDS:
        return bool(value)
    if ref.field in ("grade", "overall_grade"):
        if value in (None, ""):
            return None
        try:
            return Grade(str(value)).value
        except ValueError:
            raise ValidationError("'{value}' is not a grade.", value=str(value)) from None
    if ref.target is Target.ANSWER and ref.field == "value":
        return str(value) if value not in (None, "") else None
    if ref.field in AREA_TEXT_FIELDS | AUDIT_TEXT_FIELDS or ref.target is Target.ANSWER:
        return "" if value is None else str(value)
    return value


def _row_of(session: Session, audit_id: str, ref: FieldRef) -> tuple[str, str | None]:
    if ref.target is Target.AUDIT:
        return m.Audit.__tablename__, audit_id
    if ref.target is Target.ANSWER:
        row_id = session.scalar(
            select(m.Answer.id).where(
                m.Answer.audit_id == audit_id, m.Answer.question_id == ref.key
            )
        )
        return m.Answer.__tablename__, row_id
    row_id = session.scalar(
        select(m.SectionReview.id).where(
            m.SectionReview.audit_id == audit_id, m.SectionReview.section_id == ref.key
        )
    )
    return m.SectionReview.__tablename__, row_id

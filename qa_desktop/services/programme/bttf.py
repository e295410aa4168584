"""Back to the Floor: the yearly schedule, each visit's inspection team and case sample, a
case record per case, team-level notes, consolidated findings with the team-level judgement,
the action plan, and the PDF report.

Each sampled case is an audit of type ``back_to_the_floor`` on the Back to the Floor case
form, so its grade goes through the same moderation as routine audits: once recorded it is
routed like a signed-off audit (an Inadequate case to moderation, then to a reflective
meeting and a re-audit; the rest by the same selection rules, else closed).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.bttf import DEFAULT_CASE_SAMPLE, PRACTICE_AREAS, TeamRef, unscheduled
from qa_desktop.domain.forms import AnswerType, FormDefinition
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.references import audit_reference
from qa_desktop.domain.roles import Capability
from qa_desktop.domain.sampling import draw_sample
from qa_desktop.errors import PermissionRefused, UserError, ValidationError
from qa_desktop.reports.bttf_report import (
    BttfActionLine,
    BttfCaseLine,
    BttfFindingLine,
    BttfNoteSection,
    BttfReportData,
    build_bttf_report,
)
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, today
from qa_desktop.services.followup.routing import record_transition, route_signed_audit
from qa_desktop.services.programme.forms import form_from_source
from qa_desktop.services.programme.monthly_plan import candidates
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

CASE_FORM = "bttf-case"
# A case record can be (re)saved until it is routed on to moderation or closed.
_OPEN_STATES = (AuditState.PLANNED.value, AuditState.IN_PROGRESS.value, AuditState.SUBMITTED.value)
TEAM_FORM = "bttf-team"


@dataclass(frozen=True)
class VisitPlan:
    team_id: str
    year: int
    planned_on: date
    lead_id: str
    member_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class VisitSummary:
    id: str
    team_id: str
    team: str
    service: str
    year: int
    planned_on: date
    lead: str
    members: tuple[str, ...]
    cases: int
    recorded: int
    judgement: Grade | None


@dataclass(frozen=True)
class BttfSchedule:
    year: int
    visits: tuple[VisitSummary, ...]
    unscheduled: tuple[TeamRef, ...]


@dataclass(frozen=True)
class BttfCaseRow:
    audit_id: str
    audit_reference: str
    case_reference: str
    case_initials: str
    practitioner: str
    auditor: str
    grade: Grade | None
    recorded: bool


@dataclass(frozen=True)
class NoteQuestion:
    id: str
    section: str
    text: str
    help: str


@dataclass(frozen=True)
class ActionRow:
    id: str
    description: str
    owner: str
    due_on: date


@dataclass(frozen=True)
class VisitDetail:
    summary: VisitSummary
    cases: tuple[BttfCaseRow, ...]
    note_questions: tuple[NoteQuestion, ...]
    notes: dict[str, str]
    findings: dict[str, tuple[str, str]]  # area -> (strengths, improvements)
    judgement_rationale: str
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class CaseForm:
    audit_id: str
    audit_reference: str
    case_reference: str
    form: FormDefinition
    answers: dict[str, str]
    grade: Grade | None


@dataclass(frozen=True)
class CaseRecordEntry:
    audit_id: str
    answers: dict[str, str]  # question id -> yes/partly/no/na, or text
    grade: Grade | None


@dataclass(frozen=True)
class FindingsEntry:
    findings: dict[str, tuple[str, str]]
    judgement: Grade | None
    rationale: str


def _latest_form(session: Session, key: str) -> tuple[str, FormDefinition]:
    found = session.execute(
        select(m.FormVersion.id, m.FormVersion.source)
        .join(m.Form, m.Form.id == m.FormVersion.form_id)
        .where(m.Form.key == key)
        .order_by(m.FormVersion.version.desc())
        .limit(1)
    ).first()
    if found is None:
        raise ValidationError("The form {key} is not in this store.", key=key)
    return found[0], form_from_source(found[1], key)


def _require(actor: Actor, capability: Capability) -> None:
    if not actor.can(capability):
        raise PermissionRefused("Only the QA team can plan and record Back to the Floor visits.")


def _visit(session: Session, visit_id: str) -> m.BttfVisit:
    visit = session.get(m.BttfVisit, visit_id)
    if visit is None:
        raise ValidationError("That Back to the Floor visit is no longer in this store.")
    return visit


def _case_rows(session: Session, visit_id: str) -> list[BttfCaseRow]:
    practitioner = m.Person.__table__.alias("practitioner")
    auditor = m.Person.__table__.alias("auditor")
    stmt = (
        select(
            m.Audit.id,
            m.Audit.reference,
            m.Case.reference,
            m.Case.initials,
            practitioner.c.name,
            auditor.c.name,
            m.Audit.overall_grade,
            m.Audit.state,
        )
        .join(m.BttfCase, m.BttfCase.audit_id == m.Audit.id)
        .join(m.Case, m.Case.id == m.Audit.case_id)
        .outerjoin(practitioner, practitioner.c.id == m.Audit.practitioner_id)
        .join(auditor, auditor.c.id == m.Audit.auditor_id)
        .where(m.BttfCase.visit_id == visit_id)
        .order_by(m.Case.reference)
    )
    return [
        BttfCaseRow(
            audit_id,
            ref,
            case_ref,
            initials,
            prac or "",
            aud,
            Grade(grade) if grade else None,
            state not in (AuditState.PLANNED.value, AuditState.IN_PROGRESS.value),
        )
        for audit_id, ref, case_ref, initials, prac, aud, grade, state in session.execute(stmt)
    ]


def _summary(session: Session, visit: m.BttfVisit) -> VisitSummary:
    team = session.get(m.Team, visit.team_id)
    assert team is not None
    service = session.get(m.Service, team.service_id)
    names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
    members = tuple(
        sorted(
            names.get(pid, "")
            for pid in session.scalars(
                select(m.BttfMember.person_id).where(m.BttfMember.visit_id == visit.id)
            )
        )
    )
    cases = _case_rows(session, visit.id)
    return VisitSummary(
        visit.id,
        team.id,
        team.name,
        service.name if service else "",
        visit.year,
        visit.planned_on,
        names.get(visit.lead_id, ""),
        members,
        len(cases),
        sum(c.recorded for c in cases),
        Grade(visit.judgement) if visit.judgement else None,
    )


class BttfService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # -- the schedule ---------------------------------------------------------------------

    def schedule(self, year: int) -> BttfSchedule:
        """The year's visits, and the teams not yet scheduled."""
        with self._store.reader() as session:
            visits = [
                _summary(session, v)
                for v in session.scalars(
                    select(m.BttfVisit)
                    .where(m.BttfVisit.year == year)
                    .order_by(m.BttfVisit.planned_on)
                )
            ]
            teams = [
                TeamRef(t.id, t.name, s.name)
                for t, s in session.execute(
                    select(m.Team, m.Service).join(m.Service, m.Service.id == m.Team.service_id)
                )
            ]
        return BttfSchedule(
            year, tuple(visits), tuple(unscheduled(teams, (v.team_id for v in visits)))
        )

    @writes(Change.PROGRAMME)
    def schedule_visit(self, plan: VisitPlan, actor: Actor) -> str:
        _require(actor, Capability.MANAGE_PROGRAMME)
        if plan.planned_on.year != plan.year:
            raise ValidationError(
                "The visit date {day} is not in {year}.",
                day=plan.planned_on.isoformat(),
                year=plan.year,
            )
        with self._store.session() as session:
            team = session.get(m.Team, plan.team_id)
            if team is None:
                raise ValidationError("That team is no longer in this store.")
            taken = session.scalar(
                select(m.BttfVisit.planned_on).where(
                    m.BttfVisit.team_id == plan.team_id, m.BttfVisit.year == plan.year
                )
            )
            if taken is not None:
                raise ValidationError(
                    "{team} already has its Back to the Floor visit in {year} (on {day}). "
                    "Every team is visited once a year.",
                    team=team.name,
                    year=plan.year,
                    day=taken.isoformat(),
                )
            recorder = Recorder(session, actor.id, self._clock())
            visit = recorder.insert(
                m.BttfVisit,
                team_id=plan.team_id,
                year=plan.year,
                planned_on=plan.planned_on,
                lead_id=plan.lead_id,
                judgement_rationale="",
                created_at=recorder.now,
            )
            session.flush()
            for person_id in dict.fromkeys((plan.lead_id, *plan.member_ids)):
                recorder.insert(m.BttfMember, visit_id=visit.id, person_id=person_id)
            return visit.id

    # -- the case sample -----------------------------------------------------------------

    @writes(Change.PROGRAMME | Change.AUDITS)
    def draw_cases(
        self, visit_id: str, count: int = DEFAULT_CASE_SAMPLE, seed: int = 1, *, actor: Actor
    ) -> tuple[BttfCaseRow, ...]:
        """Sample the visited team's open cases; each gets a case record (an audit) shared
        round the inspection team, none to someone from the visited team."""
        _require(actor, Capability.MANAGE_PROGRAMME)
        with self._store.session() as session:
            visit = _visit(session, visit_id)
            if session.scalar(select(m.BttfCase.id).where(m.BttfCase.visit_id == visit_id)):
                raise ValidationError("This visit's case sample has already been drawn.")
            pool = [c for c in candidates(session) if c.team_id == visit.team_id]
            sample = draw_sample(pool, count, seed, visit.planned_on, exclude_months=0)
            members = [
                p
                for p in session.scalars(
                    select(m.Person)
                    .join(m.BttfMember, m.BttfMember.person_id == m.Person.id)
                    .where(m.BttfMember.visit_id == visit_id)
                    .order_by(m.Person.name)
                )
                if p.team_id != visit.team_id
            ]
            if not members:
                raise ValidationError(
                    "The inspection team has no one from outside the visited team to read "
                    "the cases. Add a member first."
                )
            version_id, _ = _latest_form(session, CASE_FORM)
            recorder = Recorder(session, actor.id, self._clock())
            for index, case in enumerate(sorted(sample, key=lambda c: c.reference)):
                audit_id = m.new_id()
                recorder.insert(
                    m.Audit,
                    id=audit_id,
                    reference=audit_reference(audit_id),
                    case_id=case.case_id,
                    form_version_id=version_id,
                    audit_type=AuditType.BACK_TO_THE_FLOOR.value,
                    state=AuditState.PLANNED.value,
                    auditor_id=members[index % len(members)].id,
                    practitioner_id=case.practitioner_id,
                    due_on=visit.planned_on,
                    created_at=recorder.now,
                )
                session.flush()
                recorder.insert(m.BttfCase, visit_id=visit_id, audit_id=audit_id)
            session.flush()
            return tuple(_case_rows(session, visit_id))

    def case_form(self, audit_id: str) -> CaseForm:
        with self._store.reader() as session:
            found = session.execute(
                select(m.Audit, m.Case.reference, m.FormVersion.source)
                .join(m.Case, m.Case.id == m.Audit.case_id)
                .join(m.FormVersion, m.FormVersion.id == m.Audit.form_version_id)
                .where(m.Audit.id == audit_id)
            ).first()
            if found is None:
                raise ValidationError("That case record is no longer in this store.")
            audit, case_ref, source = found
            answers = {
                a.question_id: a.value or ""
                for a in session.scalars(select(m.Answer).where(m.Answer.audit_id == audit_id))
            }
        return CaseForm(
            audit.id,
            audit.reference,
            case_ref,
            form_from_source(source, CASE_FORM),
            answers,
            Grade(audit.overall_grade) if audit.overall_grade else None,
        )

    @writes(Change.AUDITS | Change.MODERATION | Change.MEETINGS)
    def record_case(self, entry: CaseRecordEntry, actor: Actor) -> AuditState:
        """Save one case record and submit it: its grade then goes through the selection
        rules to moderation (every Inadequate case does), or the record closes. Returns the
        state it reaches."""
        form = self.case_form(entry.audit_id).form
        known = {q.id: q for q in form.questions()}
        for question_id, value in entry.answers.items():
            question = known.get(question_id)
            if question is None:
                raise ValidationError(
                    "Question {question} is not on the case form.", question=question_id
                )
            if value and question.answer_type is AnswerType.YES_NO:
                try:
                    Answer(value)
                except ValueError:
                    raise ValidationError(
                        "'{value}' is not an answer to question {question}.",
                        value=value,
                        question=question_id,
                    ) from None
        if entry.grade is None:
            raise ValidationError("Give the case its grade before saving the case record.")
        with self._store.session() as session:
            audit = session.get(m.Audit, entry.audit_id)
            assert audit is not None
            if actor.id != audit.auditor_id and not actor.can(Capability.MANAGE_PROGRAMME):
                raise PermissionRefused("Only the member reading this case can record it.")
            if audit.state not in _OPEN_STATES:
                raise ValidationError(
                    "The case record {reference} has been submitted and its grade has gone on "
                    "to moderation or been closed: it can no longer be changed here.",
                    reference=audit.reference,
                )
            recorder = Recorder(session, actor.id, self._clock())
            existing = {
                a.question_id: a
                for a in session.scalars(
                    select(m.Answer).where(m.Answer.audit_id == entry.audit_id)
                )
            }
            for question_id, value in entry.answers.items():
                row = existing.get(question_id)
                if row is None:
                    if value:
                        recorder.insert(
                            m.Answer,
                            audit_id=entry.audit_id,
                            question_id=question_id,
                            value=value,
                        )
                else:
                    recorder.update(row, value=value or None)
            day = today(self._clock)
            recorder.update(
                audit,
                overall_grade=entry.grade.value,
                started_on=audit.started_on or day,
                submitted_on=audit.submitted_on or day,
                completed_on=audit.completed_on or day,
            )
            if audit.state != AuditState.SUBMITTED.value:
                record_transition(recorder, audit, AuditState.SUBMITTED, "Case record saved")
            route_signed_audit(recorder, audit, day)
            return AuditState(audit.state)

    # -- team notes, findings, actions ------------------------------------------------------

    def detail(self, visit_id: str) -> VisitDetail:
        with self._store.reader() as session:
            visit = _visit(session, visit_id)
            _, team_form = _latest_form(session, TEAM_FORM)
            questions = tuple(
                NoteQuestion(q.id, s.title, q.text, q.help)
                for s in team_form.sections
                for q in s.questions
            )
            notes = {
                n.question_id: n.text
                for n in session.scalars(select(m.BttfNote).where(m.BttfNote.visit_id == visit_id))
            }
            findings = {
                f.area: (f.strengths, f.improvements)
                for f in session.scalars(
                    select(m.BttfFinding).where(m.BttfFinding.visit_id == visit_id)
                )
            }
            names = dict(session.execute(select(m.Person.id, m.Person.name)).all())
            actions = tuple(
                ActionRow(a.id, a.description, names.get(a.owner_id, ""), a.due_on)
                for a in session.scalars(
                    select(m.BttfAction)
                    .where(m.BttfAction.visit_id == visit_id, m.BttfAction.deleted_at.is_(None))
                    .order_by(m.BttfAction.due_on, m.BttfAction.created_at)
                )
            )
            return VisitDetail(
                _summary(session, visit),
                tuple(_case_rows(session, visit_id)),
                questions,
                notes,
                findings,
                visit.judgement_rationale,
                actions,
            )

    @writes(Change.PROGRAMME)
    def save_notes(self, visit_id: str, notes: Mapping[str, str], actor: Actor) -> None:
        _require(actor, Capability.MANAGE_PROGRAMME)
        with self._store.session() as session:
            _visit(session, visit_id)
            _, team_form = _latest_form(session, TEAM_FORM)
            known = {q.id for q in team_form.questions()}
            recorder = Recorder(session, actor.id, self._clock())
            existing = {
                n.question_id: n
                for n in session.scalars(select(m.BttfNote).where(m.BttfNote.visit_id == visit_id))
            }
            for question_id, text in notes.items():
                if question_id not in known:
                    raise ValidationError(
                        "Question {question} is not on the team notes form.", question=question_id
                    )
                row = existing.get(question_id)
                if row is None:
                    if text.strip():
                        recorder.insert(
                            m.BttfNote, visit_id=visit_id, question_id=question_id, text=text
                        )
                else:
                    recorder.update(row, text=text)

    @writes(Change.PROGRAMME)
    def save_findings(self, visit_id: str, entry: FindingsEntry, actor: Actor) -> None:
        _require(actor, Capability.MANAGE_PROGRAMME)
        unknown = [a for a in entry.findings if a not in PRACTICE_AREAS]
        if unknown:
            raise ValidationError("{area} is not a practice area.", area=unknown[0])
        if entry.judgement is not None and not entry.rationale.strip():
            raise ValidationError("Say why the team gets this judgement before saving it.")
        with self._store.session() as session:
            visit = _visit(session, visit_id)
            recorder = Recorder(session, actor.id, self._clock())
            existing = {
                f.area: f
                for f in session.scalars(
                    select(m.BttfFinding).where(m.BttfFinding.visit_id == visit_id)
                )
            }
            for area, (strengths, improvements) in entry.findings.items():
                row = existing.get(area)
                if row is None:
                    if strengths.strip() or improvements.strip():
                        recorder.insert(
                            m.BttfFinding,
                            visit_id=visit_id,
                            area=area,
                            strengths=strengths,
                            improvements=improvements,
                        )
                else:
                    recorder.update(row, strengths=strengths, improvements=improvements)
            recorder.update(
                visit,
                judgement=entry.judgement.value if entry.judgement else None,
                judgement_rationale=entry.rationale,
            )

    @writes(Change.PROGRAMME)
    def add_action(
        self, visit_id: str, description: str, owner_id: str, due_on: date, actor: Actor
    ) -> str:
        _require(actor, Capability.MANAGE_PROGRAMME)
        if not description.strip():
            raise ValidationError("Say what the action is.")
        with self._store.session() as session:
            _visit(session, visit_id)
            recorder = Recorder(session, actor.id, self._clock())
            action = recorder.insert(
                m.BttfAction,
                visit_id=visit_id,
                description=description.strip(),
                owner_id=owner_id,
                due_on=due_on,
                created_at=recorder.now,
            )
            return action.id

    # -- the report ------------------------------------------------------------------------

    def report_data(self, visit_id: str) -> BttfReportData:
        detail = self.detail(visit_id)
        with self._store.reader() as session:
            visit = _visit(session, visit_id)
            team = session.get(m.Team, visit.team_id)
            area = session.get(m.Area, team.area_id) if team else None
            answers: dict[str, dict[str, str]] = {}
            for audit_id, question_id, value in session.execute(
                select(m.Answer.audit_id, m.Answer.question_id, m.Answer.value).where(
                    m.Answer.audit_id.in_([c.audit_id for c in detail.cases])
                )
            ):
                answers.setdefault(audit_id, {})[question_id] = value or ""
        summary = detail.summary
        sections: dict[str, list[tuple[str, str]]] = {}
        for q in detail.note_questions:
            sections.setdefault(q.section, []).append((q.text, detail.notes.get(q.id, "")))
        return BttfReportData(
            team=summary.team,
            service=summary.service,
            area=area.name if area else "",
            year=summary.year,
            planned_on=summary.planned_on,
            lead=summary.lead,
            inspection_team=summary.members,
            judgement=summary.judgement,
            judgement_rationale=detail.judgement_rationale,
            cases=tuple(
                BttfCaseLine(
                    c.audit_reference,
                    c.case_reference,
                    c.case_initials,
                    c.practitioner,
                    c.grade,
                    answers.get(c.audit_id, {}).get("BC1", ""),
                    answers.get(c.audit_id, {}).get("BC6", ""),
                )
                for c in detail.cases
            ),
            notes=tuple(BttfNoteSection(title, tuple(items)) for title, items in sections.items()),
            findings=tuple(
                BttfFindingLine(area_name, *detail.findings.get(area_name, ("", "")))
                for area_name in PRACTICE_AREAS
            ),
            actions=tuple(BttfActionLine(a.description, a.owner, a.due_on) for a in detail.actions),
        )

    def export_report(self, visit_id: str, path: Path) -> Path:
        """Write the visit's PDF report to ``path`` (all or nothing) and return the path."""
        data = build_bttf_report(self.report_data(visit_id))
        folder = path.parent
        if not folder.is_dir():
            raise UserError(
                "Could not save the PDF: the folder {folder} does not exist.", folder=str(folder)
            )
        handle, temporary = tempfile.mkstemp(prefix=".qa-bttf-", suffix=".pdf", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        return path

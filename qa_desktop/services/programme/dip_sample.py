"""Dip samples: a few questions checked across many cases, entered in a fast grid.

The questions are the dip sample form's, or any yes/partly/no questions of any other form
(``form_key``); the cases come from every team, one team, or several teams at once.

Each case in a dip sample is an audit of type ``dip_sample`` on the dip sample form, and its
answers are ordinary answers with the learning audit's question ids, so reports compare them
like with like. Finishing the dip sample closes its audits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.answers import Answer, score
from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.forms import AnswerType, FormDefinition, PartlyCounts
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.references import audit_reference
from qa_desktop.domain.roles import Capability
from qa_desktop.domain.sampling import draw_sample
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, today
from qa_desktop.services.programme.forms import form_from_source, latest_versions
from qa_desktop.services.programme.monthly_plan import candidates
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

DIP_FORM = "dip-sample"


@dataclass(frozen=True)
class DipQuestion:
    id: str
    text: str


@dataclass(frozen=True)
class DipForm:
    key: str
    title: str


@dataclass(frozen=True)
class DipSampleRequest:
    title: str
    cases: int
    seed: int
    question_ids: tuple[str, ...] = ()  # empty: every question on the dip sample form
    team_id: str | None = None  # one team (None: see team_ids)
    team_ids: tuple[str, ...] = ()  # several teams (empty, and no team_id: every team)
    form_key: str | None = None  # the form whose questions are checked (None: dip sample)


@dataclass(frozen=True)
class DipSampleInfo:
    id: str
    title: str
    created_on: date
    cases: int
    answered: int  # cases with every question answered
    finished_on: date | None


@dataclass(frozen=True)
class DipRow:
    audit_id: str
    audit_reference: str
    case_reference: str
    team: str
    answers: dict[str, Answer | None]


@dataclass(frozen=True)
class DipGrid:
    id: str
    title: str
    questions: tuple[DipQuestion, ...]
    rows: tuple[DipRow, ...]
    finished_on: date | None


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    yes: int
    partly: int
    no: int
    na: int
    compliance: float | None  # percent of applicable answers (Partly counts half)


@dataclass(frozen=True)
class TeamResult:
    team: str  # "" for the whole sample
    cases: int
    questions: tuple[QuestionResult, ...]


MAX_QUESTIONS = 5  # a dip sample stays quick: a few questions across many cases


def _form(session: Session, key: str = DIP_FORM) -> tuple[str, FormDefinition]:
    found = session.execute(
        select(m.FormVersion.id, m.FormVersion.source)
        .join(m.Form, m.Form.id == m.FormVersion.form_id)
        .where(m.Form.key == key)
        .order_by(m.FormVersion.version.desc())
        .limit(1)
    ).first()
    if found is None:
        if key == DIP_FORM:
            raise ValidationError("The dip sample form is not in this store.")
        raise ValidationError("There is no form {key} in this store.", key=key)
    return found[0], form_from_source(found[1], key)


def question_result(question_id: str, answers: list[Answer | None]) -> QuestionResult:
    given = [a for a in answers if a is not None]
    scores = [s for s in (score(a, PartlyCounts.HALF) for a in given) if s is not None]
    return QuestionResult(
        question_id,
        sum(a is Answer.YES for a in given),
        sum(a is Answer.PARTLY for a in given),
        sum(a is Answer.NO for a in given),
        sum(a is Answer.NA for a in given),
        100.0 * sum(scores) / len(scores) if scores else None,
    )


class DipSampleService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def forms(self) -> tuple[DipForm, ...]:
        """The forms a dip sample can check (those with a yes or no question, newest versions):
        the dip sample form first, then the others by title."""
        with self._store.reader() as session:
            found = []
            for info in latest_versions(session):
                version = session.get(m.FormVersion, info.id)
                assert version is not None
                form = form_from_source(version.source, info.key)
                if any(q.answer_type is AnswerType.YES_NO for q in form.questions()):
                    found.append(DipForm(info.key, info.title))
        return tuple(sorted(found, key=lambda f: (f.key != DIP_FORM, f.title)))

    def questions(self, form_key: str = DIP_FORM) -> tuple[DipQuestion, ...]:
        """The questions a dip sample can check on a form (answered yes, partly, no or
        not applicable): by default those on the dip sample form."""
        with self._store.reader() as session:
            _, form = _form(session, form_key)
        return tuple(
            DipQuestion(q.id, q.text)
            for q in form.questions()
            if q.answer_type is AnswerType.YES_NO
        )

    @writes(Change.PROGRAMME | Change.AUDITS)
    def create(self, request: DipSampleRequest, actor: Actor) -> str:
        if not actor.can(Capability.AUDIT) and not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused("Only auditors and the QA team can run dip samples.")
        if not request.title.strip():
            raise ValidationError("Give the dip sample a title.")
        with self._store.session() as session:
            version_id, form = _form(session, request.form_key or DIP_FORM)
            known = [q.id for q in form.questions() if q.answer_type is AnswerType.YES_NO]
            chosen = request.question_ids or tuple(known)
            unknown = [q for q in chosen if q not in known]
            if unknown:
                raise ValidationError(
                    "Question {question} is not a yes or no question on {form}.",
                    question=unknown[0],
                    form=form.title,
                )
            if not 1 <= len(chosen) <= MAX_QUESTIONS:
                raise ValidationError(
                    "A dip sample checks one to {most} questions.", most=MAX_QUESTIONS
                )
            teams = set(request.team_ids) | ({request.team_id} if request.team_id else set())
            pool = [c for c in candidates(session) if not teams or c.team_id in teams]
            day = today(self._clock)
            sample = draw_sample(pool, request.cases, request.seed, day, exclude_months=0)
            recorder = Recorder(session, actor.id, self._clock())
            dip = recorder.insert(
                m.DipSample,
                title=request.title.strip(),
                form_version_id=version_id,
                question_ids=",".join(chosen),
                auditor_id=actor.id,
                created_on=day,
                created_at=recorder.now,
            )
            session.flush()  # the parent row first: children refer to it
            for position, case in enumerate(sorted(sample, key=lambda c: (c.team, c.reference))):
                audit_id = m.new_id()
                recorder.insert(
                    m.Audit,
                    id=audit_id,
                    reference=audit_reference(audit_id),
                    case_id=case.case_id,
                    form_version_id=version_id,
                    audit_type=AuditType.DIP_SAMPLE.value,
                    state=AuditState.IN_PROGRESS.value,
                    auditor_id=actor.id,
                    practitioner_id=case.practitioner_id,
                    started_on=day,
                    created_at=recorder.now,
                )
                session.flush()
                recorder.insert(
                    m.DipSampleCase, dip_sample_id=dip.id, audit_id=audit_id, position=position
                )
            return dip.id

    def list(self) -> tuple[DipSampleInfo, ...]:
        with self._store.reader() as session:
            result = []
            for dip in session.scalars(
                select(m.DipSample).order_by(m.DipSample.created_at.desc(), m.DipSample.title)
            ):
                grid = self._grid(session, dip)
                answered = sum(all(v is not None for v in r.answers.values()) for r in grid.rows)
                result.append(
                    DipSampleInfo(
                        dip.id, dip.title, dip.created_on, len(grid.rows), answered, dip.finished_on
                    )
                )
            return tuple(result)

    def grid(self, dip_id: str) -> DipGrid:
        with self._store.reader() as session:
            dip = session.get(m.DipSample, dip_id)
            if dip is None:
                raise ValidationError("That dip sample is no longer in this store.")
            return self._grid(session, dip)

    def _grid(self, session: Session, dip: m.DipSample) -> DipGrid:
        version = session.get(m.FormVersion, dip.form_version_id)
        assert version is not None
        form = form_from_source(version.source, f"form version {version.id}")
        ids = dip.question_ids.split(",")
        questions = tuple(DipQuestion(q, form.question(q).text) for q in ids)
        rows = session.execute(
            select(m.Audit.id, m.Audit.reference, m.Case.reference, m.Team.name)
            .join(m.DipSampleCase, m.DipSampleCase.audit_id == m.Audit.id)
            .join(m.Case, m.Case.id == m.Audit.case_id)
            .join(m.Team, m.Team.id == m.Case.team_id)
            .where(m.DipSampleCase.dip_sample_id == dip.id)
            .order_by(m.DipSampleCase.position)
        ).all()
        answers: dict[str, dict[str, Answer]] = defaultdict(dict)
        for audit_id, question_id, value in session.execute(
            select(m.Answer.audit_id, m.Answer.question_id, m.Answer.value)
            .join(m.DipSampleCase, m.DipSampleCase.audit_id == m.Answer.audit_id)
            .where(m.DipSampleCase.dip_sample_id == dip.id, m.Answer.value.is_not(None))
        ):
            if value is not None:  # never, by the query: for the type
                answers[audit_id][question_id] = Answer(value)
        return DipGrid(
            dip.id,
            dip.title,
            questions,
            tuple(
                DipRow(audit_id, ref, case_ref, team, {q: answers[audit_id].get(q) for q in ids})
                for audit_id, ref, case_ref, team in rows
            ),
            dip.finished_on,
        )

    @writes(Change.AUDITS)
    def set_answer(
        self, audit_id: str, question_id: str, value: Answer | None, actor: Actor
    ) -> None:
        """Record (or clear, with None) one cell of the grid."""
        with self._store.session() as session:
            audit = session.get(m.Audit, audit_id)
            link = session.scalar(
                select(m.DipSampleCase).where(m.DipSampleCase.audit_id == audit_id)
            )
            if audit is None or link is None:
                raise ValidationError("That case is no longer in the dip sample.")
            if not AuditState(audit.state).editable:
                raise ValidationError(
                    "This dip sample is finished; its answers can no longer change."
                )
            dip = session.get(m.DipSample, link.dip_sample_id)
            assert dip is not None
            if question_id not in dip.question_ids.split(","):
                raise ValidationError(
                    "Question {question} is not in this dip sample.", question=question_id
                )
            recorder = Recorder(session, actor.id, self._clock())
            row = session.scalar(
                select(m.Answer).where(
                    m.Answer.audit_id == audit_id, m.Answer.question_id == question_id
                )
            )
            stored = value.value if value is not None else None
            if row is None:
                if stored is not None:
                    recorder.insert(
                        m.Answer, audit_id=audit_id, question_id=question_id, value=stored
                    )
            else:
                recorder.update(row, value=stored)

    @writes(Change.PROGRAMME | Change.AUDITS)
    def finish(self, dip_id: str, actor: Actor) -> None:
        """Close the dip sample's audits; every case must have every question answered."""
        grid = self.grid(dip_id)
        missing = [r for r in grid.rows if any(v is None for v in r.answers.values())]
        if missing:
            raise ValidationError(
                "{count} case(s) still have a question unanswered (first: {case}). Answer "
                "every cell before finishing.",
                count=len(missing),
                case=missing[0].case_reference,
            )
        with self._store.session() as session:
            recorder = Recorder(session, actor.id, self._clock())
            day = today(self._clock)
            for row in grid.rows:
                audit = session.get(m.Audit, row.audit_id)
                assert audit is not None
                recorder.update(
                    audit,
                    state=AuditState.CLOSED.value,
                    submitted_on=day,
                    completed_on=day,
                    closed_on=day,
                )
            dip = session.get(m.DipSample, dip_id)
            assert dip is not None
            recorder.update(dip, finished_on=day)

    def results(self, dip_id: str) -> tuple[TeamResult, ...]:
        """Answers counted per team and question, with compliance (Partly counts half);
        the last row (team "") covers the whole sample."""
        grid = self.grid(dip_id)
        by_team: dict[str, list[DipRow]] = defaultdict(list)
        for row in grid.rows:
            by_team[row.team].append(row)
        groups = [*sorted(by_team.items()), ("", list(grid.rows))]
        return tuple(
            TeamResult(
                team,
                len(rows),
                tuple(
                    question_result(q.id, [r.answers[q.id] for r in rows]) for q in grid.questions
                ),
            )
            for team, rows in groups
        )

"""Family feedback: the family's own view of the work, linked to an audit.

The questionnaire comes from the forms (adult, or child-friendly with faces). It is recorded
by someone other than the allocated worker, and only with consent (a refusal is recorded too,
with no answers). Reports count answers by value: for adults ``yes`` and ``mostly`` are
positive, for children ``happy``; ``dont_know`` is left out.

Who reads what a family said, beside an audit (the audit viewer, the audit record PDF) and in
the summary (the Programme screen): the people who may see every audit (managers and the QA
team), except the allocated worker, the same person the rule above keeps from collecting it,
so that the family can speak freely. The summary applies the rule row by row
(:func:`may_read_feedback`) before it counts anything.

The council aims for family feedback on every audit (the published setting
``feedback.aim_percent``, 100 by default). The summary's coverage counts the audits signed off
in the period that the reports count (dip samples left out: they check a few questions, with
no conversation with the family), and of them those with a questionnaire the family gave
(recorded at any date) and those where the family was asked and declined. It follows the same
rule: an audit where the reader is the allocated worker is neither shown nor counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.calendar import Period
from qa_desktop.domain.forms import AnswerType, FormDefinition
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.published_settings import FEEDBACK_AIM_PERCENT
from qa_desktop.domain.roles import Capability
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.reports.feedback_summary import (
    CoverageLine,
    FeedbackSummaryData,
    QuestionnaireLine,
    TeamFeedbackLine,
)
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, today
from qa_desktop.services.programme.forms import form_from_source
from qa_desktop.services.published import read_setting
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder
from qa_desktop.store.reporting.queries import counts

POSITIVE = frozenset({"yes", "mostly", "happy"})
NOT_COUNTED = frozenset({"dont_know"})


class Respondent(StrEnum):
    ADULT = "adult"
    CHILD = "child"

    @property
    def form_key(self) -> str:
        return f"family-feedback-{self.value}"

    @property
    def label(self) -> str:
        return {"adult": "Parent or carer", "child": "Child"}[self.value]


class Method(StrEnum):
    PHONE = "phone"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return {"phone": "By phone", "in_person": "In person"}[self.value]


@dataclass(frozen=True)
class Questionnaire:
    form_version_id: str
    form: FormDefinition


@dataclass(frozen=True)
class AuditForFeedback:
    audit_id: str
    reference: str
    case_reference: str
    case_initials: str
    team: str
    grade: Grade | None
    allocated_worker_ids: frozenset[str]
    allocated_worker: str


@dataclass(frozen=True)
class FeedbackForms:
    audit: AuditForFeedback
    questionnaires: dict[Respondent, Questionnaire]


@dataclass(frozen=True)
class FeedbackAnswerEntry:
    question_id: str
    value: str | None
    comment: str = ""


@dataclass(frozen=True)
class FeedbackEntry:
    audit_id: str
    respondent: Respondent
    consent_given: bool
    consent_note: str
    method: Method
    answers: tuple[FeedbackAnswerEntry, ...]
    recorded_on: date | None = None  # today when not given


@dataclass(frozen=True)
class FeedbackRow:
    """One questionnaire, beside the audit's grade."""

    feedback_id: str
    audit_reference: str
    case_reference: str
    team: str
    grade: Grade | None
    respondent: Respondent
    consent_given: bool
    recorded_on: date
    recorded_by: str
    positive: int
    counted: int

    @property
    def positive_percent(self) -> float | None:
        return 100.0 * self.positive / self.counted if self.counted else None


@dataclass(frozen=True)
class TeamFeedback:
    team: str
    questionnaires: int
    declined: int
    positive: int
    counted: int

    @property
    def positive_percent(self) -> float | None:
        return 100.0 * self.positive / self.counted if self.counted else None


@dataclass(frozen=True)
class FeedbackCoverage:
    """How many of a team's audits signed off in the period have family feedback."""

    team: str  # "" for every team together
    audits: int
    with_feedback: int  # at least one questionnaire the family gave
    declined: int  # asked, but every questionnaire a refusal

    @property
    def share_percent(self) -> float | None:
        return 100.0 * self.with_feedback / self.audits if self.audits else None

    @property
    def without_feedback(self) -> int:
        return self.audits - self.with_feedback


@dataclass(frozen=True)
class FeedbackSummary:
    period: Period | None
    rows: tuple[FeedbackRow, ...]
    teams: tuple[TeamFeedback, ...]
    # By team (teams with audits in the period), then the whole ("") last.
    coverage: tuple[FeedbackCoverage, ...] = ()
    aim_percent: float = 100.0

    @property
    def overall(self) -> FeedbackCoverage:
        return self.coverage[-1] if self.coverage else FeedbackCoverage("", 0, 0, 0)

    @property
    def aim_met(self) -> bool:
        share = self.overall.share_percent
        return share is not None and share >= self.aim_percent


@dataclass(frozen=True)
class FeedbackSaid:
    """One answer as the person reading it needs it: the question and the answer's words."""

    question_id: str
    question: str
    value: str | None  # as stored (a choice's value: the child's faces are happy, okay, sad)
    answer: str  # the option's label, or the words written; "" when not answered
    comment: str


@dataclass(frozen=True)
class FeedbackDetail:
    """One questionnaire on an audit: who gave it, when, with what consent, what they said."""

    feedback_id: str
    respondent: Respondent
    consent_given: bool
    consent_note: str
    method: Method
    recorded_on: date
    recorded_by: str
    said: tuple[FeedbackSaid, ...]


def may_read_feedback(actor: Actor, allocated_worker_ids: frozenset[str]) -> bool:
    """What a family said is for managers and the QA team, never the allocated worker."""
    return actor.can(Capability.VIEW_ALL_AUDITS) and actor.id not in allocated_worker_ids


def audit_feedback(
    session: Session, audit_id: str, actor: Actor
) -> tuple[FeedbackDetail, ...] | None:
    """The audit's family feedback, oldest first; None when this person may not read it."""
    if not may_read_feedback(actor, _audit(session, audit_id).allocated_worker_ids):
        return None
    recorder = aliased(m.Person)
    found = session.execute(
        select(m.FamilyFeedback, m.FormVersion.source, recorder.name)
        .join(m.FormVersion, m.FormVersion.id == m.FamilyFeedback.form_version_id)
        .join(recorder, recorder.id == m.FamilyFeedback.recorded_by_id)
        .where(m.FamilyFeedback.audit_id == audit_id, m.FamilyFeedback.deleted_at.is_(None))
        .order_by(m.FamilyFeedback.recorded_on, m.FamilyFeedback.created_at)
    ).all()
    answers: dict[str, dict[str, tuple[str | None, str]]] = defaultdict(dict)
    if found:
        for feedback_id, question_id, value, comment in session.execute(
            select(
                m.FeedbackAnswer.feedback_id,
                m.FeedbackAnswer.question_id,
                m.FeedbackAnswer.value,
                m.FeedbackAnswer.comment,
            ).where(m.FeedbackAnswer.feedback_id.in_([f.id for f, _s, _n in found]))
        ):
            answers[feedback_id][question_id] = (value, comment)
    details = []
    for feedback, source, recorded_by in found:
        form = form_from_source(source, "family feedback")
        given = answers[feedback.id]
        said = []
        for question in form.questions():  # in the questionnaire's order
            if question.id not in given:
                continue
            value, comment = given[question.id]
            answer = value or ""
            if value and question.answer_type is AnswerType.CHOICE:
                answer = next((o.label for o in question.options if o.value == value), value)
            said.append(FeedbackSaid(question.id, question.text, value, answer, comment))
        details.append(
            FeedbackDetail(
                feedback.id,
                Respondent(feedback.respondent),
                feedback.consent_given,
                feedback.consent_note,
                Method(feedback.method),
                feedback.recorded_on,
                recorded_by,
                tuple(said),
            )
        )
    return tuple(details)


def _questionnaire(session: Session, respondent: Respondent) -> Questionnaire:
    found = session.execute(
        select(m.FormVersion.id, m.FormVersion.source)
        .join(m.Form, m.Form.id == m.FormVersion.form_id)
        .where(m.Form.key == respondent.form_key)
        .order_by(m.FormVersion.version.desc())
        .limit(1)
    ).first()
    if found is None:
        raise ValidationError(
            "The family feedback form {key} is not in this store.", key=respondent.form_key
        )
    return Questionnaire(found[0], form_from_source(found[1], respondent.form_key))


def _audit(session: Session, audit_id: str) -> AuditForFeedback:
    worker = aliased(m.Person)
    found = session.execute(
        select(m.Audit, m.Case, m.Team.name, worker.name)
        .join(m.Case, m.Case.id == m.Audit.case_id)
        .join(m.Team, m.Team.id == m.Case.team_id)
        .outerjoin(worker, worker.id == m.Case.practitioner_id)
        .where(m.Audit.id == audit_id, m.Audit.deleted_at.is_(None))
    ).first()
    if found is None:
        raise ValidationError("That audit is no longer in this store.")
    audit, case, team, worker_name = found
    workers = frozenset(p for p in (audit.practitioner_id, case.practitioner_id) if p)
    return AuditForFeedback(
        audit.id,
        audit.reference,
        case.reference,
        case.initials,
        team,
        Grade(audit.overall_grade) if audit.overall_grade else None,
        workers,
        worker_name or "",
    )


def check_answers(form: FormDefinition, answers: tuple[FeedbackAnswerEntry, ...]) -> None:
    """Every answer belongs to the form, and a choice is one of its question's options."""
    questions = {q.id: q for q in form.questions()}
    for answer in answers:
        question = questions.get(answer.question_id)
        if question is None:
            raise ValidationError(
                "Question {question} is not on the {form} form.",
                question=answer.question_id,
                form=form.title,
            )
        if (
            answer.value is not None
            and question.answer_type is AnswerType.CHOICE
            and answer.value not in {o.value for o in question.options}
        ):
            raise ValidationError(
                "'{value}' is not an answer to question {question}.",
                value=answer.value,
                question=answer.question_id,
            )


class FeedbackService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def find_audit(self, reference: str) -> str:
        """The id of the audit with this reference (``QA-…``)."""
        text = reference.strip().upper()
        with self._store.reader() as session:
            audit_id = session.scalar(
                select(m.Audit.id).where(m.Audit.reference == text, m.Audit.deleted_at.is_(None))
            )
        if audit_id is None:
            raise ValidationError(
                "There is no audit {reference} in this store. Check the reference (QA- and "
                "seven letters or numbers).",
                reference=reference.strip(),
            )
        return audit_id

    def forms_for(self, audit_id: str) -> FeedbackForms:
        with self._store.reader() as session:
            return FeedbackForms(
                _audit(session, audit_id),
                {r: _questionnaire(session, r) for r in Respondent},
            )

    @writes(Change.FEEDBACK)
    def record(self, entry: FeedbackEntry, actor: Actor) -> str:
        """Record one questionnaire (or a refusal of consent); returns its id."""
        with self._store.session() as session:
            audit = _audit(session, entry.audit_id)
            if actor.id in audit.allocated_worker_ids:
                raise PermissionRefused(
                    "Family feedback is collected by someone other than the allocated worker, "
                    "so that the family can speak freely. Ask a colleague to record it."
                )
            given = [a for a in entry.answers if a.value or a.comment.strip()]
            if not entry.consent_given and given:
                raise ValidationError(
                    "The family has not given consent, so their answers cannot be recorded. "
                    "Record the refusal with no answers, or ask for consent first."
                )
            if entry.consent_given and not given:
                raise ValidationError("Answer at least one question before saving.")
            questionnaire = _questionnaire(session, entry.respondent)
            check_answers(questionnaire.form, tuple(given))
            recorder = Recorder(session, actor.id, self._clock())
            feedback = recorder.insert(
                m.FamilyFeedback,
                audit_id=audit.audit_id,
                form_version_id=questionnaire.form_version_id,
                respondent=entry.respondent.value,
                recorded_by_id=actor.id,
                consent_given=entry.consent_given,
                consent_note=entry.consent_note.strip(),
                method=entry.method.value,
                recorded_on=entry.recorded_on or today(self._clock),
                created_at=recorder.now,
            )
            session.flush()  # the parent row first: children refer to it
            for answer in given:
                recorder.insert(
                    m.FeedbackAnswer,
                    feedback_id=feedback.id,
                    question_id=answer.question_id,
                    value=answer.value,
                    comment=answer.comment.strip(),
                )
            return feedback.id

    def summary(
        self, actor: Actor, period: Period | None = None, team_id: str | None = None
    ) -> FeedbackSummary:
        """The questionnaires in the period that ``actor`` may read (:func:`may_read_feedback`),
        each beside its audit's grade, and totals by team counted from those rows only.

        A person who may not see every audit gets none of it (refused with the reason); a
        manager never sees, nor has counted, the questionnaires on an audit where they are the
        allocated worker.
        """
        if not actor.can(Capability.VIEW_ALL_AUDITS):
            raise PermissionRefused(
                "What families said is read by managers and the QA team only, so there is no "
                "summary of family feedback for you."
            )
        recorder = aliased(m.Person)
        with self._store.reader() as session:
            stmt = (
                select(
                    m.FamilyFeedback,
                    m.Audit.reference,
                    m.Audit.overall_grade,
                    m.Case.reference,
                    m.Team.name,
                    recorder.name,
                    m.Audit.practitioner_id,
                    m.Case.practitioner_id,
                )
                .join(m.Audit, m.Audit.id == m.FamilyFeedback.audit_id)
                .join(m.Case, m.Case.id == m.Audit.case_id)
                .join(m.Team, m.Team.id == m.Case.team_id)
                .join(recorder, recorder.id == m.FamilyFeedback.recorded_by_id)
                .where(m.FamilyFeedback.deleted_at.is_(None))
                .order_by(m.FamilyFeedback.recorded_on.desc(), m.Audit.reference)
            )
            if period is not None:
                stmt = stmt.where(m.FamilyFeedback.recorded_on.between(period.start, period.end))
            if team_id:
                stmt = stmt.where(m.Case.team_id == team_id)
            # The allocated workers as _audit names them: the audit's practitioner and the
            # case's. Rows they may not read are dropped before anything is counted.
            found = [
                (feedback, audit_ref, grade, case_ref, team, recorded_by)
                for feedback, audit_ref, grade, case_ref, team, recorded_by, *workers in (
                    session.execute(stmt).all()
                )
                if may_read_feedback(actor, frozenset(w for w in workers if w))
            ]
            # Only answers to choice questions count as positive or not (text answers do not).
            choice_ids: dict[str, frozenset[str]] = {}
            for version_id in {f.form_version_id for f, *_ in found}:
                version = session.get(m.FormVersion, version_id)
                assert version is not None
                form = form_from_source(version.source, "family feedback")
                choice_ids[version_id] = frozenset(
                    q.id for q in form.questions() if q.answer_type is AnswerType.CHOICE
                )
            values: dict[str, list[str]] = defaultdict(list)
            versions = {f.id: f.form_version_id for f, *_ in found}
            ids = list(versions)
            for start in range(0, len(ids), 500):
                for feedback_id, question_id, value in session.execute(
                    select(
                        m.FeedbackAnswer.feedback_id,
                        m.FeedbackAnswer.question_id,
                        m.FeedbackAnswer.value,
                    ).where(
                        m.FeedbackAnswer.feedback_id.in_(ids[start : start + 500]),
                        m.FeedbackAnswer.value.is_not(None),
                    )
                ):
                    if value is not None and question_id in choice_ids[versions[feedback_id]]:
                        values[feedback_id].append(value)
            coverage = _coverage(session, actor, period, team_id)
            aim = read_setting(session, FEEDBACK_AIM_PERCENT)
        rows = []
        for feedback, audit_ref, grade, case_ref, team, recorded_by in found:
            counted = [v for v in values[feedback.id] if v not in NOT_COUNTED]
            rows.append(
                FeedbackRow(
                    feedback.id,
                    audit_ref,
                    case_ref,
                    team,
                    Grade(grade) if grade else None,
                    Respondent(feedback.respondent),
                    feedback.consent_given,
                    feedback.recorded_on,
                    recorded_by,
                    sum(v in POSITIVE for v in counted),
                    len(counted),
                )
            )
        by_team: dict[str, list[FeedbackRow]] = defaultdict(list)
        for row in rows:
            by_team[row.team].append(row)
        teams = tuple(
            TeamFeedback(
                team,
                sum(r.consent_given for r in team_rows),
                sum(not r.consent_given for r in team_rows),
                sum(r.positive for r in team_rows),
                sum(r.counted for r in team_rows),
            )
            for team, team_rows in sorted(by_team.items())
        )
        return FeedbackSummary(period, tuple(rows), teams, coverage, aim)

    def summary_report_data(
        self, actor: Actor, period: Period | None = None, team_id: str | None = None
    ) -> FeedbackSummaryData:
        """The summary as the PDF prints it, under the same rule as :meth:`summary`."""
        summary = self.summary(actor, period, team_id)
        team = ""
        if team_id:
            with self._store.reader() as session:
                team = session.scalar(select(m.Team.name).where(m.Team.id == team_id)) or ""
        return FeedbackSummaryData(
            period_start=period.start if period else None,
            period_end=period.end if period else None,
            team=team,
            produced_on=today(self._clock),
            produced_by=actor.person.name,
            aim_percent=summary.aim_percent,
            coverage=tuple(
                CoverageLine(c.team, c.audits, c.with_feedback, c.declined, c.share_percent)
                for c in summary.coverage
            ),
            teams=tuple(
                TeamFeedbackLine(t.team, t.questionnaires, t.declined, t.positive_percent)
                for t in summary.teams
            ),
            questionnaires=tuple(
                QuestionnaireLine(
                    r.audit_reference,
                    r.team,
                    r.grade.label if r.grade else "Not graded yet",
                    r.respondent.label,
                    r.consent_given,
                    r.recorded_on,
                    r.positive_percent,
                )
                for r in summary.rows
            ),
            withheld_note=(
                f"Made for {actor.person.name}: audits where they are the allocated worker are "
                "neither shown nor counted, so that families can speak freely."
            ),
        )


def _coverage(
    session: Session, actor: Actor, period: Period | None, team_id: str | None
) -> tuple[FeedbackCoverage, ...]:
    """The audits signed off in the period (those the reports count, dip samples left out)
    that ``actor`` may read the feedback of, by team, with and without family feedback."""
    alive = m.FamilyFeedback.deleted_at.is_(None)
    on_audit = m.FamilyFeedback.audit_id == m.Audit.id
    given = exists().where(on_audit, alive, m.FamilyFeedback.consent_given.is_(True))
    asked = exists().where(on_audit, alive)
    stmt = (
        select(m.Team.name, given, asked, m.Audit.practitioner_id, m.Case.practitioner_id)
        .join(m.Case, m.Case.id == m.Audit.case_id)
        .join(m.Team, m.Team.id == m.Case.team_id)
        .where(counts(), m.Audit.audit_type != AuditType.DIP_SAMPLE.value)
    )
    if period is not None:
        stmt = stmt.where(m.Audit.completed_on.between(period.start, period.end))
    if team_id:
        stmt = stmt.where(m.Case.team_id == team_id)
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for team, has_feedback, was_asked, *workers in session.execute(stmt).all():
        if not may_read_feedback(actor, frozenset(w for w in workers if w)):
            continue
        for key in (team, ""):
            tally = tallies[key]
            tally[0] += 1
            tally[1] += bool(has_feedback)
            tally[2] += bool(was_asked) and not has_feedback
    whole = tallies.pop("", [0, 0, 0])
    by_team = [FeedbackCoverage(team, *tally) for team, tally in sorted(tallies.items())]
    return (*by_team, FeedbackCoverage("", *whole))

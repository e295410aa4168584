"""The SQL behind the reports: every figure is an aggregate (GROUP BY) computed by the
database, never a loop over audits in Python. Each function returns plain tuples or frozen
data; the reporting service turns counts into percentages with the domain's rules.

Each figure adds up the counts the store's triggers keep
(:mod:`qa_desktop.store.reporting.kept_queries`, the tables declared in
:mod:`qa_desktop.store.reporting.tables`); the tests compare every one with counting the
audits themselves.

An audit counts in a period by its ``completed_on`` date (the date its grade stands from)
while it is submitted, in moderation or closed (:mod:`.counted`); audits that are deleted,
cancelled, not yet completed or reopened (until signed off again) never count. A grade counts as
confirmed: the moderated grade where a moderator decided, else the auditor's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from qa_desktop.domain.board_papers import OutstandingPractice
from qa_desktop.domain.calendar import Period
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.store import models as m
from qa_desktop.store.queries.audits import AuditRow, _audit_select, _row
from qa_desktop.store.reporting import kept_queries as kept
from qa_desktop.store.reporting.counted import COUNTED_STATES

DONE = "done"


# -- what counts -------------------------------------------------------------------------------


def slice_conditions(slc: ReportSlice, audit: type[m.Audit] = m.Audit) -> list[ColumnElement[bool]]:
    """Conditions on ``audit`` for a slice, as IN-subqueries (no joins in the aggregates)."""
    conditions: list[ColumnElement[bool]] = [audit.deleted_at.is_(None)]
    if slc.team_id or slc.area_id or slc.service_id:
        teams = select(m.Team.id)
        if slc.team_id:
            teams = teams.where(m.Team.id == slc.team_id)
        if slc.area_id:
            teams = teams.where(m.Team.area_id == slc.area_id)
        if slc.service_id:
            teams = teams.where(m.Team.service_id == slc.service_id)
        conditions.append(audit.case_id.in_(select(m.Case.id).where(m.Case.team_id.in_(teams))))
    if slc.worker_id:
        conditions.append(audit.practitioner_id == slc.worker_id)
    if slc.legal_status or slc.age_band:
        conditions.append(audit.id.in_(kept.audits_of_children(slc)))
    if slc.form_key:
        conditions.append(
            audit.form_version_id.in_(
                select(m.FormVersion.id)
                .join(m.Form, m.FormVersion.form_id == m.Form.id)
                .where(m.Form.key == slc.form_key)
            )
        )
    if slc.audit_type:
        conditions.append(audit.audit_type == slc.audit_type)
    return conditions


def counts(audit: type[m.Audit] = m.Audit) -> ColumnElement[bool]:
    """That ``audit`` counts in reports: signed off and not reopened, cancelled or deleted."""
    return and_(
        audit.completed_on.is_not(None),
        audit.state.in_(COUNTED_STATES),
        audit.deleted_at.is_(None),
    )


def completed_in(
    period: Period, slc: ReportSlice, audit: type[m.Audit] = m.Audit
) -> list[ColumnElement[bool]]:
    return [
        audit.completed_on.between(period.start, period.end),
        audit.state.in_(COUNTED_STATES),
        *slice_conditions(slc, audit),
    ]


def _overall_moderation(audit: type[m.Audit] = m.Audit) -> ColumnElement[str]:
    """The confirmed overall grade of ``audit`` (a correlated lookup by the unique key)."""
    moderated = (
        select(m.Moderation.moderated_grade)
        .where(m.Moderation.audit_id == audit.id, m.Moderation.section_id == m.OVERALL)
        .scalar_subquery()
    )
    return func.coalesce(moderated, audit.overall_grade)


# -- forms -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormVersionSource:
    id: str
    key: str
    title: str
    version: int
    source: str


def form_versions(session: Session, ids: Sequence[str]) -> list[FormVersionSource]:
    if not ids:
        return []
    stmt = (
        select(
            m.FormVersion.id, m.Form.key, m.Form.title, m.FormVersion.version, m.FormVersion.source
        )
        .join(m.Form, m.FormVersion.form_id == m.Form.id)
        .where(m.FormVersion.id.in_(list(ids)))
    )
    return [FormVersionSource(*row) for row in session.execute(stmt)]


# -- compliance --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerTally:
    form_version_id: str
    question_id: str
    current: tuple[int, int, int, int]  # yes, partly, no, na
    previous: tuple[int, int, int, int]


def answer_tallies(
    session: Session, period: Period, previous: Period, slc: ReportSlice
) -> list[AnswerTally]:
    """Yes / Partly / No / N/A per form version and question, for a period and the one before.

    From the answer counts the triggers keep (a few hundred rows a day, or a month per team)."""
    return _fold(kept.answer_rows(session, period, previous, slc))


def _fold(rows: Any) -> list[AnswerTally]:
    """(period 0 or 1, version, question, answer, count) rows into tallies."""
    slots = {"yes": 0, "partly": 1, "no": 2, "na": 3}
    counts: dict[tuple[str, str], list[int]] = {}
    for before, version, question, value, count in rows:
        slot = slots.get(value)
        if slot is None:
            continue  # unanswered, or not a Yes / Partly / No question
        counts.setdefault((version, question), [0] * 8)[slot + 4 * before] += int(count)
    return [
        AnswerTally(version, question, (c[0], c[1], c[2], c[3]), (c[4], c[5], c[6], c[7]))
        for (version, question), c in counts.items()
    ]


def audits_per_version(session: Session, period: Period, slc: ReportSlice) -> dict[str, int]:
    return kept.audits_per_version(session, period, slc)


# -- grades ------------------------------------------------------------------------------------


def section_grade_counts(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, str, str, int]]:
    """(form version id, section id, confirmed grade, count) for graded practice areas."""
    return kept.section_grade_counts(session, period, slc)


def overall_grade_counts(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, str, int]]:
    """(form version id, confirmed overall grade, count)."""
    return kept.overall_grade_counts(session, period, slc)


def overall_grade_trend(
    session: Session, periods: Sequence[Period], slc: ReportSlice
) -> list[tuple[int, str, int]]:
    """(index of the period, confirmed overall grade, count) for consecutive periods."""
    return kept.overall_grade_trend(session, periods, slc)


# -- programme, moderation, follow-up ----------------------------------------------------------


def plan_counts(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int, int]:
    """(completed in the period, due in the period, of those due how many completed)."""
    return kept.plan_counts(session, period, slc)


@dataclass(frozen=True)
class AgreementCounts:
    auditor_id: str
    auditor: str
    completed: int  # the auditor's audits counted in the period
    moderated: int
    overall_agreed: int
    area_decisions: int
    area_agreed: int


def agreement_by_auditor(
    session: Session, period: Period, slc: ReportSlice
) -> list[AgreementCounts]:
    """Audits completed in the period and their moderation decisions, per auditor: overall and
    areas."""
    return [AgreementCounts(*row) for row in kept.agreement_rows(session, period, slc)]


def inadequate_counts(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int, int]:
    """(Inadequate audits completed in the period, how many re-audited, how many moved up)."""
    return kept.inadequate_counts(session, period, slc)


def meeting_counts(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int]:
    """Reflective meetings due in the period: (due, held on time, held late, overdue)."""
    return kept.timeliness(session, period, slc, today, reaudits=False)


def reaudit_counts(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int]:
    """Re-audits due in the period (six weeks after each meeting): (due, on time, late,
    overdue)."""
    return kept.timeliness(session, period, slc, today, reaudits=True)


def _action_audit_id() -> ColumnElement[str]:
    return func.coalesce(m.Action.audit_id, m.Meeting.audit_id)


def action_counts(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int, int]:
    """Actions (from audits and their meetings) due in the period: (due, done on time, done
    late, overdue as at today, not yet due)."""
    return kept.action_counts(session, period, slc, today)


def voice_counts(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int]:
    """(audits completed, audits with the voice of the child recorded)."""
    return kept.voice_counts(session, period, slc)


def even_better_if_texts(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, int]]:
    """Each distinct "even better if" comment of the period with how often it was written."""
    return kept.even_better_if_texts(session, period, slc)


def outstanding_practice(
    session: Session, period: Period, slc: ReportSlice
) -> list[OutstandingPractice]:
    """The audits counted in the period that are flagged as outstanding practice, oldest
    first."""
    stmt = (
        select(m.Audit.reference, m.Team.name, m.Area.name, m.Person.name, m.Audit.completed_on)
        .join(m.Case, m.Audit.case_id == m.Case.id)
        .join(m.Team, m.Case.team_id == m.Team.id)
        .join(m.Area, m.Team.area_id == m.Area.id)
        .join(m.Person, m.Person.id == m.Audit.auditor_id)
        .where(*completed_in(period, slc), m.Audit.outstanding_practice.is_(True))
        .order_by(m.Audit.completed_on, m.Audit.reference)
    )
    return [
        OutstandingPractice(reference, team, area, auditor, completed)
        for reference, team, area, auditor, completed in session.execute(stmt)
        if completed is not None  # always: the audits counted are completed
    ]


# -- the audits behind a figure ----------------------------------------------------------------


@dataclass(frozen=True)
class Drill:
    """Which audits stand behind a figure.

    ``kind``: completed, question (key the question id, value an answer or empty for all),
    grade (key a section id or ``overall``, value a grade), moderated (key an auditor id or
    empty; value ``disagreed`` for changed grades only), inadequate (value empty, ``reaudited``
    or ``moved_up``), meetings (value ``late`` or ``overdue``), reaudits (value ``overdue``),
    actions (value ``overdue``), voice (key the questions that measure it, comma-separated;
    value ``missing`` for Partly or No, ``recorded`` for Yes), theme (key the
    theme's phrases, separated by ``|``), due (audits due in the period; value ``missed`` for those not completed).
    """

    kind: str
    key: str = ""
    value: str = ""


def drill_audits(
    session: Session,
    period: Period,
    slc: ReportSlice,
    drill: Drill,
    today: date,
    limit: int = 5000,
) -> tuple[list[AuditRow], int]:
    conditions = _drill_conditions(period, slc, drill, today)
    stmt = _audit_select().where(*conditions)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    stmt = stmt.order_by(m.Audit.completed_on.desc(), m.Audit.reference).limit(limit)
    return [_row(tuple(r)) for r in session.execute(stmt)], total


def _drill_conditions(
    period: Period, slc: ReportSlice, drill: Drill, today: date
) -> list[ColumnElement[bool]]:
    kind, key, value = drill.kind, drill.key, drill.value
    scope = completed_in(period, slc)
    if kind == "completed":
        return scope
    if kind == "question":
        answers = select(m.Answer.audit_id).where(m.Answer.question_id == key)
        answers = (
            answers.where(m.Answer.value == value)
            if value
            else answers.where(m.Answer.value.in_(("yes", "partly", "no", "na")))
        )
        return [*scope, m.Audit.id.in_(answers)]
    if kind == "grade":
        if key == m.OVERALL:
            return [*scope, _overall_moderation() == value]
        moderation = aliased(m.Moderation)
        grade = func.coalesce(moderation.moderated_grade, m.SectionReview.grade)
        reviews = (
            select(m.SectionReview.audit_id)
            .outerjoin(
                moderation,
                and_(
                    moderation.audit_id == m.SectionReview.audit_id,
                    moderation.section_id == m.SectionReview.section_id,
                ),
            )
            .where(m.SectionReview.section_id == key, grade == value)
        )
        return [*scope, m.Audit.id.in_(reviews)]
    if kind == "moderated":
        decisions = select(m.Moderation.audit_id).where(m.Moderation.section_id == m.OVERALL)
        if value == "disagreed":
            decisions = select(m.Moderation.audit_id).where(
                m.Moderation.auditor_grade != m.Moderation.moderated_grade
            )
        extra = [m.Audit.auditor_id == key] if key else []
        return [*scope, *extra, m.Audit.id.in_(decisions)]
    if kind == "inadequate":
        reaudit = aliased(m.Audit)
        conditions = [*scope, _overall_moderation() == Grade.INADEQUATE.value]
        if value in ("reaudited", "moved_up"):
            reaudits = select(reaudit.reaudit_of_id).where(counts(reaudit))
            if value == "moved_up":
                reaudits = reaudits.where(_overall_moderation(reaudit) != Grade.INADEQUATE.value)
            conditions.append(m.Audit.id.in_(reaudits))
        return conditions
    if kind == "meetings":
        held, due = m.Meeting.held_on, m.Meeting.due_on
        state = and_(held.is_(None), due < today) if value == "overdue" else held > due
        meetings = select(m.Meeting.audit_id).where(due.between(period.start, period.end), state)
        return [*slice_conditions(slc), m.Audit.id.in_(meetings)]
    if kind == "reaudits":
        reaudit = aliased(m.Audit)
        done = select(reaudit.reaudit_of_id).where(counts(reaudit))
        meetings = select(m.Meeting.audit_id).where(
            m.Meeting.reaudit_due_on.between(period.start, period.end),
            m.Meeting.reaudit_due_on < today,
            m.Meeting.audit_id.not_in(done),
        )
        return [*slice_conditions(slc), m.Audit.id.in_(meetings)]
    if kind == "actions":
        actions = (
            select(_action_audit_id())
            .select_from(m.Action)
            .outerjoin(m.Meeting, m.Meeting.id == m.Action.meeting_id)
            .where(
                m.Action.deleted_at.is_(None),
                m.Action.due_on.between(period.start, period.end),
                m.Action.status != DONE,
                m.Action.due_on < today,
            )
        )
        return [*slice_conditions(slc), m.Audit.id.in_(actions)]
    if kind == "voice":  # key: the questions that measure it, comma-separated
        wanted = ("yes",) if value == "recorded" else ("partly", "no")
        answers = select(m.Answer.audit_id).where(
            m.Answer.question_id.in_([q for q in key.split(",") if q]),
            m.Answer.value.in_(wanted),
        )
        return [*scope, m.Audit.id.in_(answers)]
    if kind == "theme":  # key: the theme's phrases, separated by "|"
        text = func.lower(m.SectionReview.even_better_if)
        reviews = select(m.SectionReview.audit_id).where(
            or_(*(text.contains(p, autoescape=True) for p in key.split("|") if p))
        )
        return [*scope, m.Audit.id.in_(reviews)]
    if kind == "due":
        conditions = [
            m.Audit.due_on.between(period.start, period.end),
            m.Audit.state != AuditState.CANCELLED.value,
            *slice_conditions(slc),
        ]
        if value == "missed":
            conditions.append(~counts())
        return conditions
    raise ValueError(f"no such figure: {kind}")

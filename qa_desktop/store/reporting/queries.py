"""The SQL behind the reports: every figure is an aggregate (GROUP BY) computed by the
database, never a loop over audits in Python. Each function returns plain tuples or frozen
data; the reporting service turns counts into percentages with the domain's rules.

In the local store (SQLite) each figure adds up the counts its triggers keep
(:mod:`qa_desktop.store.reporting.kept_queries`); the ``*_from_audits`` functions count the
audits themselves (the central PostgreSQL database, and the reference tests compare with).

An audit counts in a period by its ``completed_on`` date (the date its grade stands from);
audits that are deleted, cancelled or not yet completed never count. A grade counts as
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
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.store import models as m
from qa_desktop.store.queries.audits import AuditRow, _audit_select, _row
from qa_desktop.store.reporting import kept_queries as kept

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


def completed_in(
    period: Period, slc: ReportSlice, audit: type[m.Audit] = m.Audit
) -> list[ColumnElement[bool]]:
    return [
        audit.completed_on.between(period.start, period.end),
        audit.state != AuditState.CANCELLED.value,
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


def _overall_join(audit: type[m.Audit] = m.Audit) -> tuple[Any, ColumnElement[str]]:
    """An outer join to the overall moderation of ``audit`` and the confirmed grade it gives
    (one index lookup per audit, read from the covering index ix_moderations_grades)."""
    moderation = aliased(m.Moderation)
    on = and_(moderation.audit_id == audit.id, moderation.section_id == m.OVERALL)
    return (moderation, on), func.coalesce(moderation.moderated_grade, audit.overall_grade)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


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


def kept_counts(session: Session) -> bool:
    """Whether the store keeps the report counts (the local SQLite store: triggers keep them,
    :mod:`qa_desktop.store.reporting.kept_queries`); else the audits themselves are counted."""
    return session.get_bind().dialect.name == "sqlite"


def answer_tallies(
    session: Session, period: Period, previous: Period, slc: ReportSlice
) -> list[AnswerTally]:
    """Yes / Partly / No / N/A per form version and question, for a period and the one before.

    From the answer counts the triggers keep (a few hundred rows a day, or a month per team)
    where the store has them; else from the answers themselves."""
    if kept_counts(session):
        return _fold(kept.answer_rows(session, period, previous, slc))
    return answer_tallies_from_answers(session, period, previous, slc)


def answer_tallies_from_answers(
    session: Session, period: Period, previous: Period, slc: ReportSlice
) -> list[AnswerTally]:
    """Yes / Partly / No / N/A per form version and question, for a period and the one before,
    in one pass over the answers (grouped by period, question and answer: the database counts,
    Python only adds up the few groups)."""
    start, end = min(period.start, previous.start), max(period.end, previous.end)
    audit_scope = (
        select(
            m.Audit.id,
            m.Audit.form_version_id,
            case((m.Audit.completed_on >= period.start, 0), else_=1).label("before"),
        )
        .where(*completed_in(Period(start, end), slc))
        .subquery()
    )
    stmt = (
        select(
            audit_scope.c.before,
            audit_scope.c.form_version_id,
            m.Answer.question_id,
            m.Answer.value,
            func.count(),
        )
        .join(m.Answer, m.Answer.audit_id == audit_scope.c.id)
        .group_by(
            audit_scope.c.before,
            audit_scope.c.form_version_id,
            m.Answer.question_id,
            m.Answer.value,
        )
    )
    return _fold(session.execute(stmt))


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
        AnswerTally(version, question, tuple(c[:4]), tuple(c[4:]))  # type: ignore[arg-type]
        for (version, question), c in counts.items()
    ]


def audits_per_version(session: Session, period: Period, slc: ReportSlice) -> dict[str, int]:
    if kept_counts(session):
        return kept.audits_per_version(session, period, slc)
    return audits_per_version_from_audits(session, period, slc)


def audits_per_version_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> dict[str, int]:
    stmt = (
        select(m.Audit.form_version_id, func.count())
        .where(*completed_in(period, slc))
        .group_by(m.Audit.form_version_id)
    )
    return {version: count for version, count in session.execute(stmt)}


# -- grades ------------------------------------------------------------------------------------


def section_grade_counts(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, str, str, int]]:
    """(form version id, section id, confirmed grade, count) for graded practice areas."""
    if kept_counts(session):
        return kept.section_grade_counts(session, period, slc)
    return section_grade_counts_from_audits(session, period, slc)


def section_grade_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, str, str, int]]:
    moderation = aliased(m.Moderation)
    grade = func.coalesce(moderation.moderated_grade, m.SectionReview.grade)
    stmt = (
        select(m.Audit.form_version_id, m.SectionReview.section_id, grade, func.count())
        .join(m.SectionReview, m.SectionReview.audit_id == m.Audit.id)
        .outerjoin(
            moderation,
            and_(
                moderation.audit_id == m.SectionReview.audit_id,
                moderation.section_id == m.SectionReview.section_id,
            ),
        )
        .where(*completed_in(period, slc), grade.is_not(None))
        .group_by(m.Audit.form_version_id, m.SectionReview.section_id, grade)
    )
    return [tuple(row) for row in session.execute(stmt)]  # type: ignore[misc]


def overall_grade_counts(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, str, int]]:
    """(form version id, confirmed overall grade, count)."""
    if kept_counts(session):
        return kept.overall_grade_counts(session, period, slc)
    return overall_grade_counts_from_audits(session, period, slc)


def overall_grade_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, str, int]]:
    join, grade = _overall_join()
    stmt = (
        select(m.Audit.form_version_id, grade, func.count())
        .outerjoin(*join)
        .where(*completed_in(period, slc), grade.is_not(None))
        .group_by(m.Audit.form_version_id, grade)
    )
    return [tuple(row) for row in session.execute(stmt)]  # type: ignore[misc]


def overall_grade_trend(
    session: Session, periods: Sequence[Period], slc: ReportSlice
) -> list[tuple[int, str, int]]:
    """(index of the period, confirmed overall grade, count) for consecutive periods."""
    if kept_counts(session):
        return kept.overall_grade_trend(session, periods, slc)
    return overall_grade_trend_from_audits(session, periods, slc)


def overall_grade_trend_from_audits(
    session: Session, periods: Sequence[Period], slc: ReportSlice
) -> list[tuple[int, str, int]]:
    if not periods:
        return []
    bucket = case(
        *(
            (m.Audit.completed_on.between(p.start, p.end), literal(i))
            for i, p in enumerate(periods)
        ),
        else_=literal(-1),
    )
    join, grade = _overall_join()
    span = Period(periods[0].start, periods[-1].end)
    stmt = (
        select(bucket, grade, func.count())
        .outerjoin(*join)
        .where(*completed_in(span, slc), grade.is_not(None))
        .group_by(bucket, grade)
    )
    return [tuple(row) for row in session.execute(stmt) if row[0] >= 0]


# -- programme, moderation, follow-up ----------------------------------------------------------


def plan_counts(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int, int]:
    """(completed in the period, due in the period, of those due how many completed)."""
    if kept_counts(session):
        return kept.plan_counts(session, period, slc)
    return plan_counts_from_audits(session, period, slc)


def plan_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> tuple[int, int, int]:
    completed = session.scalar(select(func.count()).where(*completed_in(period, slc))) or 0
    due_stmt = select(func.count(), _count_if(m.Audit.completed_on.is_not(None))).where(
        m.Audit.due_on.between(period.start, period.end),
        m.Audit.state != AuditState.CANCELLED.value,
        *slice_conditions(slc),
    )
    due, due_completed = session.execute(due_stmt).one()
    return completed, int(due), int(due_completed)


@dataclass(frozen=True)
class AgreementCounts:
    auditor_id: str
    auditor: str
    moderated: int
    overall_agreed: int
    area_decisions: int
    area_agreed: int


def agreement_by_auditor(
    session: Session, period: Period, slc: ReportSlice
) -> list[AgreementCounts]:
    """Moderation decisions on audits completed in the period, per auditor: overall and areas."""
    if kept_counts(session):
        return [AgreementCounts(*row) for row in kept.agreement_rows(session, period, slc)]
    return agreement_by_auditor_from_audits(session, period, slc)


def agreement_by_auditor_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> list[AgreementCounts]:
    is_overall = m.Moderation.section_id == m.OVERALL
    agreed = m.Moderation.auditor_grade == m.Moderation.moderated_grade
    stmt = (
        select(
            m.Audit.auditor_id,
            m.Person.name,
            _count_if(is_overall),
            _count_if(and_(is_overall, agreed)),
            _count_if(~is_overall),
            _count_if(and_(~is_overall, agreed)),
        )
        .join(m.Moderation, m.Moderation.audit_id == m.Audit.id)
        .join(m.Person, m.Person.id == m.Audit.auditor_id)
        .where(*completed_in(period, slc))
        .group_by(m.Audit.auditor_id, m.Person.name)
        .order_by(m.Person.name, m.Audit.auditor_id)
    )
    return [AgreementCounts(*row) for row in session.execute(stmt)]


def inadequate_counts(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int, int]:
    """(Inadequate audits completed in the period, how many re-audited, how many moved up)."""
    if kept_counts(session):
        return kept.inadequate_counts(session, period, slc)
    return inadequate_counts_from_audits(session, period, slc)


def inadequate_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> tuple[int, int, int]:
    reaudit = aliased(m.Audit)
    original_join, original_grade = _overall_join()
    reaudit_join, reaudit_grade = _overall_join(reaudit)
    stmt = (
        select(
            func.count(func.distinct(m.Audit.id)),
            func.count(func.distinct(reaudit.reaudit_of_id)),
            func.count(
                func.distinct(
                    case((reaudit_grade != Grade.INADEQUATE.value, reaudit.reaudit_of_id))
                )
            ),
        )
        .select_from(m.Audit)
        .outerjoin(*original_join)
        .outerjoin(
            reaudit,
            and_(
                reaudit.reaudit_of_id == m.Audit.id,
                reaudit.deleted_at.is_(None),
                reaudit.completed_on.is_not(None),
                reaudit.state != AuditState.CANCELLED.value,
            ),
        )
        .outerjoin(*reaudit_join)
        .where(*completed_in(period, slc), original_grade == Grade.INADEQUATE.value)
    )
    inadequate, reaudited, moved_up = session.execute(stmt).one()
    return int(inadequate), int(reaudited), int(moved_up)


def meeting_counts(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int]:
    """Reflective meetings due in the period: (due, held on time, held late, overdue)."""
    if kept_counts(session):
        return kept.timeliness(session, period, slc, today, reaudits=False)
    return meeting_counts_from_audits(session, period, slc, today)


def meeting_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int]:
    return _timeliness(session, period, slc, today, m.Meeting.held_on, m.Meeting.due_on)


def reaudit_counts(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int]:
    """Re-audits due in the period (six weeks after each meeting): (due, on time, late,
    overdue)."""
    if kept_counts(session):
        return kept.timeliness(session, period, slc, today, reaudits=True)
    return reaudit_counts_from_audits(session, period, slc, today)


def reaudit_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int]:
    reaudit = aliased(m.Audit)
    done_on = (
        select(func.min(reaudit.completed_on))
        .where(
            reaudit.reaudit_of_id == m.Meeting.audit_id,
            reaudit.deleted_at.is_(None),
            reaudit.state != AuditState.CANCELLED.value,
        )
        .scalar_subquery()
    )
    return _timeliness(session, period, slc, today, done_on, m.Meeting.reaudit_due_on)


def _timeliness(
    session: Session, period: Period, slc: ReportSlice, today: date, done: Any, due: Any
) -> tuple[int, int, int, int]:
    """Meetings whose ``due`` date falls in the period: (due, done on time, done late,
    overdue today)."""
    stmt = (
        select(
            func.count(),
            _count_if(and_(done.is_not(None), done <= due)),
            _count_if(and_(done.is_not(None), done > due)),
            _count_if(and_(done.is_(None), due < today)),
        )
        .join(m.Audit, m.Audit.id == m.Meeting.audit_id)
        .where(due.between(period.start, period.end), *slice_conditions(slc))
    )
    return tuple(int(v) for v in session.execute(stmt).one())  # type: ignore[return-value]


def _action_audit_id() -> ColumnElement[str]:
    return func.coalesce(m.Action.audit_id, m.Meeting.audit_id)


def action_counts(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int, int]:
    """Actions (from audits and their meetings) due in the period: (due, done on time, done
    late, overdue as at today, not yet due)."""
    if kept_counts(session):
        return kept.action_counts(session, period, slc, today)
    return action_counts_from_audits(session, period, slc, today)


def action_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int, int]:
    done = m.Action.status == DONE
    stmt = (
        select(
            func.count(),
            _count_if(and_(done, m.Action.completed_on <= m.Action.due_on)),
            _count_if(
                and_(
                    done,
                    or_(m.Action.completed_on.is_(None), m.Action.completed_on > m.Action.due_on),
                )
            ),
            _count_if(and_(~done, m.Action.due_on < today)),
            _count_if(and_(~done, m.Action.due_on >= today)),
        )
        .select_from(m.Action)
        .outerjoin(m.Meeting, m.Meeting.id == m.Action.meeting_id)
        .join(m.Audit, m.Audit.id == _action_audit_id())
        .where(
            m.Action.deleted_at.is_(None),
            m.Action.due_on.between(period.start, period.end),
            *slice_conditions(slc),
        )
    )
    return tuple(int(v) for v in session.execute(stmt).one())  # type: ignore[return-value]


def voice_counts(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int]:
    """(audits completed, audits with the voice of the child recorded)."""
    if kept_counts(session):
        return kept.voice_counts(session, period, slc)
    return voice_counts_from_audits(session, period, slc)


def voice_counts_from_audits(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int]:
    stmt = select(func.count(), _count_if(func.trim(m.Audit.voice_of_child) != "")).where(
        *completed_in(period, slc)
    )
    completed, recorded = session.execute(stmt).one()
    return int(completed), int(recorded)


def even_better_if_texts(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, int]]:
    """Each distinct "even better if" comment of the period with how often it was written."""
    if kept_counts(session):
        return kept.even_better_if_texts(session, period, slc)
    return even_better_if_texts_from_audits(session, period, slc)


def even_better_if_texts_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, int]]:
    text = m.SectionReview.even_better_if
    stmt = (
        select(text, func.count())
        .join(m.Audit, m.Audit.id == m.SectionReview.audit_id)
        .where(*completed_in(period, slc), text != literal_column("''"))
        .group_by(text)
    )
    return [(t, int(n)) for t, n in session.execute(stmt)]


# -- the audits behind a figure ----------------------------------------------------------------


@dataclass(frozen=True)
class Drill:
    """Which audits stand behind a figure.

    ``kind``: completed, question (key the question id, value an answer or empty for all),
    grade (key a section id or ``overall``, value a grade), moderated (key an auditor id or
    empty; value ``disagreed`` for changed grades only), inadequate (value empty, ``reaudited``
    or ``moved_up``), meetings (value ``late`` or ``overdue``), reaudits (value ``overdue``),
    actions (value ``overdue``), voice (value ``missing`` or ``recorded``), theme (key the
    phrase), due (audits due in the period; value ``missed`` for those not completed).
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
            reaudits = select(reaudit.reaudit_of_id).where(
                reaudit.deleted_at.is_(None), reaudit.completed_on.is_not(None)
            )
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
        done = select(reaudit.reaudit_of_id).where(
            reaudit.deleted_at.is_(None), reaudit.completed_on.is_not(None)
        )
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
    if kind == "voice":
        recorded = func.trim(m.Audit.voice_of_child) != ""
        return [*scope, recorded if value == "recorded" else ~recorded]
    if kind == "theme":
        pattern = "%" + "%".join(key.split()) + "%"
        reviews = select(m.SectionReview.audit_id).where(
            func.lower(m.SectionReview.even_better_if).like(pattern)
        )
        return [*scope, m.Audit.id.in_(reviews)]
    if kind == "due":
        conditions = [
            m.Audit.due_on.between(period.start, period.end),
            m.Audit.state != AuditState.CANCELLED.value,
            *slice_conditions(slc),
        ]
        if value == "missed":
            conditions.append(m.Audit.completed_on.is_(None))
        return conditions
    raise ValueError(f"no such figure: {kind}")

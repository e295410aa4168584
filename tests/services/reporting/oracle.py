"""The reports' reference: every dashboard figure counted from the audits, answers, reviews,
moderations, meetings and actions themselves, with no kept counts. The product reads the
counts its triggers keep (qa_desktop/store/reporting/); the tests compare each figure with
these, for every kind of slice and period.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.store import models as m
from qa_desktop.store.reporting.queries import (
    DONE,
    AgreementCounts,
    AnswerTally,
    _action_audit_id,
    _fold,
    completed_in,
    counts,
    slice_conditions,
)


def _overall_join(audit: type[m.Audit] = m.Audit) -> tuple[Any, ColumnElement[str]]:
    """An outer join to the overall moderation of ``audit`` and the confirmed grade it gives
    (one index lookup per audit, read from the covering index ix_moderations_grades)."""
    moderation = aliased(m.Moderation)
    on = and_(moderation.audit_id == audit.id, moderation.section_id == m.OVERALL)
    return (moderation, on), func.coalesce(moderation.moderated_grade, audit.overall_grade)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


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


def audits_per_version_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> dict[str, int]:
    stmt = (
        select(m.Audit.form_version_id, func.count())
        .where(*completed_in(period, slc))
        .group_by(m.Audit.form_version_id)
    )
    return {version: count for version, count in session.execute(stmt)}


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
    return [tuple(row) for row in session.execute(stmt) if row[0] >= 0]  # type: ignore[misc]


def plan_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> tuple[int, int, int]:
    completed = session.scalar(select(func.count()).where(*completed_in(period, slc))) or 0
    due_stmt = select(func.count(), _count_if(counts())).where(
        m.Audit.due_on.between(period.start, period.end),
        m.Audit.state != AuditState.CANCELLED.value,
        *slice_conditions(slc),
    )
    due, due_completed = session.execute(due_stmt).one()
    return completed, int(due), int(due_completed)


def agreement_by_auditor_from_audits(
    session: Session, period: Period, slc: ReportSlice
) -> list[AgreementCounts]:
    is_overall = m.Moderation.section_id == m.OVERALL
    agreed = m.Moderation.auditor_grade == m.Moderation.moderated_grade
    stmt = (
        select(
            m.Audit.auditor_id,
            m.Person.name,
            func.count(func.distinct(m.Audit.id)),
            _count_if(is_overall),
            _count_if(and_(is_overall, agreed)),
            _count_if(~is_overall),
            _count_if(and_(~is_overall, agreed)),
        )
        .outerjoin(m.Moderation, m.Moderation.audit_id == m.Audit.id)
        .join(m.Person, m.Person.id == m.Audit.auditor_id)
        .where(*completed_in(period, slc))
        .group_by(m.Audit.auditor_id, m.Person.name)
        .order_by(m.Person.name, m.Audit.auditor_id)
    )
    return [AgreementCounts(*row) for row in session.execute(stmt)]


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
                counts(reaudit),
            ),
        )
        .outerjoin(*reaudit_join)
        .where(*completed_in(period, slc), original_grade == Grade.INADEQUATE.value)
    )
    inadequate, reaudited, moved_up = session.execute(stmt).one()
    return int(inadequate), int(reaudited), int(moved_up)


def meeting_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int]:
    return _timeliness(session, period, slc, today, m.Meeting.held_on, m.Meeting.due_on)


def reaudit_counts_from_audits(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int]:
    reaudit = aliased(m.Audit)
    done_on = (
        select(func.min(reaudit.completed_on))
        .where(
            reaudit.reaudit_of_id == m.Meeting.audit_id,
            counts(reaudit),
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


def voice_counts_from_audits(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int]:
    stmt = select(func.count(), _count_if(func.trim(m.Audit.voice_of_child) != "")).where(
        *completed_in(period, slc)
    )
    completed, recorded = session.execute(stmt).one()
    return int(completed), int(recorded)


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

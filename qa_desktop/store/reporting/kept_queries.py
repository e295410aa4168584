"""The dashboard's figures from the counts SQLite triggers keep (the local store).

Each function returns exactly what its namesake in :mod:`qa_desktop.store.reporting.queries`
returns when that counts the audits themselves, for any period and slice, by adding up the
kept rows instead: the answer and grade counts per day (county) or per team, type and month
(days either side of a period's whole months from the per-team day rows), the comments per
day (county) or team, one row per audit (``report_audits``), per action (``report_actions``)
and per reflective meeting (``report_meetings``), the actions also per team, day and state,
and the audits completed and due per month (the days either side from the audit rows). A
slice by team, service or area is a set of teams; a worker is a column of the audit and action
rows. What the kept counts cannot say (one worker's answers, grades and comments) is read from
the answers and reviews of that worker's audits, found through the audit rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    func,
    literal,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.domain.thematic import AgeBand
from qa_desktop.store import models as m
from qa_desktop.store.reporting.action_facts import (
    LATE,
    ON_TIME,
    OPEN,
    action_day_counts,
    action_facts,
)
from qa_desktop.store.reporting.answer_counts import (
    answer_counts,
    answer_day_counts,
    answer_month_counts,
)
from qa_desktop.store.reporting.audit_facts import audit_facts
from qa_desktop.store.reporting.audit_months import audit_due_months, audit_month_counts
from qa_desktop.store.reporting.better_counts import better_counts, better_team_counts
from qa_desktop.store.reporting.grade_counts import (
    grade_counts,
    grade_month_counts,
    grade_team_counts,
)
from qa_desktop.store.reporting.meeting_facts import meeting_facts

OVERALL = m.OVERALL
f = audit_facts.c


def has_teams(slc: ReportSlice) -> bool:
    return bool(slc.team_id or slc.area_id or slc.service_id)


def per_audit(slc: ReportSlice) -> bool:
    """Whether the slice is counted from the one-row-per-audit facts: one worker's audits, or
    the children of one legal status or age band (no kept count is per child; the facts of a
    slice of children are a few hundred rows, and the case conditions use the cases' keys)."""
    return bool(slc.worker_id or slc.legal_status or slc.age_band)


def county_wide(slc: ReportSlice) -> bool:
    """Whether the county-wide counts serve the slice (all teams, workers and types)."""
    return not (has_teams(slc) or per_audit(slc) or slc.audit_type)


def _age_condition(band: str) -> ColumnElement[bool]:
    """The cases whose child is in an age band (AgeBand values; an unknown age is in none)."""
    age, unborn = m.Case.age_years, m.Case.unborn
    if band == AgeBand.UNBORN.value:
        return unborn.is_(True)
    ranges: dict[str, tuple[int, int | None]] = {
        AgeBand.UNDER_5.value: (0, 4),
        AgeBand.FROM_5_TO_10.value: (5, 10),
        AgeBand.FROM_11_TO_15.value: (11, 15),
        AgeBand.FROM_16.value: (16, None),
    }
    low, high = ranges[band]
    condition = and_(unborn.is_not(True), age >= low)
    return condition if high is None else and_(condition, age <= high)


def audits_of_children(slc: ReportSlice) -> Select[str]:
    """The audits of the slice's children (legal status, age band)."""
    cases = select(m.Case.id)
    if slc.legal_status:
        cases = cases.where(m.Case.legal_status == slc.legal_status)
    if slc.age_band:
        cases = cases.where(_age_condition(slc.age_band))
    return select(m.Audit.id).where(m.Audit.case_id.in_(cases))


def teams_of(slc: ReportSlice) -> Select[str]:
    """The slice's teams (every team when it names none)."""
    teams = select(m.Team.id)
    if slc.team_id:
        teams = teams.where(m.Team.id == slc.team_id)
    if slc.area_id:
        teams = teams.where(m.Team.area_id == slc.area_id)
    if slc.service_id:
        teams = teams.where(m.Team.service_id == slc.service_id)
    return teams


def versions_of(form_key: str) -> Select[str]:
    return (
        select(m.FormVersion.id)
        .join(m.Form, m.FormVersion.form_id == m.Form.id)
        .where(m.Form.key == form_key)
    )


def in_slice(columns: Any, slc: ReportSlice, *, all_teams: bool = False) -> list[Any]:
    """Conditions on a kept table's columns for a slice. ``all_teams``: name the teams even
    when the slice has none (for tables whose key starts with the team)."""
    conditions: list[Any] = []
    if has_teams(slc) or all_teams:
        conditions.append(columns.team_id.in_(teams_of(slc)))
    if slc.worker_id:
        conditions.append(columns.practitioner_id == slc.worker_id)
    if slc.legal_status or slc.age_band:
        conditions.append(columns.audit_id.in_(audits_of_children(slc)))
    if slc.form_key:
        conditions.append(columns.form_version_id.in_(versions_of(slc.form_key)))
    if slc.audit_type:
        conditions.append(columns.audit_type == slc.audit_type)
    return conditions


def _completed(period: Period, slc: ReportSlice) -> list[Any]:
    """The audit rows of audits completed in the period, in the slice."""
    return [f.day.between(period.start, period.end), *in_slice(f, slc)]


def _audit_pieces(
    period: Period, slc: ReportSlice, *, due: bool
) -> list[tuple[Any, list[Any], Any]]:
    """Where the audits completed (``due``: due) in the period are counted, piece by piece:
    (the columns of a kept table, the conditions on them, how many audits one of its rows
    stands for). The whole months from the month rows, the days either side from the audit
    rows; a worker's or some children's audits from the audit rows alone."""
    day = f.due_on if due else f.day

    def rows(first: date, last: date) -> tuple[Any, list[Any], Any]:
        return (f, [day.between(first, last), *in_slice(f, slc)], literal(1))

    if per_audit(slc):
        return [rows(period.start, period.end)]
    months, days = split_months(period)
    pieces = [rows(first, last) for first, last in days]
    if months:
        mc = (audit_due_months if due else audit_month_counts).c
        pieces.append((mc, [mc.month.between(*months), *in_slice(mc, slc)], mc.n))
    return pieces


def _audit_sums(
    session: Session,
    period: Period,
    slc: ReportSlice,
    by: str | None,
    sums: Sequence[str],
    *,
    due: bool = False,
) -> dict[Any, list[int]]:
    """For the audits completed (``due``: due) in the period, per value of the column ``by``
    (None: all in one): [how many, then the sum of each column in ``sums``; for the audits
    rows, ``completed`` is whether the audit counts as completed]."""
    parts = []
    for c, conditions, n in _audit_pieces(period, slc, due=due):
        group = [c[by]] if by else [literal(None)]
        parts.append(
            select(*group, func.sum(n), *(func.sum(_column(c, name)) for name in sums))
            .where(*conditions)
            .group_by(*group)
        )
    totals: dict[Any, list[int]] = {}
    for key, *values in session.execute(union_all(*parts) if len(parts) > 1 else parts[0]):
        into = totals.setdefault(key, [0] * (1 + len(sums)))
        for i, value in enumerate(values):
            into[i] += int(value or 0)
    return totals


def _column(c: Any, name: str) -> Any:
    """A counted column of a month table, or what it adds up in the audit rows."""
    if name == "completed" and c is f:
        return case((f.day.is_not(None), 1), else_=0)
    return c[name]


# -- compliance --------------------------------------------------------------------------------


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def split_months(period: Period) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
    """The whole calendar months of a period (first day of the first and of the last) and the
    days before and after them."""
    first = period.start if period.start.day == 1 else _next_month(period.start)
    after_last = _next_month(period.end)
    if period.end != after_last - timedelta(days=1):
        after_last = _month_start(period.end)
    if first >= after_last:
        return None, [(period.start, period.end)]
    days = []
    if period.start < first:
        days.append((period.start, first - timedelta(days=1)))
    if after_last <= period.end:
        days.append((after_last, period.end))
    months = (first, after_last - timedelta(days=1))
    return (_month_start(months[0]), _month_start(months[1])), days


def answer_rows(
    session: Session, period: Period, previous: Period, slc: ReportSlice
) -> list[tuple[int, str, str, str, int]]:
    """(0 for the period or 1 for the one before, form version, question, answer, count)."""
    if per_audit(slc):
        return _worker_answer_rows(session, period, previous, slc)
    parts: list[Select[Any]] = []
    for flag, span in ((0, period), (1, previous)):
        if county_wide(slc):
            d = answer_day_counts.c
            conditions = [d.day.between(span.start, span.end)]
            if slc.form_key:
                conditions.append(d.form_version_id.in_(versions_of(slc.form_key)))
            parts.append(_tally_part(flag, d, conditions))
            continue
        months, days = split_months(span)
        if months:
            mc = answer_month_counts.c
            parts.append(
                _tally_part(
                    flag,
                    mc,
                    [mc.month.between(*months), *in_slice(mc, slc, all_teams=True)],
                )
            )
        for first, last in days:
            c = answer_counts.c
            parts.append(_tally_part(flag, c, [c.day.between(first, last), *in_slice(c, slc)]))
    return [
        (before, version, question, value, n)
        for before, version, question, value, n in session.execute(union_all(*parts))
    ]


def _tally_part(flag: int, c: Any, conditions: list[Any]) -> Select[Any]:
    return (
        select(literal(flag), c.form_version_id, c.question_id, c.value, func.sum(c.n))
        .where(*conditions, c.n > 0)
        .group_by(c.form_version_id, c.question_id, c.value)
    )


def _worker_answer_rows(
    session: Session, period: Period, previous: Period, slc: ReportSlice
) -> list[tuple[int, str, str, str, int]]:
    start, end = min(period.start, previous.start), max(period.end, previous.end)
    before = case((f.day >= period.start, 0), else_=1)
    stmt = (
        select(before, f.form_version_id, m.Answer.question_id, m.Answer.value, func.count())
        .select_from(audit_facts)
        .join(m.Answer, m.Answer.audit_id == f.audit_id)
        .where(*_completed(Period(start, end), slc))
        .group_by(before, f.form_version_id, m.Answer.question_id, m.Answer.value)
    )
    return [
        (before, version, question, value, n)
        for before, version, question, value, n in session.execute(stmt)
    ]


def audits_per_version(session: Session, period: Period, slc: ReportSlice) -> dict[str, int]:
    totals = _audit_sums(session, period, slc, "form_version_id", ())
    return {version: n for version, (n,) in totals.items() if n}


# -- grades ------------------------------------------------------------------------------------


def _grade_rows(session: Session, stmt: Any) -> list[Any]:
    """Rows of a grouped select (last column the count), leaving out groups of nothing."""
    return [(*row[:-1], int(row[-1])) for row in session.execute(stmt) if row[-1]]


def _summed(session: Session, parts: list[Select[Any]]) -> list[Any]:
    """The rows of grouped selects over pieces of a period (last column the count), added up
    by the other columns, leaving out what adds up to nothing."""
    totals: dict[tuple[Any, ...], int] = {}
    for *key, count in session.execute(union_all(*parts) if len(parts) > 1 else parts[0]):
        totals[tuple(key)] = totals.get(tuple(key), 0) + int(count or 0)
    return [(*key, n) for key, n in totals.items() if n]


def _team_grade_pieces(span: Period, slc: ReportSlice) -> list[tuple[Any, list[Any]]]:
    """(columns, conditions) of the per-team grade counts covering a period: its whole months
    from the month rows, the days before and after them from the day rows."""
    months, days = split_months(span)
    pieces: list[tuple[Any, list[Any]]] = []
    if months:
        g = grade_month_counts.c
        pieces.append((g, [g.month.between(*months), *in_slice(g, slc, all_teams=True)]))
    for first, last in days:
        t = grade_team_counts.c
        pieces.append((t, [t.day.between(first, last), *in_slice(t, slc, all_teams=True)]))
    return pieces


def section_grade_counts(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, str, str, int]]:
    if county_wide(slc):
        g = grade_counts.c
        conditions = [g.day.between(period.start, period.end), g.section_id != OVERALL]
        if slc.form_key:
            conditions.append(g.form_version_id.in_(versions_of(slc.form_key)))
        return _grade_rows(
            session,
            select(g.form_version_id, g.section_id, g.grade, func.sum(g.n))
            .where(*conditions)
            .group_by(g.form_version_id, g.section_id, g.grade),
        )
    if not per_audit(slc):
        return _summed(
            session,
            [
                select(t.form_version_id, t.section_id, t.grade, func.sum(t.n))
                .where(*conditions, t.section_id != OVERALL)
                .group_by(t.form_version_id, t.section_id, t.grade)
                for t, conditions in _team_grade_pieces(period, slc)
            ],
        )
    moderation = aliased(m.Moderation)
    grade = func.coalesce(moderation.moderated_grade, m.SectionReview.grade)
    stmt = (
        select(f.form_version_id, m.SectionReview.section_id, grade, func.count())
        .select_from(audit_facts)
        .join(m.SectionReview, m.SectionReview.audit_id == f.audit_id)
        .outerjoin(
            moderation,
            and_(
                moderation.audit_id == m.SectionReview.audit_id,
                moderation.section_id == m.SectionReview.section_id,
            ),
        )
        .where(*_completed(period, slc), grade.is_not(None))
        .group_by(f.form_version_id, m.SectionReview.section_id, grade)
    )
    return _grade_rows(session, stmt)


def overall_grade_counts(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, str, int]]:
    if county_wide(slc):
        g = grade_counts.c
        conditions = [g.day.between(period.start, period.end), g.section_id == OVERALL]
        if slc.form_key:
            conditions.append(g.form_version_id.in_(versions_of(slc.form_key)))
        return _grade_rows(
            session,
            select(g.form_version_id, g.grade, func.sum(g.n))
            .where(*conditions)
            .group_by(g.form_version_id, g.grade),
        )
    if not per_audit(slc):
        return _summed(
            session,
            [
                select(t.form_version_id, t.grade, func.sum(t.n))
                .where(*conditions, t.section_id == OVERALL)
                .group_by(t.form_version_id, t.grade)
                for t, conditions in _team_grade_pieces(period, slc)
            ],
        )
    return _grade_rows(
        session,
        select(f.form_version_id, f.overall, func.count())
        .where(*_completed(period, slc), f.overall.is_not(None))
        .group_by(f.form_version_id, f.overall),
    )


def overall_grade_trend(
    session: Session, periods: Sequence[Period], slc: ReportSlice
) -> list[tuple[int, str, int]]:
    if not periods:
        return []
    span = Period(periods[0].start, periods[-1].end)
    if county_wide(slc):
        g = grade_counts.c
        bucket = case(
            *((g.day.between(p.start, p.end), literal(i)) for i, p in enumerate(periods)),
            else_=literal(-1),
        )
        conditions = [g.day.between(span.start, span.end), g.section_id == OVERALL]
        if slc.form_key:
            conditions.append(g.form_version_id.in_(versions_of(slc.form_key)))
        stmt = select(bucket, g.grade, func.sum(g.n)).where(*conditions).group_by(bucket, g.grade)
    elif not per_audit(slc):
        return sorted(
            _summed(
                session,
                [
                    select(literal(i), t.grade, func.sum(t.n))
                    .where(*conditions, t.section_id == OVERALL)
                    .group_by(t.grade)
                    for i, p in enumerate(periods)
                    for t, conditions in _team_grade_pieces(p, slc)
                ],
            )
        )
    else:
        bucket = case(
            *((f.day.between(p.start, p.end), literal(i)) for i, p in enumerate(periods)),
            else_=literal(-1),
        )
        stmt = (
            select(bucket, f.overall, func.count())
            .where(*_completed(span, slc), f.overall.is_not(None))
            .group_by(bucket, f.overall)
        )
    return [row for row in _grade_rows(session, stmt) if row[0] >= 0]


# -- programme, moderation, follow-up ----------------------------------------------------------


def plan_counts(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int, int]:
    (completed,) = _audit_sums(session, period, slc, None, ()).get(None, [0])
    due = _audit_sums(session, period, slc, None, ("completed",), due=True)
    planned, planned_completed = due.get(None, [0, 0])
    return completed, planned, planned_completed


def agreement_rows(session: Session, period: Period, slc: ReportSlice) -> list[tuple[Any, ...]]:
    """(auditor id, name, audits completed, overall moderated, agreed, areas moderated,
    agreed) per auditor who completed an audit in the period, moderated or not (so that each
    auditor's coverage is a share of their own audits)."""
    sums = ("moderated", "agreed", "area_decisions", "area_agreed")
    totals = {
        auditor: counts
        for auditor, counts in _audit_sums(session, period, slc, "auditor_id", sums).items()
        if counts[0]
    }
    chosen = select(m.Person.id, m.Person.name).where(m.Person.id.in_(list(totals)))
    names: dict[str, str] = {person: name for person, name in session.execute(chosen)}
    rows = [(a, names[a], *counts) for a, counts in totals.items() if a in names]
    return sorted(rows, key=lambda row: (row[1], row[0]))


def inadequate_counts(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int, int]:
    reaudit = audit_facts.alias("reaudit")
    done = and_(reaudit.c.reaudit_of_id == f.audit_id, reaudit.c.day.is_not(None))
    # The re-audits from their index alone (a bare EXISTS would read their rows), and the
    # grade written out, not bound, so that SQLite reads the Inadequate audits' own index.
    moved_up = reaudit.c.overall != Grade.INADEQUATE.value
    stmt = select(
        func.count(),
        func.coalesce(func.sum(case((select(reaudit.c.day).where(done).exists(), 1), else_=0)), 0),
        func.coalesce(
            func.sum(case((select(reaudit.c.overall).where(done, moved_up).exists(), 1), else_=0)),
            0,
        ),
    ).where(*_completed(period, slc), f.overall == literal_column(f"'{Grade.INADEQUATE.value}'"))
    inadequate, reaudited, moved_up = session.execute(stmt).one()
    return int(inadequate), int(reaudited), int(moved_up)


def timeliness(
    session: Session, period: Period, slc: ReportSlice, today: date, *, reaudits: bool
) -> tuple[int, int, int, int]:
    """Reflective meetings (or the re-audits six weeks after them) due in the period: (due,
    done on time, done late, overdue today)."""
    x = meeting_facts.c
    due, done = (x.reaudit_due_on, x.reaudit_done_on) if reaudits else (x.due_on, x.held_on)

    def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    stmt = select(
        func.count(),
        count_if(and_(done.is_not(None), done <= due)),
        count_if(and_(done.is_not(None), done > due)),
        count_if(and_(done.is_(None), due < today)),
    ).where(due.between(period.start, period.end), *in_slice(x, slc))
    due_n, on_time, late, overdue = map(int, session.execute(stmt).one())
    return due_n, on_time, late, overdue


def action_counts(
    session: Session, period: Period, slc: ReportSlice, today: date
) -> tuple[int, int, int, int, int]:
    if per_audit(slc):  # one worker's (or some children's) actions, one row each
        x: Any = action_facts.c
        n: Any = literal(1)
        conditions = in_slice(x, slc)
    else:  # added up per team, day and state
        x = action_day_counts.c
        n = x.n
        conditions = in_slice(x, slc, all_teams=True)

    def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, n), else_=0)), 0)

    stmt = select(
        func.coalesce(func.sum(n), 0),
        count_if(x.state == ON_TIME),
        count_if(x.state == LATE),
        count_if(and_(x.state == OPEN, x.due_on < today)),
        count_if(and_(x.state == OPEN, x.due_on >= today)),
    ).where(x.due_on.between(period.start, period.end), *conditions)
    due_n, on_time, late, overdue, not_due = map(int, session.execute(stmt).one())
    return due_n, on_time, late, overdue, not_due


def voice_counts(session: Session, period: Period, slc: ReportSlice) -> tuple[int, int]:
    completed, recorded = _audit_sums(session, period, slc, None, ("voice",)).get(None, [0, 0])
    return completed, recorded


def even_better_if_texts(
    session: Session, period: Period, slc: ReportSlice
) -> list[tuple[str, int]]:
    if county_wide(slc):
        b = better_counts.c
        conditions = [b.day.between(period.start, period.end)]
        if slc.form_key:
            conditions.append(b.form_version_id.in_(versions_of(slc.form_key)))
        stmt = select(b.even_better_if, func.sum(b.n)).where(*conditions).group_by(b.even_better_if)
        return [(t, int(n)) for t, n in session.execute(stmt) if n]
    if not per_audit(slc):
        t = better_team_counts.c
        stmt = (
            select(t.even_better_if, func.sum(t.n))
            .where(t.day.between(period.start, period.end), *in_slice(t, slc, all_teams=True))
            .group_by(t.even_better_if)
        )
        return [(txt, int(n)) for txt, n in session.execute(stmt) if n]
    text = m.SectionReview.even_better_if
    stmt = (
        select(text, func.count())
        .select_from(audit_facts)
        .join(m.SectionReview, m.SectionReview.audit_id == f.audit_id)
        .where(*_completed(period, slc), text != literal_column("''"))
        .group_by(text)
    )
    return [(t, int(n)) for t, n in session.execute(stmt)]

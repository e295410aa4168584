"""One check for every count the store keeps by triggers for reports: each kept table holds
exactly what counting the audits, answers, reviews, moderations and actions directly gives, and
every dashboard query gives the same figures from the kept counts as from the audits
themselves, for the county and each kind of slice, over months, quarters and any dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.report_periods import ReportSlice, comparison_period
from qa_desktop.store.engine import Store
from qa_desktop.store.reporting import action_facts, audit_facts, meeting_facts
from qa_desktop.store.reporting import queries as rq
from tests.services.reporting import oracle

# Signed off and not reopened, cancelled or deleted (written out, not taken from the product).
COUNTED = (
    "a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed')"
    " AND a.deleted_at IS NULL"
)

DIRECT_ANSWERS = f"""
SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, x.question_id, x.value,
       count(*)
FROM answers x JOIN audits a ON a.id = x.audit_id JOIN cases c ON c.id = a.case_id
WHERE x.value IN ('yes', 'partly', 'no', 'na') AND {COUNTED}
GROUP BY 1, 2, 3, 4, 5, 6"""

DIRECT_GRADES = f"""
SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, s.section_id,
       coalesce(mo.moderated_grade, s.grade), count(*)
FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = s.section_id
WHERE {COUNTED} AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6
UNION ALL
SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
       coalesce(mo.moderated_grade, a.overall_grade), count(*)
FROM audits a JOIN cases c ON c.id = a.case_id
LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
WHERE {COUNTED} AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6"""


DIRECT_COMMENTS = f"""
SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, s.even_better_if, count(*)
FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
WHERE {COUNTED} AND s.even_better_if != ''
GROUP BY 1, 2, 3, 4, 5"""


def _rows(session: Session, sql: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(row) for row in session.execute(text(sql)))


def _same(kept: list[tuple[Any, ...]], direct: list[tuple[Any, ...]], table: str) -> None:
    assert kept == direct, (table, set(kept) - set(direct), set(direct) - set(kept))


def _tables_agree(session: Session) -> None:
    _same(
        _rows(session, f"SELECT {audit_facts.COLUMNS} FROM report_audits"),
        _rows(session, audit_facts.facts_of("1 = 1")),
        "report_audits",
    )
    months: dict[tuple[Any, ...], list[int]] = {}
    for day, *key, moderated, agreed, areas, areas_agreed, voice in session.execute(
        text(
            "SELECT day, team_id, form_version_id, audit_type, auditor_id, moderated, agreed,"
            " area_decisions, area_agreed, voice FROM report_audits WHERE day IS NOT NULL"
        )
    ):
        sums = months.setdefault((str(day)[:8] + "01", *key), [0] * 6)
        for i, value in enumerate((1, moderated, agreed, areas, areas_agreed, voice)):
            sums[i] += value
    _same(
        _rows(
            session,
            "SELECT month, team_id, form_version_id, audit_type, auditor_id, n, moderated,"
            " agreed, area_decisions, area_agreed, voice FROM report_audit_month_counts"
            " WHERE n != 0",
        ),
        sorted((*key, *sums) for key, sums in months.items()),
        "report_audit_month_counts",
    )
    due: dict[tuple[Any, ...], list[int]] = {}
    for due_on, *key, day in session.execute(
        text(
            "SELECT due_on, team_id, form_version_id, audit_type, day FROM report_audits"
            " WHERE due_on IS NOT NULL"
        )
    ):
        sums = due.setdefault((str(due_on)[:8] + "01", *key), [0, 0])
        sums[0] += 1
        sums[1] += day is not None
    _same(
        _rows(
            session,
            "SELECT month, team_id, form_version_id, audit_type, n, completed"
            " FROM report_audit_due_months WHERE n != 0",
        ),
        sorted((*key, *sums) for key, sums in due.items()),
        "report_audit_due_months",
    )
    _same(
        _rows(session, f"SELECT {meeting_facts.COLUMNS} FROM report_meetings"),
        _rows(session, meeting_facts.facts_of("1 = 1")),
        "report_meetings",
    )
    _same(
        _rows(session, f"SELECT {action_facts.COLUMNS} FROM report_actions"),
        _rows(session, action_facts.facts_of("1 = 1")),
        "report_actions",
    )
    _same(
        _rows(
            session,
            "SELECT team_id, due_on, form_version_id, audit_type, state, n"
            " FROM report_action_counts WHERE n != 0",
        ),
        _rows(
            session,
            "SELECT c.team_id, x.due_on, a.form_version_id, a.audit_type,"
            " CASE WHEN x.status != 'done' THEN 'open'"
            " WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END, count(*)"
            " FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id"
            " JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)"
            " JOIN cases c ON c.id = a.case_id"
            " WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5",
        ),
        "report_action_counts",
    )
    answers = _rows(session, DIRECT_ANSWERS)
    assert answers == _rows(
        session,
        "SELECT day, form_version_id, team_id, audit_type, question_id, value, n"
        " FROM report_answer_counts WHERE n != 0",
    )
    by_month: dict[tuple[Any, ...], int] = {}
    for day, *key, n in answers:
        month = (str(day)[:8] + "01", *key)
        by_month[month] = by_month.get(month, 0) + n
    assert sorted((*k, n) for k, n in by_month.items()) == _rows(
        session,
        "SELECT month, form_version_id, team_id, audit_type, question_id, value, n"
        " FROM report_answer_month_counts WHERE n != 0",
    )
    grades = _rows(session, DIRECT_GRADES)
    assert grades == _rows(
        session,
        "SELECT team_id, day, form_version_id, audit_type, section_id, grade, n"
        " FROM report_grade_team_counts WHERE n != 0",
    )
    by_month = {}
    for team, day, *key, n in grades:
        month = (team, str(day)[:8] + "01", *key)
        by_month[month] = by_month.get(month, 0) + n
    assert sorted((*k, n) for k, n in by_month.items()) == _rows(
        session,
        "SELECT team_id, month, form_version_id, audit_type, section_id, grade, n"
        " FROM report_grade_month_counts WHERE n != 0",
    )
    comments = _rows(session, DIRECT_COMMENTS)
    assert comments == _rows(
        session,
        "SELECT team_id, day, form_version_id, audit_type, even_better_if, n"
        " FROM report_better_team_counts WHERE n != 0",
    )
    county_comments: dict[tuple[Any, ...], int] = {}
    for _team, day, version, _type, comment, n in comments:
        key = (day, version, comment)
        county_comments[key] = county_comments.get(key, 0) + n
    assert sorted((*k, n) for k, n in county_comments.items()) == _rows(
        session,
        "SELECT day, form_version_id, even_better_if, n FROM report_better_counts WHERE n != 0",
    )
    county: dict[tuple[Any, ...], int] = {}
    for _team, day, version, _type, section, grade, n in grades:
        county[(day, version, section, grade)] = county.get((day, version, section, grade), 0) + n
    assert sorted((*k, n) for k, n in county.items()) == _rows(
        session,
        "SELECT day, form_version_id, section_id, grade, n FROM report_grade_counts WHERE n != 0",
    )


def _slices(session: Session) -> list[ReportSlice]:
    def first(sql: str) -> list[str]:
        return [row[0] for row in session.execute(text(sql)) if row[0] is not None][:2]

    slices = [ReportSlice()]
    slices += [ReportSlice(team_id=t) for t in first("SELECT id FROM teams ORDER BY name")]
    slices += [ReportSlice(area_id=a) for a in first("SELECT id FROM areas ORDER BY name")]
    slices += [ReportSlice(service_id=s) for s in first("SELECT id FROM services ORDER BY name")]
    workers = first("SELECT DISTINCT practitioner_id FROM audits ORDER BY 1")
    slices += [ReportSlice(worker_id=w) for w in workers]
    types = first("SELECT DISTINCT audit_type FROM audits ORDER BY 1")
    slices += [ReportSlice(audit_type=t) for t in types]
    forms = first("SELECT key FROM forms ORDER BY key")
    slices += [ReportSlice(form_key=f) for f in forms]
    teams = first("SELECT id FROM teams ORDER BY name")
    if teams and types and forms:
        slices.append(ReportSlice(team_id=teams[0], audit_type=types[0], form_key=forms[0]))
    if workers and forms:
        slices.append(ReportSlice(worker_id=workers[0], form_key=forms[0]))
    statuses = first("SELECT DISTINCT legal_status FROM cases ORDER BY 1")
    slices += [ReportSlice(legal_status=s) for s in statuses]
    slices.append(ReportSlice(age_band="11-15"))
    if teams and statuses:
        slices.append(ReportSlice(team_id=teams[0], legal_status=statuses[0], age_band="0-4"))
    return slices


def _periods(session: Session) -> list[Period]:
    days = [
        date.fromisoformat(str(row[0])[:10])
        for row in session.execute(
            text(
                "SELECT completed_on FROM audits WHERE completed_on IS NOT NULL UNION"
                " SELECT due_on FROM audits WHERE due_on IS NOT NULL UNION"
                " SELECT due_on FROM actions"
            )
        )
    ]
    if not days:
        return [Period.month(2026, 6)]
    low, high = min(days), max(days)
    periods = [
        Period(low - timedelta(days=3), high + timedelta(days=3)),  # any dates, months inside
        Period(low, low + timedelta(days=9)),  # a few days
    ]
    middle = sorted(days)[len(days) // 2]
    periods.append(Period.month(middle.year, middle.month))
    periods.append(Period.quarter(FinancialQuarter.containing(middle)))
    return periods


def assert_kept_counts_agree(
    store: Store, today: date = date(2026, 6, 15), *, figures: bool = True
) -> None:
    """Every kept table agrees with counting directly; with ``figures``, every dashboard query
    too, for each kind of slice and period."""
    with store.reader() as session:
        _tables_agree(session)
        if not figures:
            return
        for slc in _slices(session):
            for p in _periods(session):
                before = comparison_period(p)
                pairs = [
                    (
                        sorted(rq.answer_tallies(session, p, before, slc), key=repr),
                        sorted(
                            oracle.answer_tallies_from_answers(session, p, before, slc), key=repr
                        ),
                    ),
                    (
                        rq.audits_per_version(session, p, slc),
                        oracle.audits_per_version_from_audits(session, p, slc),
                    ),
                    (
                        sorted(rq.section_grade_counts(session, p, slc)),
                        sorted(oracle.section_grade_counts_from_audits(session, p, slc)),
                    ),
                    (
                        sorted(rq.overall_grade_counts(session, p, slc)),
                        sorted(oracle.overall_grade_counts_from_audits(session, p, slc)),
                    ),
                    (
                        sorted(rq.overall_grade_trend(session, [before, p], slc)),
                        sorted(oracle.overall_grade_trend_from_audits(session, [before, p], slc)),
                    ),
                    (
                        rq.plan_counts(session, p, slc),
                        oracle.plan_counts_from_audits(session, p, slc),
                    ),
                    (
                        rq.agreement_by_auditor(session, p, slc),
                        oracle.agreement_by_auditor_from_audits(session, p, slc),
                    ),
                    (
                        rq.inadequate_counts(session, p, slc),
                        oracle.inadequate_counts_from_audits(session, p, slc),
                    ),
                    (
                        rq.meeting_counts(session, p, slc, today),
                        oracle.meeting_counts_from_audits(session, p, slc, today),
                    ),
                    (
                        rq.reaudit_counts(session, p, slc, today),
                        oracle.reaudit_counts_from_audits(session, p, slc, today),
                    ),
                    (
                        rq.action_counts(session, p, slc, today),
                        oracle.action_counts_from_audits(session, p, slc, today),
                    ),
                    (
                        rq.voice_counts(session, p, slc),
                        oracle.voice_counts_from_audits(session, p, slc),
                    ),
                    (
                        sorted(rq.even_better_if_texts(session, p, slc)),
                        sorted(oracle.even_better_if_texts_from_audits(session, p, slc)),
                    ),
                ]
                for index, (kept, counted) in enumerate(pairs):
                    assert kept == counted, (index, slc, p)

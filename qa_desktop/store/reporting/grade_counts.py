"""Running counts of confirmed grades for reports, kept by the database itself.

``report_grade_team_counts`` holds, per team (the case's), day an audit was completed, form
version, audit type, section (or ``overall``) and confirmed grade (the moderated grade where a
moderator decided, else the auditor's), how many audits have that grade. SQLite triggers keep
it in step with every change to section reviews, moderations, audits and cases that moves a
grade in or out of the reports, whoever makes the change (a screen, an import, sync): before a
change they take away what the audit counted, after it they add what it counts now. A slice by
team, service or area (a set of teams) or by audit type adds up a few rows a day.

Two roll-ups follow it, kept by triggers on it so that every change is worked out once: the
county-wide counts (``report_grade_counts``: no team or type, for all teams or one form) and
the counts per month (``report_grade_month_counts``). Only audits that count in reports are
counted (:mod:`.counted`): signed off, not reopened, cancelled or deleted. Derived data, never synced;
:mod:`qa_desktop.store.reporting.tables` declares every such table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table

from qa_desktop.store.reporting.counted import counted
from qa_desktop.store.reporting.family import Family
from qa_desktop.store.reporting.rollups import month_of, rollup_triggers

_COUNTED = counted("a")
_AUDIT_CHANGES = "UPDATE OF completed_on, state, deleted_at, form_version_id, overall_grade"

TEAM_KEY = "team_id, day, form_version_id, audit_type, section_id, grade"

grade_team_counts = Table(
    "report_grade_team_counts",
    MetaData(),
    Column("team_id", String(36), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("audit_type", String(30), primary_key=True),
    Column("section_id", String(32), primary_key=True),
    Column("grade", String(30), primary_key=True),
    Column("n", Integer, nullable=False),
)


def _team_grades_of(audits: str, pairs: str = "") -> str:
    """The (team, day, form version, type, section, confirmed grade) rows the audits
    ``audits`` (an SQL list of ids) count; with ``pairs`` (SQL rows of audit and section) only
    those sections' rows (a change to one review or moderation touches no other)."""
    reviews = f" AND (s.audit_id, s.section_id) IN ({pairs})" if pairs else ""
    overall = f" AND (a.id, 'overall') IN ({pairs})" if pairs else ""
    return f"""
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN ({audits}) AND {_COUNTED}
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL{reviews}
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN ({audits}) AND {_COUNTED}
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL{overall}"""


def _team_add(audits: str, pairs: str) -> str:
    return f"""
  INSERT INTO report_grade_team_counts ({TEAM_KEY}, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM ({_team_grades_of(audits, pairs)})
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT ({TEAM_KEY}) DO UPDATE SET n = n + excluded.n;"""


def _team_remove(audits: str, pairs: str) -> str:
    return f"""
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM ({_team_grades_of(audits, pairs)}) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE ({TEAM_KEY}) IN (
    SELECT team, day, fv, type, sec, grade FROM ({_team_grades_of(audits, pairs)}));"""


_NEW_PAIR = "VALUES (NEW.audit_id, NEW.section_id)"
_OLD_PAIR = "VALUES (OLD.audit_id, OLD.section_id)"
_BOTH_PAIRS = "VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id)"

_TEAM_TRIGGERS: list[tuple[str, str, str, str, str, str]] = [
    # name, event, table, audits before (taken away), audits after (added), their sections
    ("audit_insert", "INSERT", "audits", "", "NEW.id", ""),
    ("audit_update", f"{_AUDIT_CHANGES}, case_id, audit_type", "audits", "OLD.id", "NEW.id", ""),
    ("audit_delete", "DELETE", "audits", "OLD.id", "", ""),
    ("review_insert", "INSERT", "section_reviews", "NEW.audit_id", "NEW.audit_id", _NEW_PAIR),
    (
        "review_update",
        "UPDATE OF grade, section_id, audit_id",
        "section_reviews",
        "OLD.audit_id, NEW.audit_id",
        "OLD.audit_id, NEW.audit_id",
        _BOTH_PAIRS,
    ),
    ("review_delete", "DELETE", "section_reviews", "OLD.audit_id", "OLD.audit_id", _OLD_PAIR),
    ("moderation_insert", "INSERT", "moderations", "NEW.audit_id", "NEW.audit_id", _NEW_PAIR),
    (
        "moderation_update",
        "UPDATE OF moderated_grade, section_id, audit_id",
        "moderations",
        "OLD.audit_id, NEW.audit_id",
        "OLD.audit_id, NEW.audit_id",
        _BOTH_PAIRS,
    ),
    ("moderation_delete", "DELETE", "moderations", "OLD.audit_id", "OLD.audit_id", _OLD_PAIR),
    (
        "case_update",
        "UPDATE OF team_id",
        "cases",
        "SELECT id FROM audits WHERE case_id = OLD.id",
        "SELECT id FROM audits WHERE case_id = NEW.id",
        "",
    ),
]


def _team_triggers() -> tuple[str, ...]:
    statements: list[str] = []
    for name, event, table, before, after, pairs in _TEAM_TRIGGERS:
        if before:
            statements.append(
                f"""CREATE TRIGGER report_grade_team_counts_{name}_before BEFORE {event} ON {table}
BEGIN{_team_remove(before, pairs)}
END"""
            )
        if after:
            statements.append(
                f"""CREATE TRIGGER report_grade_team_counts_{name}_after AFTER {event} ON {table}
BEGIN{_team_add(after, pairs)}
END"""
            )
    return tuple(statements)


TEAM = Family(
    grade_team_counts,
    (
        f"""CREATE TABLE report_grade_team_counts (
  team_id VARCHAR(36) NOT NULL,
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  section_id VARCHAR(32) NOT NULL,
  grade VARCHAR(30) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({TEAM_KEY})
) WITHOUT ROWID""",
    ),
    _team_triggers(),
    (
        "DELETE FROM report_grade_team_counts",
        f"""INSERT INTO report_grade_team_counts ({TEAM_KEY}, n)
SELECT team, day, fv, type, sec, grade, count(*)
FROM ({_team_grades_of("SELECT id FROM audits")})
GROUP BY team, day, fv, type, sec, grade""",
    ),
)


# -- county-wide --------------------------------------------------------------------------------
#
# ``report_grade_counts``: the counts over all teams and audit types, per day, form version,
# section and grade.

KEY = "day, form_version_id, section_id, grade"

grade_counts = Table(
    "report_grade_counts",
    MetaData(),
    Column("day", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("section_id", String(32), primary_key=True),
    Column("grade", String(30), primary_key=True),
    Column("n", Integer, nullable=False),
)

COUNTY = Family(
    grade_counts,
    (
        f"""CREATE TABLE report_grade_counts (
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  section_id VARCHAR(32) NOT NULL,
  grade VARCHAR(30) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({KEY})
) WITHOUT ROWID""",
    ),
    rollup_triggers(
        "report_grade_counts_rollup",
        "report_grade_team_counts",
        "report_grade_counts",
        [
            ("day", "{row}.day"),
            ("form_version_id", "{row}.form_version_id"),
            ("section_id", "{row}.section_id"),
            ("grade", "{row}.grade"),
        ],
    ),
    (
        "DELETE FROM report_grade_counts",
        f"""INSERT INTO report_grade_counts ({KEY}, n)
SELECT day, form_version_id, section_id, grade, sum(n) FROM report_grade_team_counts
GROUP BY day, form_version_id, section_id, grade""",
    ),
)


# -- per team, type and month -------------------------------------------------------------------
#
# ``report_grade_month_counts`` adds up ``report_grade_team_counts`` per calendar month
# (``month`` is its first day): a slice over a quarter, and the four quarters of the trend,
# add up months of rows instead of days. Days before and after the whole months of a period
# come from the day rows.

MONTH_KEY = "team_id, month, form_version_id, audit_type, section_id, grade"

grade_month_counts = Table(
    "report_grade_month_counts",
    MetaData(),
    Column("team_id", String(36), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("audit_type", String(30), primary_key=True),
    Column("section_id", String(32), primary_key=True),
    Column("grade", String(30), primary_key=True),
    Column("n", Integer, nullable=False),
)

MONTH = Family(
    grade_month_counts,
    (
        f"""CREATE TABLE report_grade_month_counts (
  team_id VARCHAR(36) NOT NULL,
  month DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  section_id VARCHAR(32) NOT NULL,
  grade VARCHAR(30) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({MONTH_KEY})
) WITHOUT ROWID""",
    ),
    rollup_triggers(
        "report_grade_month_counts",
        "report_grade_team_counts",
        "report_grade_month_counts",
        [
            ("team_id", "{row}.team_id"),
            ("month", month_of("{row}.day")),
            ("form_version_id", "{row}.form_version_id"),
            ("audit_type", "{row}.audit_type"),
            ("section_id", "{row}.section_id"),
            ("grade", "{row}.grade"),
        ],
    ),
    (
        "DELETE FROM report_grade_month_counts",
        f"""INSERT INTO report_grade_month_counts ({MONTH_KEY}, n)
SELECT team_id, {month_of("day")}, form_version_id, audit_type, section_id, grade, sum(n)
FROM report_grade_team_counts
GROUP BY team_id, 2, form_version_id, audit_type, section_id, grade""",
    ),
)

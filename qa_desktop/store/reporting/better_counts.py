"""How often each "even better if" comment was written, kept by the database itself.

``report_better_team_counts`` holds, per team (the case's), day an audit was completed, form
version, audit type and comment, how many section reviews carry it. SQLite triggers keep it in
step with every change to section reviews, audits and cases that moves a comment in or out of
the reports, whoever makes the change: before a change they take away what the audit counted,
after it they add what it counts now. A slice by team, service, area or audit type adds up a
few rows a day.

``report_better_counts`` is its county-wide roll-up (no team or type: all teams, or one form),
kept by triggers on it, so every change is worked out once. Only audits that count in reports
are counted (:mod:`.counted`): signed off, not reopened, cancelled or deleted. Derived data, never synced;
:mod:`qa_desktop.store.reporting.tables` declares every such table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, Text

from qa_desktop.store.reporting.counted import counted
from qa_desktop.store.reporting.family import Family
from qa_desktop.store.reporting.rollups import rollup_triggers

_COUNTED = counted("a")

TEAM_KEY = "team_id, day, form_version_id, audit_type, even_better_if"

better_team_counts = Table(
    "report_better_team_counts",
    MetaData(),
    Column("team_id", String(36), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("audit_type", String(30), primary_key=True),
    Column("even_better_if", Text, primary_key=True),
    Column("n", Integer, nullable=False),
)


def _team_comments_of(audits: str, pairs: str = "") -> str:
    """The (team, day, form version, type, comment) rows the audits ``audits`` count; with
    ``pairs`` (SQL rows of audit and section) only those sections' reviews."""
    reviews = f" AND (s.audit_id, s.section_id) IN ({pairs})" if pairs else ""
    return f"""
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN ({audits}) AND {_COUNTED} AND s.even_better_if != ''{reviews}"""


def _team_add(audits: str, pairs: str) -> str:
    return f"""
  INSERT INTO report_better_team_counts ({TEAM_KEY}, n)
  SELECT team, day, fv, type, txt, count(*) FROM ({_team_comments_of(audits, pairs)})
  GROUP BY team, day, fv, type, txt
  ON CONFLICT ({TEAM_KEY}) DO UPDATE SET n = n + excluded.n;"""


def _team_remove(audits: str, pairs: str) -> str:
    return f"""
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM ({_team_comments_of(audits, pairs)}) r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE ({TEAM_KEY}) IN (
    SELECT team, day, fv, type, txt FROM ({_team_comments_of(audits, pairs)}));"""


_TEAM_TRIGGERS: list[tuple[str, str, str, str, str, str]] = [
    # name, event, table, audits before (taken away), audits after (added), their sections
    ("audit_insert", "INSERT", "audits", "", "NEW.id", ""),
    (
        "audit_update",
        "UPDATE OF completed_on, state, deleted_at, form_version_id, case_id, audit_type",
        "audits",
        "OLD.id",
        "NEW.id",
        "",
    ),
    ("audit_delete", "DELETE", "audits", "OLD.id", "", ""),
    (
        "review_insert",
        "INSERT",
        "section_reviews",
        "NEW.audit_id",
        "NEW.audit_id",
        "VALUES (NEW.audit_id, NEW.section_id)",
    ),
    (
        "review_update",
        "UPDATE OF even_better_if, section_id, audit_id",
        "section_reviews",
        "OLD.audit_id, NEW.audit_id",
        "OLD.audit_id, NEW.audit_id",
        "VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id)",
    ),
    (
        "review_delete",
        "DELETE",
        "section_reviews",
        "OLD.audit_id",
        "OLD.audit_id",
        "VALUES (OLD.audit_id, OLD.section_id)",
    ),
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
                f"""CREATE TRIGGER report_better_team_counts_{name}_before BEFORE {event} ON {table}
BEGIN{_team_remove(before, pairs)}
END"""
            )
        if after:
            statements.append(
                f"""CREATE TRIGGER report_better_team_counts_{name}_after AFTER {event} ON {table}
BEGIN{_team_add(after, pairs)}
END"""
            )
    return tuple(statements)


TEAM = Family(
    better_team_counts,
    (
        f"""CREATE TABLE report_better_team_counts (
  team_id VARCHAR(36) NOT NULL,
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  even_better_if TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({TEAM_KEY})
) WITHOUT ROWID""",
    ),
    _team_triggers(),
    (
        "DELETE FROM report_better_team_counts",
        f"""INSERT INTO report_better_team_counts ({TEAM_KEY}, n)
SELECT team, day, fv, type, txt, count(*) FROM ({_team_comments_of("SELECT id FROM audits")})
GROUP BY team, day, fv, type, txt""",
    ),
)


# -- county-wide --------------------------------------------------------------------------------

KEY = "day, form_version_id, even_better_if"

better_counts = Table(
    "report_better_counts",
    MetaData(),
    Column("day", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("even_better_if", Text, primary_key=True),
    Column("n", Integer, nullable=False),
)

COUNTY = Family(
    better_counts,
    (
        f"""CREATE TABLE report_better_counts (
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  even_better_if TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({KEY})
) WITHOUT ROWID""",
    ),
    rollup_triggers(
        "report_better_counts_rollup",
        "report_better_team_counts",
        "report_better_counts",
        [
            ("day", "{row}.day"),
            ("form_version_id", "{row}.form_version_id"),
            ("even_better_if", "{row}.even_better_if"),
        ],
    ),
    (
        "DELETE FROM report_better_counts",
        f"""INSERT INTO report_better_counts ({KEY}, n)
SELECT day, form_version_id, even_better_if, sum(n) FROM report_better_team_counts
GROUP BY day, form_version_id, even_better_if""",
    ),
)

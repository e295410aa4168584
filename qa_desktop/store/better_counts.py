"""How often each "even better if" comment was written, kept by the database itself.

``report_better_counts`` holds, per day an audit was completed, form version and comment, how
many section reviews carry it. SQLite triggers keep it in step with every change to section
reviews and audits that moves a comment in or out of the reports, whoever makes the change:
before a change they take away what the audit counted, after it they add what it counts now.

Only audits that count in reports are counted: completed, not cancelled, not deleted. The
table is not an ORM model: it is derived data, never synced. It has no team or audit type, so
it serves county-wide figures (all teams, or one form); slices read the reviews themselves.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, Text

KEY = "day, form_version_id, even_better_if"

better_counts = Table(
    "report_better_counts",
    MetaData(),
    Column("day", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("even_better_if", Text, primary_key=True),
    Column("n", Integer, nullable=False),
)

_COUNTED = "a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL"


def _comments_of(audits: str) -> str:
    """The (day, form version, comment) rows the audits ``audits`` (an SQL list of ids) count."""
    return f"""
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN ({audits}) AND {_COUNTED} AND s.even_better_if != ''"""


def _add(audits: str) -> str:
    return f"""
  INSERT INTO report_better_counts ({KEY}, n)
  SELECT day, fv, txt, count(*) FROM ({_comments_of(audits)})
  GROUP BY day, fv, txt
  ON CONFLICT ({KEY}) DO UPDATE SET n = n + excluded.n;"""


def _remove(audits: str) -> str:
    return f"""
  UPDATE report_better_counts SET n = n - (
    SELECT count(*) FROM ({_comments_of(audits)}) r
    WHERE r.day = report_better_counts.day AND r.fv = report_better_counts.form_version_id
      AND r.txt = report_better_counts.even_better_if)
  WHERE (day, form_version_id, even_better_if) IN (
    SELECT day, fv, txt FROM ({_comments_of(audits)}));"""


_TRIGGERS: list[tuple[str, str, str, str, str]] = [
    # name, event, table, audits before (taken away), audits after (added)
    ("audit_insert", "INSERT", "audits", "", "NEW.id"),
    (
        "audit_update",
        "UPDATE OF completed_on, state, deleted_at, form_version_id",
        "audits",
        "OLD.id",
        "NEW.id",
    ),
    ("audit_delete", "DELETE", "audits", "OLD.id", ""),
    ("review_insert", "INSERT", "section_reviews", "NEW.audit_id", "NEW.audit_id"),
    (
        "review_update",
        "UPDATE OF even_better_if, audit_id",
        "section_reviews",
        "OLD.audit_id, NEW.audit_id",
        "OLD.audit_id, NEW.audit_id",
    ),
    ("review_delete", "DELETE", "section_reviews", "OLD.audit_id", "OLD.audit_id"),
]


def _create_triggers() -> list[str]:
    statements = []
    for name, event, table, before, after in _TRIGGERS:
        if before:
            statements.append(
                f"""CREATE TRIGGER report_better_counts_{name}_before BEFORE {event} ON {table}
BEGIN{_remove(before)}
END"""
            )
        if after:
            statements.append(
                f"""CREATE TRIGGER report_better_counts_{name}_after AFTER {event} ON {table}
BEGIN{_add(after)}
END"""
            )
    return statements


CREATE = [
    f"""CREATE TABLE report_better_counts (
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  even_better_if TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({KEY})
) WITHOUT ROWID""",
    *_create_triggers(),
]

REBUILD = [
    "DELETE FROM report_better_counts",
    f"""INSERT INTO report_better_counts ({KEY}, n)
SELECT day, fv, txt, count(*) FROM ({_comments_of("SELECT id FROM audits")})
GROUP BY day, fv, txt""",
]

DROP = [
    *(
        f"DROP TRIGGER IF EXISTS report_better_counts_{name}_{when}"
        for name, *_ in _TRIGGERS
        for when in ("before", "after")
    ),
    "DROP TABLE IF EXISTS report_better_counts",
]

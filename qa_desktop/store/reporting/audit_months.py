"""Completed audits per month, kept by the database.

``report_audit_month_counts`` adds up the rows of ``report_audits`` (:mod:`.audit_facts`) of
the audits that count in reports, per month of completion, team, form version, audit type and
auditor: how many audits, and their moderation decisions and voice of the child. A quarter's
completed audits, plans, moderation by auditor and voice of the child then read a few hundred
rows instead of every audit of the quarter (22,700 rows at 100,000 audits, decrypted again at
each refresh and read from the disk after a restart). The days either side of a period's
whole months, and slices the month rows cannot tell (one worker, some children), are read
from ``report_audits`` itself.

Triggers on ``report_audits`` keep it: its rows are inserted, deleted, or moved to another
team when their case is. Derived data, never synced (:mod:`.tables` declares every such table).
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table

from qa_desktop.store.reporting.family import Family
from qa_desktop.store.reporting.rollups import month_of

KEY = "month, team_id, form_version_id, audit_type, auditor_id"
SUMS = ("n", "moderated", "agreed", "area_decisions", "area_agreed", "voice")

audit_month_counts = Table(
    "report_audit_month_counts",
    MetaData(),
    Column("month", Date, primary_key=True),
    Column("team_id", String(36), primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("audit_type", String(30), primary_key=True),
    Column("auditor_id", String(36), primary_key=True),
    *(Column(name, Integer, nullable=False) for name in SUMS),
)


def _key(row: str) -> list[tuple[str, str]]:
    """Each key column with the SQL computing it from a row of ``report_audits``."""
    return [
        ("month", month_of(f"{row}.day")),
        *((column, f"{row}.{column}") for column in KEY.split(", ")[1:]),
    ]


def _add(row: str) -> str:
    values = ", ".join(["1", *(f"{row}.{name}" for name in SUMS[1:])])
    sums = ", ".join(f"{name} = {name} + excluded.{name}" for name in SUMS)
    return f"""
  INSERT INTO report_audit_month_counts ({KEY}, {", ".join(SUMS)}) VALUES ({", ".join(v for _, v in _key(row))}, {values})
  ON CONFLICT ({KEY}) DO UPDATE SET {sums};"""


def _remove(row: str) -> str:
    sums = ", ".join(["n = n - 1", *(f"{name} = {name} - {row}.{name}" for name in SUMS[1:])])
    match = " AND ".join(f"{column} = {value}" for column, value in _key(row))
    return f"""
  UPDATE report_audit_month_counts SET {sums}
  WHERE {match};"""


FAMILY = Family(
    audit_month_counts,
    (
        f"""CREATE TABLE report_audit_month_counts (
  month DATE NOT NULL,
  team_id VARCHAR(36) NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  auditor_id VARCHAR(36) NOT NULL,
  n INTEGER NOT NULL,
  moderated INTEGER NOT NULL,
  agreed INTEGER NOT NULL,
  area_decisions INTEGER NOT NULL,
  area_agreed INTEGER NOT NULL,
  voice INTEGER NOT NULL,
  PRIMARY KEY ({KEY})
) WITHOUT ROWID""",
    ),
    (
        f"""CREATE TRIGGER report_audit_month_counts_insert AFTER INSERT ON report_audits
WHEN NEW.day IS NOT NULL
BEGIN{_add("NEW")}
END""",
        f"""CREATE TRIGGER report_audit_month_counts_delete AFTER DELETE ON report_audits
WHEN OLD.day IS NOT NULL
BEGIN{_remove("OLD")}
END""",
        f"""CREATE TRIGGER report_audit_month_counts_update_old AFTER UPDATE ON report_audits
WHEN OLD.day IS NOT NULL
BEGIN{_remove("OLD")}
END""",
        f"""CREATE TRIGGER report_audit_month_counts_update_new AFTER UPDATE ON report_audits
WHEN NEW.day IS NOT NULL
BEGIN{_add("NEW")}
END""",
    ),
    (
        "DELETE FROM report_audit_month_counts",
        f"""INSERT INTO report_audit_month_counts ({KEY}, {", ".join(SUMS)})
  SELECT {month_of("day")}, team_id, form_version_id, audit_type, auditor_id, count(*),
         {", ".join(f"sum({name})" for name in SUMS[1:])}
  FROM report_audits WHERE day IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5""",
    ),
)

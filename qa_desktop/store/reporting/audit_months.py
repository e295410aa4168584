"""Audits per month, kept by the database: two roll-ups of ``report_audits`` (:mod:`.audit_facts`).

- ``report_audit_month_counts``: the audits that count in reports, per month of completion,
  team, form version, audit type and auditor: how many, their moderation decisions and the
  voice of the child.
- ``report_audit_due_months``: the audits due (not cancelled), per month they are due, team,
  form version and audit type: how many, and how many of them are completed.

A quarter's completed audits, plans, moderation by auditor and voice of the child then read a
few thousand rows instead of every audit of the quarter (22,700 rows at 100,000 audits,
decrypted again at each refresh and read from the disk after a restart). The days either side
of a period's whole months, and slices the month rows cannot tell (one worker, some
children), are read from ``report_audits`` itself.

Triggers on ``report_audits`` keep them: its rows are inserted, deleted, or moved to another
team when their case is. Derived data, never synced (:mod:`.tables` declares every such table).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Column, Date, Integer, MetaData, String, Table

from qa_desktop.store.reporting.family import Family
from qa_desktop.store.reporting.rollups import month_of

_TYPES = {
    "team_id": "VARCHAR(36)",
    "form_version_id": "VARCHAR(36)",
    "audit_type": "VARCHAR(30)",
    "auditor_id": "VARCHAR(36)",
}


def _month_family(
    name: str, day: str, keys: Sequence[str], sums: Sequence[tuple[str, str]]
) -> Family:
    """A roll-up of the rows of ``report_audits`` whose column ``day`` is set, per month of it
    and ``keys``; ``sums``: each counted column with the SQL one row adds (``{row}`` stands
    for NEW, OLD or the table)."""
    key = ", ".join(["month", *keys])
    names = ", ".join(column for column, _ in sums)

    def key_values(row: str) -> list[tuple[str, str]]:
        return [("month", month_of(f"{row}.{day}")), *((k, f"{row}.{k}") for k in keys)]

    def add(row: str) -> str:
        values = ", ".join([v for _, v in key_values(row)] + [e.format(row=row) for _, e in sums])
        added = ", ".join(f"{c} = {c} + excluded.{c}" for c, _ in sums)
        return f"""
  INSERT INTO {name} ({key}, {names}) VALUES ({values})
  ON CONFLICT ({key}) DO UPDATE SET {added};"""

    def remove(row: str) -> str:
        taken = ", ".join(f"{c} = {c} - ({e.format(row=row)})" for c, e in sums)
        match = " AND ".join(f"{c} = {v}" for c, v in key_values(row))
        return f"""
  UPDATE {name} SET {taken}
  WHERE {match};"""

    def trigger(suffix: str, event: str, row: str, body: str) -> str:
        return f"""CREATE TRIGGER {name}_{suffix} AFTER {event} ON report_audits
WHEN {row}.{day} IS NOT NULL
BEGIN{body}
END"""

    columns = ["  month DATE NOT NULL"] + [f"  {k} {_TYPES[k]} NOT NULL" for k in keys]
    columns += [f"  {c} INTEGER NOT NULL" for c, _ in sums]
    table = Table(
        name,
        MetaData(),
        Column("month", Date, primary_key=True),
        *(Column(k, String(36), primary_key=True) for k in keys),
        *(Column(c, Integer, nullable=False) for c, _ in sums),
    )
    totals = ", ".join(f"sum({e.format(row='report_audits')})" for _, e in sums)
    return Family(
        table,
        (
            f"CREATE TABLE {name} (\n"
            + ",\n".join(columns)
            + f",\n  PRIMARY KEY ({key})\n) WITHOUT ROWID",
        ),
        (
            trigger("insert", "INSERT", "NEW", add("NEW")),
            trigger("delete", "DELETE", "OLD", remove("OLD")),
            trigger("update_old", "UPDATE", "OLD", remove("OLD")),
            trigger("update_new", "UPDATE", "NEW", add("NEW")),
        ),
        (
            f"DELETE FROM {name}",
            f"""INSERT INTO {name} ({key}, {names})
  SELECT {month_of(day)}, {", ".join(keys)}, {totals}
  FROM report_audits WHERE {day} IS NOT NULL
  GROUP BY {", ".join(str(i) for i in range(1, len(keys) + 2))}""",
        ),
    )


COMPLETED = _month_family(
    "report_audit_month_counts",
    "day",
    ("team_id", "form_version_id", "audit_type", "auditor_id"),
    [
        ("n", "1"),
        *(
            (c, "{row}." + c)
            for c in ("moderated", "agreed", "area_decisions", "area_agreed", "voice")
        ),
    ],
)
DUE = _month_family(
    "report_audit_due_months",
    "due_on",
    ("team_id", "form_version_id", "audit_type"),
    [("n", "1"), ("completed", "{row}.day IS NOT NULL")],
)
audit_month_counts = COMPLETED.table
audit_due_months = DUE.table

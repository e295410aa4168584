"""What reports need to know of each reflective meeting, one narrow row per meeting, kept by
the database.

``report_meetings`` holds, for every meeting of an audit that is not deleted, the day it is
due and the day it was held, the day its re-audit is due and the day the first re-audit
counting in reports was completed, and what slices look at: the audit's team, form version,
type and practitioner (from its row of ``report_audits``, :mod:`.audit_facts`).

The dashboard's meeting and re-audit timeliness then read a period's meetings through one
covering index each, instead of looking up the audit row of every meeting (at 100,000 audits,
3,100 meetings a quarter each reaching a random page of the audit rows: 40-100 ms a refresh,
and 28 MB from the disk after a restart). Triggers keep the rows in step with every change to
meetings and to the audit rows, whoever makes it: each recomputes the rows of the meetings it
touches, including those of the audit a re-audit re-audits. Derived data, never synced;
:mod:`qa_desktop.store.reporting.tables` declares every such table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, MetaData, String, Table

from qa_desktop.store.reporting.family import Family

COLUMNS = (
    "meeting_id, due_on, held_on, reaudit_due_on, reaudit_done_on, audit_id, team_id,"
    " form_version_id, audit_type, practitioner_id"
)

meeting_facts = Table(
    "report_meetings",
    MetaData(),
    Column("meeting_id", String(36), primary_key=True),
    Column("due_on", Date, nullable=False),
    Column("held_on", Date),
    Column("reaudit_due_on", Date),
    Column("reaudit_done_on", Date),
    Column("audit_id", String(36), nullable=False),
    Column("team_id", String(36), nullable=False),
    Column("form_version_id", String(36), nullable=False),
    Column("audit_type", String(30), nullable=False),
    Column("practitioner_id", String(36)),
)


def facts_of(where: str) -> str:
    """The rows of the meetings ``mt`` meeting ``where`` (SQL), as the table holds them."""
    return f"""
  SELECT mt.id, mt.due_on, mt.held_on, mt.reaudit_due_on,
         (SELECT min(r.day) FROM report_audits r WHERE r.reaudit_of_id = mt.audit_id),
         f.audit_id, f.team_id, f.form_version_id, f.audit_type, f.practitioner_id
  FROM meetings mt JOIN report_audits f ON f.audit_id = mt.audit_id
  WHERE {where}"""


def _refresh(audits: str) -> str:
    """Statements recomputing the rows of the meetings of the audits ``audits`` (SQL ids)."""
    return f"""
  DELETE FROM report_meetings WHERE audit_id IN ({audits});
  INSERT INTO report_meetings ({COLUMNS}){facts_of(f"mt.audit_id IN ({audits})")};"""


def _concerns(row: str) -> str:
    """SQL: the audit row ``row`` (NEW or OLD) has meetings, or is a re-audit (most audits
    are neither, and their changes leave the meeting rows alone)."""
    return (
        f"{row}.reaudit_of_id IS NOT NULL"
        f" OR EXISTS (SELECT 1 FROM meetings WHERE audit_id = {row}.audit_id)"
    )


_TRIGGERS: list[tuple[str, str, str, str | None, str]] = [
    # name, event, table, when (None: always), audits whose meetings to recompute
    ("meeting_insert", "INSERT", "meetings", None, "NEW.audit_id"),
    (
        "meeting_update",
        "UPDATE OF id, audit_id, due_on, held_on, reaudit_due_on",
        "meetings",
        None,
        "OLD.audit_id, NEW.audit_id",
    ),
    ("meeting_delete", "DELETE", "meetings", None, "OLD.audit_id"),
    # An audit's row, and the row of a re-audit (its re-audited audit's done day).
    (
        "audit_insert",
        "INSERT",
        "report_audits",
        _concerns("NEW"),
        "NEW.audit_id, NEW.reaudit_of_id",
    ),
    (
        "audit_update",
        "UPDATE",
        "report_audits",
        f"{_concerns('OLD')} OR {_concerns('NEW')}",
        "OLD.audit_id, NEW.audit_id, OLD.reaudit_of_id, NEW.reaudit_of_id",
    ),
    (
        "audit_delete",
        "DELETE",
        "report_audits",
        _concerns("OLD"),
        "OLD.audit_id, OLD.reaudit_of_id",
    ),
]


def _trigger(name: str, event: str, table: str, when: str | None, audits: str) -> str:
    condition = f"\nWHEN {when}" if when else ""
    return f"""CREATE TRIGGER report_meetings_{name} AFTER {event} ON {table}{condition}
BEGIN{_refresh(audits)}
END"""


FAMILY = Family(
    meeting_facts,
    (
        """CREATE TABLE report_meetings (
  meeting_id VARCHAR(36) NOT NULL PRIMARY KEY,
  due_on DATE NOT NULL,
  held_on DATE,
  reaudit_due_on DATE,
  reaudit_done_on DATE,
  audit_id VARCHAR(36) NOT NULL,
  team_id VARCHAR(36) NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  practitioner_id VARCHAR(36)
) WITHOUT ROWID""",
        # A period's meetings, and their re-audits, with what the dashboard counts.
        """CREATE INDEX ix_report_meetings_due ON report_meetings (due_on, team_id,
  form_version_id, audit_type, practitioner_id, held_on)""",
        """CREATE INDEX ix_report_meetings_reaudit_due ON report_meetings (reaudit_due_on,
  team_id, form_version_id, audit_type, practitioner_id, reaudit_done_on)
  WHERE reaudit_due_on IS NOT NULL""",
        "CREATE INDEX ix_report_meetings_audit ON report_meetings (audit_id)",
    ),
    tuple(_trigger(*trigger) for trigger in _TRIGGERS),
    (
        "DELETE FROM report_meetings",
        f"INSERT INTO report_meetings ({COLUMNS}){facts_of('1 = 1')}",
    ),
)

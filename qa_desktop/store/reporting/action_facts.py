"""What reports need to know of each action, one narrow row per action, kept by the database.

``report_actions`` holds, for every action that is not deleted and belongs to an audit that is
not deleted (directly, or through the audit's reflective meeting), its due date, where it
stands (``on_time``: done by its due date; ``late``: done after it, or with no date; ``open``:
not done: overdue or not yet due is decided on the day the report is made) and what slices
look at: the case's team, the audit's form version, type and practitioner.

The dashboard then counts a period's actions through one covering index, instead of reaching
into the meeting and the audit of every action. SQLite triggers keep the rows in step with
every change to actions, meetings, audits and cases, whoever makes it (a screen, an import,
sync): each change recomputes the rows of the actions it touches. Derived data, never synced;
:mod:`qa_desktop.store.reporting.tables` declares every such table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table

from qa_desktop.store.reporting.family import Family

COLUMNS = (
    "action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id"
)

ON_TIME, LATE, OPEN = "on_time", "late", "open"

action_facts = Table(
    "report_actions",
    MetaData(),
    Column("action_id", String(36), primary_key=True),
    Column("due_on", Date, nullable=False),
    Column("state", String(10), nullable=False),
    Column("audit_id", String(36), nullable=False),
    Column("team_id", String(36), nullable=False),
    Column("form_version_id", String(36), nullable=False),
    Column("audit_type", String(30), nullable=False),
    Column("practitioner_id", String(36)),
)


def facts_of(where: str) -> str:
    """The rows of the actions ``x`` meeting ``where`` (SQL), as the table holds them."""
    return f"""
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN '{OPEN}'
              WHEN x.completed_on <= x.due_on THEN '{ON_TIME}' ELSE '{LATE}' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND {where}"""


def _refresh(actions: str) -> str:
    """Statements recomputing the rows of the actions ``actions`` (an SQL query of ids)."""
    return f"""
  DELETE FROM report_actions WHERE action_id IN ({actions});
  INSERT INTO report_actions ({COLUMNS}){facts_of(f"x.id IN ({actions})")};"""


def _of_audit(audit: str) -> str:
    """The actions of an audit, made on it or on its meetings."""
    return (
        f"SELECT id FROM actions WHERE audit_id = {audit} UNION ALL"
        f" SELECT id FROM actions WHERE meeting_id IN"
        f" (SELECT id FROM meetings WHERE audit_id = {audit})"
    )


_TRIGGERS: list[tuple[str, str, str, str]] = [
    # name, event, table, actions whose rows to recompute
    ("action_insert", "INSERT", "actions", "NEW.id"),
    (
        "action_update",
        "UPDATE OF id, audit_id, meeting_id, due_on, status, completed_on, deleted_at",
        "actions",
        "OLD.id, NEW.id",
    ),
    ("action_delete", "DELETE", "actions", "OLD.id"),
    ("meeting_insert", "INSERT", "meetings", "SELECT id FROM actions WHERE meeting_id = NEW.id"),
    (
        "meeting_update",
        "UPDATE OF id, audit_id",
        "meetings",
        "SELECT id FROM actions WHERE meeting_id IN (OLD.id, NEW.id)",
    ),
    ("meeting_delete", "DELETE", "meetings", "SELECT id FROM actions WHERE meeting_id = OLD.id"),
    ("audit_insert", "INSERT", "audits", _of_audit("NEW.id")),
    (
        "audit_update",
        "UPDATE OF id, case_id, form_version_id, audit_type, practitioner_id, deleted_at",
        "audits",
        f"{_of_audit('OLD.id')} UNION ALL {_of_audit('NEW.id')}",
    ),
    ("audit_delete", "DELETE", "audits", _of_audit("OLD.id")),
]

FAMILY = Family(
    action_facts,
    (
        """CREATE TABLE report_actions (
  action_id VARCHAR(36) NOT NULL PRIMARY KEY,
  due_on DATE NOT NULL,
  state VARCHAR(10) NOT NULL,
  audit_id VARCHAR(36) NOT NULL,
  team_id VARCHAR(36) NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  practitioner_id VARCHAR(36)
) WITHOUT ROWID""",
        # A period's actions with what slices look at, from the index alone.
        """CREATE INDEX ix_report_actions_due ON report_actions (due_on, state, team_id,
  form_version_id, audit_type, practitioner_id)""",
        "CREATE INDEX ix_report_actions_audit ON report_actions (audit_id)",
    ),
    (
        *(
            f"""CREATE TRIGGER report_actions_{name} AFTER {event} ON {table}
BEGIN{_refresh(actions)}
END"""
            for name, event, table, actions in _TRIGGERS
        ),
        """CREATE TRIGGER report_actions_case_update AFTER UPDATE OF team_id ON cases
BEGIN
  UPDATE report_actions SET team_id = NEW.team_id
  WHERE audit_id IN (SELECT id FROM audits WHERE case_id = NEW.id);
END""",
    ),
    (
        "DELETE FROM report_actions",
        f"INSERT INTO report_actions ({COLUMNS}){facts_of('1 = 1')}",
    ),
)


# -- per team, day and state --------------------------------------------------------------------
#
# ``report_action_counts`` adds the rows up per team, due date, form version, audit type and
# where the action stands: a slice by team, service, area or audit type (or the county) adds
# up a few rows a day instead of one per action. One worker's actions come from the rows.
# Triggers on ``report_actions`` keep it in step.

COUNT_KEY = "team_id, due_on, form_version_id, audit_type, state"

action_day_counts = Table(
    "report_action_counts",
    MetaData(),
    Column("team_id", String(36), primary_key=True),
    Column("due_on", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("audit_type", String(30), primary_key=True),
    Column("state", String(10), primary_key=True),
    Column("n", Integer, nullable=False),
)


def _count(row: str, change: str) -> str:
    return f"""
  INSERT INTO report_action_counts ({COUNT_KEY}, n)
  VALUES ({row}.team_id, {row}.due_on, {row}.form_version_id, {row}.audit_type, {row}.state,
          {change})
  ON CONFLICT ({COUNT_KEY}) DO UPDATE SET n = n + excluded.n;"""


COUNTS = Family(
    action_day_counts,
    (
        f"""CREATE TABLE report_action_counts (
  team_id VARCHAR(36) NOT NULL,
  due_on DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  state VARCHAR(10) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({COUNT_KEY})
) WITHOUT ROWID""",
    ),
    (
        f"""CREATE TRIGGER report_action_counts_insert AFTER INSERT ON report_actions
BEGIN{_count("NEW", "1")}
END""",
        f"""CREATE TRIGGER report_action_counts_delete AFTER DELETE ON report_actions
BEGIN{_count("OLD", "-1")}
END""",
        f"""CREATE TRIGGER report_action_counts_update AFTER UPDATE ON report_actions
BEGIN{_count("OLD", "-1")}{_count("NEW", "1")}
END""",
    ),
    (
        "DELETE FROM report_action_counts",
        f"""INSERT INTO report_action_counts ({COUNT_KEY}, n)
SELECT {COUNT_KEY}, count(*) FROM report_actions GROUP BY {COUNT_KEY}""",
    ),
)

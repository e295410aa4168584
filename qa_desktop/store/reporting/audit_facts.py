"""What reports need to know of each audit, one narrow row per audit, kept by the database.

``report_audits`` holds, for every audit that is not deleted, the day it counts in reports
(``day``: its completed date while it counts, :mod:`.counted`), the day it is due (unless cancelled),
the case's team, the form version, the audit type, the practitioner and auditor, the audit it
re-audits, the confirmed overall grade (the moderator's where there is one, else the
auditor's), whether the voice of the child is recorded, and what moderation decided (the
overall grade moderated and agreed; how many practice areas moderated and agreed).

The dashboard then counts completed audits, plans, moderation by auditor, Inadequate audits
and the voice of the child by reading these rows through one covering index, instead of
reaching into the audits (wide rows) and moderations of every audit of the period. SQLite
triggers keep the rows in step with every change to audits, moderations and cases, whoever
makes it (a screen, an import, sync): each change recomputes the rows of the audits it
touches. Derived data, never synced; :mod:`qa_desktop.store.reporting.tables` declares every
such table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table

from qa_desktop.store.reporting.counted import STATES_SQL
from qa_desktop.store.reporting.family import Family

COLUMNS = (
    "audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id,"
    " reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed"
)

audit_facts = Table(
    "report_audits",
    MetaData(),
    Column("audit_id", String(36), primary_key=True),
    Column("day", Date),
    Column("due_on", Date),
    Column("team_id", String(36), nullable=False),
    Column("form_version_id", String(36), nullable=False),
    Column("audit_type", String(30), nullable=False),
    Column("practitioner_id", String(36)),
    Column("auditor_id", String(36), nullable=False),
    Column("reaudit_of_id", String(36)),
    Column("overall", String(30)),
    Column("voice", Integer, nullable=False),
    Column("moderated", Integer, nullable=False),
    Column("agreed", Integer, nullable=False),
    Column("area_decisions", Integer, nullable=False),
    Column("area_agreed", Integer, nullable=False),
)


def _moderations(what: str, where: str) -> str:
    return f"(SELECT {what} FROM moderations x WHERE x.audit_id = a.id AND {where})"


_AGREED = "x.auditor_grade = x.moderated_grade"


def facts_of(where: str) -> str:
    """The rows of the audits ``a`` meeting ``where`` (SQL), as the table holds them."""
    return f"""
  SELECT a.id, CASE WHEN a.state IN {STATES_SQL} THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce({_moderations("x.moderated_grade", "x.section_id = 'overall'")},
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         {_moderations("count(*)", "x.section_id = 'overall'")},
         {_moderations("count(*)", f"x.section_id = 'overall' AND {_AGREED}")},
         {_moderations("count(*)", "x.section_id != 'overall'")},
         {_moderations("count(*)", f"x.section_id != 'overall' AND {_AGREED}")}
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND {where}"""


def _refresh(audits: str) -> str:
    """Statements recomputing the rows of the audits ``audits`` (an SQL list of ids)."""
    return f"""
  DELETE FROM report_audits WHERE audit_id IN ({audits});
  INSERT INTO report_audits ({COLUMNS}){facts_of(f"a.id IN ({audits})")};"""


_AUDIT_CHANGES = (
    "UPDATE OF id, case_id, form_version_id, audit_type, state, auditor_id, practitioner_id,"
    " due_on, completed_on, overall_grade, voice_of_child, reaudit_of_id, deleted_at"
)

_TRIGGERS: list[tuple[str, str, str, str]] = [
    # name, event, table, audits whose rows to recompute
    ("audit_insert", "INSERT", "audits", "NEW.id"),
    ("audit_update", _AUDIT_CHANGES, "audits", "OLD.id, NEW.id"),
    ("audit_delete", "DELETE", "audits", "OLD.id"),
    ("moderation_insert", "INSERT", "moderations", "NEW.audit_id"),
    (
        "moderation_update",
        "UPDATE OF audit_id, section_id, auditor_grade, moderated_grade",
        "moderations",
        "OLD.audit_id, NEW.audit_id",
    ),
    ("moderation_delete", "DELETE", "moderations", "OLD.audit_id"),
]

FAMILY = Family(
    audit_facts,
    (
        """CREATE TABLE report_audits (
  audit_id VARCHAR(36) NOT NULL PRIMARY KEY,
  day DATE,
  due_on DATE,
  team_id VARCHAR(36) NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  practitioner_id VARCHAR(36),
  auditor_id VARCHAR(36) NOT NULL,
  reaudit_of_id VARCHAR(36),
  overall VARCHAR(30),
  voice INTEGER NOT NULL,
  moderated INTEGER NOT NULL,
  agreed INTEGER NOT NULL,
  area_decisions INTEGER NOT NULL,
  area_agreed INTEGER NOT NULL
) WITHOUT ROWID""",
        # A period's audits with everything the dashboard counts, from the index alone.
        """CREATE INDEX ix_report_audits_day ON report_audits (day, team_id, form_version_id,
  audit_type, practitioner_id, auditor_id, overall, voice, moderated, agreed, area_decisions,
  area_agreed) WHERE day IS NOT NULL""",
        """CREATE INDEX ix_report_audits_due ON report_audits (due_on, team_id, form_version_id,
  audit_type, practitioner_id, day) WHERE due_on IS NOT NULL""",
        # One worker's audits of a period.
        "CREATE INDEX ix_report_audits_worker ON report_audits (practitioner_id, day)",
        "CREATE INDEX ix_report_audits_reaudit ON report_audits (reaudit_of_id, day, overall)"
        " WHERE reaudit_of_id IS NOT NULL",
        # A period's Inadequate audits (about one in six), without reading the others.
        "CREATE INDEX ix_report_audits_inadequate ON report_audits (day, team_id,"
        " form_version_id, audit_type, practitioner_id) WHERE overall = 'inadequate'",
    ),
    (
        *(
            f"""CREATE TRIGGER report_audits_{name} AFTER {event} ON {table}
BEGIN{_refresh(audits)}
END"""
            for name, event, table, audits in _TRIGGERS
        ),
        """CREATE TRIGGER report_audits_case AFTER UPDATE OF team_id ON cases
BEGIN
  UPDATE report_audits SET team_id = NEW.team_id
  WHERE audit_id IN (SELECT id FROM audits WHERE case_id = NEW.id);
END""",
    ),
    (
        "DELETE FROM report_audits",
        f"INSERT INTO report_audits ({COLUMNS}){facts_of('1 = 1')}",
    ),
)

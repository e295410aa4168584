"""How often each "even better if" comment was written, kept by the database itself.

``report_better_counts`` holds, per day an audit was completed, form version and comment, how
many section reviews carry it. SQLite triggers keep it in step with every change to section
reviews and audits that moves a comment in or out of the reports, whoever makes the change:
before a change they take away what the audit counted, after it they add what it counts now.

Only audits that count in reports are counted: completed, not cancelled, not deleted. The
table is not an ORM model: it is derived data, never synced. It has no team or audit type, so
it serves county-wide figures (all teams, or one form) and is the roll-up of the counts per
team and type below, which serve slices.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, Text

from qa_desktop.store.reporting.rollups import rollup_triggers

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


# -- per team and audit type -------------------------------------------------------------------
#
# ``report_better_team_counts`` holds the same counts per team (the case's) and audit type too,
# so that a slice by team, service, area or audit type adds up a few rows a day. Its triggers
# are the ones above with the team and type added, and they follow a case that moves team too.
# The county-wide table becomes its roll-up over teams and types, kept by triggers on this
# table, so every change is worked out once.

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


_COUNTY_ROLLUP, _COUNTY_ROLLUP_DROP = rollup_triggers(
    "report_better_counts_rollup",
    "report_better_team_counts",
    "report_better_counts",
    [
        ("day", "{row}.day"),
        ("form_version_id", "{row}.form_version_id"),
        ("even_better_if", "{row}.even_better_if"),
    ],
)


def _team_triggers() -> list[str]:
    statements = []
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
    return statements


_OWN_TRIGGERS = [
    f"report_better_counts_{name}_{when}" for name, *_ in _TRIGGERS for when in ("before", "after")
]

TEAM_CREATE = [
    # The county-wide table's own triggers give way to the roll-up below.
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _OWN_TRIGGERS),
    f"""CREATE TABLE report_better_team_counts (
  team_id VARCHAR(36) NOT NULL,
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  even_better_if TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({TEAM_KEY})
) WITHOUT ROWID""",
    *_team_triggers(),
    f"""INSERT INTO report_better_team_counts ({TEAM_KEY}, n)
SELECT team, day, fv, type, txt, count(*) FROM ({_team_comments_of("SELECT id FROM audits")})
GROUP BY team, day, fv, type, txt""",
    *_COUNTY_ROLLUP,
]

TEAM_DROP = [
    *_COUNTY_ROLLUP_DROP,
    *(
        f"DROP TRIGGER IF EXISTS report_better_team_counts_{name}_{when}"
        for name, *_ in _TEAM_TRIGGERS
        for when in ("before", "after")
    ),
    "DROP TABLE IF EXISTS report_better_team_counts",
    # The county-wide table keeps itself again (as migration 0009 made it).
    *_create_triggers(),
    *REBUILD,
]

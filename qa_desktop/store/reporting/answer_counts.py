"""A running count of answers for reports, kept by the database itself.

``report_answer_counts`` holds, per day an audit was completed, form version, team (the
case's), audit type, question and answer, how many answers there are. SQLite triggers keep it
in step with every insert, update and delete of answers, every change to an audit that moves
it in or out of the reports (completed, cancelled, deleted, re-dated, another form, type or
case) and every case that moves team, whoever makes the change (a screen, an import, sync).
Compliance then adds up a few hundred rows per day instead of every answer of every audit.

Only audits that count in reports are counted (:mod:`.counted`): signed off, not reopened,
cancelled or deleted. Two
roll-ups follow it: per day county-wide (over teams and audit types) and per month. Derived
data, never synced; :mod:`qa_desktop.store.reporting.tables` declares every such table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table

from qa_desktop.store.reporting.counted import counted
from qa_desktop.store.reporting.family import Family
from qa_desktop.store.reporting.rollups import month_of, rollup_triggers

ANSWERS = "('yes', 'partly', 'no', 'na')"
KEY = "day, form_version_id, team_id, audit_type, question_id, value"

answer_counts = Table(
    "report_answer_counts",
    MetaData(),
    Column("day", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("team_id", String(36), primary_key=True),
    Column("audit_type", String(30), primary_key=True),
    Column("question_id", String(32), primary_key=True),
    Column("value", String(10), primary_key=True),
    Column("n", Integer, nullable=False),
)


def _counted(a: str) -> str:
    return counted(a)


def _add_answer(row: str) -> str:
    return f"""
  INSERT INTO report_answer_counts ({KEY}, n)
  SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, {row}.question_id,
         {row}.value, 1
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.id = {row}.audit_id AND {row}.value IN {ANSWERS} AND {_counted("a")}
  ON CONFLICT ({KEY}) DO UPDATE SET n = n + 1;"""


def _remove_answer(row: str) -> str:
    return f"""
  UPDATE report_answer_counts SET n = n - 1
  WHERE question_id = {row}.question_id AND value = {row}.value AND {row}.value IN {ANSWERS}
    AND (day, form_version_id, team_id, audit_type) IN (
      SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type
      FROM audits a JOIN cases c ON c.id = a.case_id
      WHERE a.id = {row}.audit_id AND {_counted("a")});"""


_TABLE = f"""CREATE TABLE report_answer_counts (
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  team_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  question_id VARCHAR(32) NOT NULL,
  value VARCHAR(10) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({KEY})
) WITHOUT ROWID"""

_TRIGGERS = (
    f"""CREATE TRIGGER report_answer_counts_insert AFTER INSERT ON answers
BEGIN{_add_answer("NEW")}
END""",
    f"""CREATE TRIGGER report_answer_counts_delete AFTER DELETE ON answers
BEGIN{_remove_answer("OLD")}
END""",
    f"""CREATE TRIGGER report_answer_counts_update AFTER UPDATE OF value, question_id, audit_id
ON answers
BEGIN{_remove_answer("OLD")}{_add_answer("NEW")}
END""",
    f"""CREATE TRIGGER report_answer_counts_audit AFTER UPDATE OF completed_on, state, deleted_at,
form_version_id, audit_type, case_id ON audits
BEGIN
  UPDATE report_answer_counts SET n = n - (
    SELECT count(*) FROM answers x
    WHERE x.audit_id = OLD.id AND x.question_id = report_answer_counts.question_id
      AND x.value = report_answer_counts.value)
  WHERE {_counted("OLD")}
    AND day = OLD.completed_on AND form_version_id = OLD.form_version_id
    AND audit_type = OLD.audit_type
    AND team_id = (SELECT team_id FROM cases WHERE id = OLD.case_id);
  INSERT INTO report_answer_counts ({KEY}, n)
  SELECT NEW.completed_on, NEW.form_version_id, (SELECT team_id FROM cases WHERE id = NEW.case_id),
         NEW.audit_type, x.question_id, x.value, count(*)
  FROM answers x
  WHERE x.audit_id = NEW.id AND x.value IN {ANSWERS} AND {_counted("NEW")}
  GROUP BY x.question_id, x.value
  ON CONFLICT ({KEY}) DO UPDATE SET n = n + excluded.n;
END""",
    f"""CREATE TRIGGER report_answer_counts_case AFTER UPDATE OF team_id ON cases
BEGIN
  UPDATE report_answer_counts SET n = n - (
    SELECT count(*) FROM answers x JOIN audits a ON a.id = x.audit_id
    WHERE a.case_id = OLD.id AND {_counted("a")}
      AND a.completed_on = report_answer_counts.day
      AND a.form_version_id = report_answer_counts.form_version_id
      AND a.audit_type = report_answer_counts.audit_type
      AND x.question_id = report_answer_counts.question_id
      AND x.value = report_answer_counts.value)
  WHERE team_id = OLD.team_id AND (day, form_version_id, audit_type) IN (
    SELECT a.completed_on, a.form_version_id, a.audit_type FROM audits a
    WHERE a.case_id = OLD.id AND {_counted("a")});
  INSERT INTO report_answer_counts ({KEY}, n)
  SELECT a.completed_on, a.form_version_id, NEW.team_id, a.audit_type, x.question_id, x.value,
         count(*)
  FROM answers x JOIN audits a ON a.id = x.audit_id
  WHERE a.case_id = NEW.id AND x.value IN {ANSWERS} AND {_counted("a")}
  GROUP BY a.completed_on, a.form_version_id, a.audit_type, x.question_id, x.value
  ON CONFLICT ({KEY}) DO UPDATE SET n = n + excluded.n;
END""",
)

_REBUILD = (
    "DELETE FROM report_answer_counts",
    f"""INSERT INTO report_answer_counts ({KEY}, n)
SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, x.question_id, x.value,
       count(*)
FROM answers x JOIN audits a ON a.id = x.audit_id JOIN cases c ON c.id = a.case_id
WHERE x.value IN {ANSWERS} AND {_counted("a")}
GROUP BY a.completed_on, a.form_version_id, c.team_id, a.audit_type, x.question_id, x.value""",
)

COUNTS = Family(answer_counts, (_TABLE,), _TRIGGERS, _REBUILD)


# -- the county-wide roll-up --------------------------------------------------------------------
#
# ``report_answer_day_counts`` adds up ``report_answer_counts`` over teams and audit types: per
# day, form version, question and answer (at most a few hundred rows a day, however many teams
# and audits). Triggers on ``report_answer_counts`` keep it in step, so it follows every change
# the triggers above follow. County-wide compliance (no team, worker or type chosen) reads it.

DAY_KEY = "day, form_version_id, question_id, value"

answer_day_counts = Table(
    "report_answer_day_counts",
    MetaData(),
    Column("day", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("question_id", String(32), primary_key=True),
    Column("value", String(10), primary_key=True),
    Column("n", Integer, nullable=False),
)

DAY = Family(
    answer_day_counts,
    (
        f"""CREATE TABLE report_answer_day_counts (
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  question_id VARCHAR(32) NOT NULL,
  value VARCHAR(10) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({DAY_KEY})
) WITHOUT ROWID""",
    ),
    rollup_triggers(
        "report_answer_day_rollup",
        "report_answer_counts",
        "report_answer_day_counts",
        [
            ("day", "{row}.day"),
            ("form_version_id", "{row}.form_version_id"),
            ("question_id", "{row}.question_id"),
            ("value", "{row}.value"),
        ],
    ),
    (
        "DELETE FROM report_answer_day_counts",
        f"""INSERT INTO report_answer_day_counts ({DAY_KEY}, n)
SELECT day, form_version_id, question_id, value, sum(n) FROM report_answer_counts
GROUP BY day, form_version_id, question_id, value""",
    ),
)


# -- per month ----------------------------------------------------------------------------------
#
# ``report_answer_month_counts`` adds up ``report_answer_counts`` per calendar month (``month``
# is its first day), keeping the form version, team, audit type, question and answer: a slice
# by team, service or area over a quarter adds up three months of rows instead of ninety days.
# Days before and after the whole months of a period come from the day rows. Triggers on
# ``report_answer_counts`` keep it in step.

MONTH_KEY = "team_id, month, form_version_id, audit_type, question_id, value"

answer_month_counts = Table(
    "report_answer_month_counts",
    MetaData(),
    Column("team_id", String(36), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("form_version_id", String(36), primary_key=True),
    Column("audit_type", String(30), primary_key=True),
    Column("question_id", String(32), primary_key=True),
    Column("value", String(10), primary_key=True),
    Column("n", Integer, nullable=False),
)

MONTH = Family(
    answer_month_counts,
    (
        f"""CREATE TABLE report_answer_month_counts (
  team_id VARCHAR(36) NOT NULL,
  month DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  question_id VARCHAR(32) NOT NULL,
  value VARCHAR(10) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY ({MONTH_KEY})
) WITHOUT ROWID""",
    ),
    rollup_triggers(
        "report_answer_month_counts",
        "report_answer_counts",
        "report_answer_month_counts",
        [
            ("team_id", "{row}.team_id"),
            ("month", month_of("{row}.day")),
            ("form_version_id", "{row}.form_version_id"),
            ("audit_type", "{row}.audit_type"),
            ("question_id", "{row}.question_id"),
            ("value", "{row}.value"),
        ],
    ),
    (
        "DELETE FROM report_answer_month_counts",
        f"""INSERT INTO report_answer_month_counts ({MONTH_KEY}, n)
SELECT team_id, {month_of("day")}, form_version_id, audit_type, question_id, value, sum(n)
FROM report_answer_counts
GROUP BY team_id, 2, form_version_id, audit_type, question_id, value""",
    ),
)

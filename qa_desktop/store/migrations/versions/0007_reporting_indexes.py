"""Reporting: indexes so that the dashboard's aggregates read indexes only (no table lookups)
and follow-up figures find meetings and actions by their due dates; and the table of the
commentary the QA team writes for the quarterly report; and the answer counts that triggers
keep for compliance. The SQL is frozen below as it ran; what the reporting tables are today is
declared in qa_desktop/store/reporting/tables.py.

Revision ID: 0007
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op


revision = "0007"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEXES = {
    # Compliance: every answer of the audits in a period, read from the index alone.
    "ix_answers_tally": ("answers", ["audit_id", "question_id", "value"]),
    # The audits of a period, with what slices and grades need, from the index alone.
    "ix_audits_report": (
        "audits",
        [
            "completed_on",
            "state",
            "deleted_at",
            "form_version_id",
            "case_id",
            "audit_type",
            "overall_grade",
            "auditor_id",
            "practitioner_id",
            "id",
        ],
    ),
    "ix_section_reviews_grade": ("section_reviews", ["audit_id", "section_id", "grade"]),
    "ix_moderations_grades": (
        "moderations",
        ["audit_id", "section_id", "moderated_grade", "auditor_grade"],
    ),
    "ix_meetings_due": ("meetings", ["due_on"]),
    "ix_meetings_reaudit_due": ("meetings", ["reaudit_due_on"]),
    "ix_actions_due": (
        "actions",
        ["due_on", "deleted_at", "status", "completed_on", "audit_id", "meeting_id"],
    ),
    # Follow-up figures reach an audit by its id and need only what slices look at.
    "ix_audits_slice": (
        "audits",
        ["id", "deleted_at", "case_id", "practitioner_id", "form_version_id", "audit_type"],
    ),
    "ix_meetings_audit": ("meetings", ["id", "audit_id"]),
    "ix_audits_due": ("audits", ["due_on"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    # The commentary the QA team writes for each indicator of a quarterly report.
    op.create_table(
        "report_commentaries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["people.id"], name=op.f("fk_report_commentaries_author_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_commentaries")),
        sa.UniqueConstraint("period", "indicator", name=op.f("uq_report_commentaries_period")),
    )

    # The answer counts kept by triggers (SQLite, the local store).
    if op.get_bind().dialect.name == "sqlite":
        for statement in ANSWER_COUNTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in ANSWER_COUNTS_DROP:
            op.execute(statement)
    op.drop_table("report_commentaries")
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)


# The SQL as this revision ran it, frozen here: later changes to the reporting tables belong
# in a new revision, never in this one.
ANSWER_COUNTS = [
    """CREATE TABLE report_answer_counts (
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  team_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  question_id VARCHAR(32) NOT NULL,
  value VARCHAR(10) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, form_version_id, team_id, audit_type, question_id, value)
) WITHOUT ROWID""",
    """CREATE TRIGGER report_answer_counts_insert AFTER INSERT ON answers
BEGIN
  INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
  SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, NEW.question_id,
         NEW.value, 1
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.id = NEW.audit_id AND NEW.value IN ('yes', 'partly', 'no', 'na') AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
  ON CONFLICT (day, form_version_id, team_id, audit_type, question_id, value) DO UPDATE SET n = n + 1;
END""",
    """CREATE TRIGGER report_answer_counts_delete AFTER DELETE ON answers
BEGIN
  UPDATE report_answer_counts SET n = n - 1
  WHERE question_id = OLD.question_id AND value = OLD.value AND OLD.value IN ('yes', 'partly', 'no', 'na')
    AND (day, form_version_id, team_id, audit_type) IN (
      SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type
      FROM audits a JOIN cases c ON c.id = a.case_id
      WHERE a.id = OLD.audit_id AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL);
END""",
    """CREATE TRIGGER report_answer_counts_update AFTER UPDATE OF value, question_id, audit_id
ON answers
BEGIN
  UPDATE report_answer_counts SET n = n - 1
  WHERE question_id = OLD.question_id AND value = OLD.value AND OLD.value IN ('yes', 'partly', 'no', 'na')
    AND (day, form_version_id, team_id, audit_type) IN (
      SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type
      FROM audits a JOIN cases c ON c.id = a.case_id
      WHERE a.id = OLD.audit_id AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL);
  INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
  SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, NEW.question_id,
         NEW.value, 1
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.id = NEW.audit_id AND NEW.value IN ('yes', 'partly', 'no', 'na') AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
  ON CONFLICT (day, form_version_id, team_id, audit_type, question_id, value) DO UPDATE SET n = n + 1;
END""",
    """CREATE TRIGGER report_answer_counts_audit AFTER UPDATE OF completed_on, state, deleted_at,
form_version_id, audit_type, case_id ON audits
BEGIN
  UPDATE report_answer_counts SET n = n - (
    SELECT count(*) FROM answers x
    WHERE x.audit_id = OLD.id AND x.question_id = report_answer_counts.question_id
      AND x.value = report_answer_counts.value)
  WHERE OLD.completed_on IS NOT NULL AND OLD.state != 'cancelled' AND OLD.deleted_at IS NULL
    AND day = OLD.completed_on AND form_version_id = OLD.form_version_id
    AND audit_type = OLD.audit_type
    AND team_id = (SELECT team_id FROM cases WHERE id = OLD.case_id);
  INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
  SELECT NEW.completed_on, NEW.form_version_id, (SELECT team_id FROM cases WHERE id = NEW.case_id),
         NEW.audit_type, x.question_id, x.value, count(*)
  FROM answers x
  WHERE x.audit_id = NEW.id AND x.value IN ('yes', 'partly', 'no', 'na') AND NEW.completed_on IS NOT NULL AND NEW.state != 'cancelled' AND NEW.deleted_at IS NULL
  GROUP BY x.question_id, x.value
  ON CONFLICT (day, form_version_id, team_id, audit_type, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_counts_case AFTER UPDATE OF team_id ON cases
BEGIN
  UPDATE report_answer_counts SET n = n - (
    SELECT count(*) FROM answers x JOIN audits a ON a.id = x.audit_id
    WHERE a.case_id = OLD.id AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND a.completed_on = report_answer_counts.day
      AND a.form_version_id = report_answer_counts.form_version_id
      AND a.audit_type = report_answer_counts.audit_type
      AND x.question_id = report_answer_counts.question_id
      AND x.value = report_answer_counts.value)
  WHERE team_id = OLD.team_id AND (day, form_version_id, audit_type) IN (
    SELECT a.completed_on, a.form_version_id, a.audit_type FROM audits a
    WHERE a.case_id = OLD.id AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL);
  INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
  SELECT a.completed_on, a.form_version_id, NEW.team_id, a.audit_type, x.question_id, x.value,
         count(*)
  FROM answers x JOIN audits a ON a.id = x.audit_id
  WHERE a.case_id = NEW.id AND x.value IN ('yes', 'partly', 'no', 'na') AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
  GROUP BY a.completed_on, a.form_version_id, a.audit_type, x.question_id, x.value
  ON CONFLICT (day, form_version_id, team_id, audit_type, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    'DELETE FROM report_answer_counts',
    """INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, x.question_id, x.value,
       count(*)
FROM answers x JOIN audits a ON a.id = x.audit_id JOIN cases c ON c.id = a.case_id
WHERE x.value IN ('yes', 'partly', 'no', 'na') AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
GROUP BY a.completed_on, a.form_version_id, c.team_id, a.audit_type, x.question_id, x.value""",
]

ANSWER_COUNTS_DROP = [
    'DROP TRIGGER IF EXISTS report_answer_counts_case',
    'DROP TRIGGER IF EXISTS report_answer_counts_audit',
    'DROP TRIGGER IF EXISTS report_answer_counts_update',
    'DROP TRIGGER IF EXISTS report_answer_counts_delete',
    'DROP TRIGGER IF EXISTS report_answer_counts_insert',
    'DROP TABLE IF EXISTS report_answer_counts',
]

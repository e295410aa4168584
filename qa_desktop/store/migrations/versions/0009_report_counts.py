"""Reporting: county-wide counts kept by triggers, so that the dashboard adds up a few hundred
rows a day whatever the number of audits and teams: the roll-up of the answer counts over teams
and audit types, the confirmed grades per section and overall, and the "even better if"
comments. The SQL is frozen below as it ran; what the reporting tables are today is declared in
qa_desktop/store/reporting/tables.py.

Revision ID: 0009
Revises: 0005
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The "even better if" comments of a period's audits, from the index alone (the query
    # writes the condition as this literal, so that SQLite may use the partial index).
    op.create_index(
        "ix_section_reviews_better",
        "section_reviews",
        ["audit_id", "even_better_if"],
        sqlite_where=sa.text("even_better_if != ''"),
        postgresql_where=sa.text("even_better_if != ''"),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in UPGRADE_SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in DOWNGRADE_SQLITE:
            op.execute(statement)
    op.drop_index("ix_section_reviews_better", table_name="section_reviews")


# The SQL as this revision ran it, frozen here: later changes to the reporting tables belong
# in a new revision, never in this one.
UPGRADE_SQLITE = [
    """CREATE TABLE report_answer_day_counts (
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  question_id VARCHAR(32) NOT NULL,
  value VARCHAR(10) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, form_version_id, question_id, value)
) WITHOUT ROWID""",
    """INSERT INTO report_answer_day_counts (day, form_version_id, question_id, value, n)
SELECT day, form_version_id, question_id, value, sum(n) FROM report_answer_counts
GROUP BY day, form_version_id, question_id, value""",
    """CREATE TRIGGER report_answer_day_counts_insert AFTER INSERT ON report_answer_counts
BEGIN
  INSERT INTO report_answer_day_counts (day, form_version_id, question_id, value, n)
  VALUES (NEW.day, NEW.form_version_id, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (day, form_version_id, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_day_counts_delete AFTER DELETE ON report_answer_counts
BEGIN
  UPDATE report_answer_day_counts SET n = n - OLD.n
  WHERE day = OLD.day AND form_version_id = OLD.form_version_id
    AND question_id = OLD.question_id AND value = OLD.value;
END""",
    """CREATE TRIGGER report_answer_day_counts_update AFTER UPDATE ON report_answer_counts
BEGIN
  UPDATE report_answer_day_counts SET n = n - OLD.n
  WHERE day = OLD.day AND form_version_id = OLD.form_version_id
    AND question_id = OLD.question_id AND value = OLD.value;
  INSERT INTO report_answer_day_counts (day, form_version_id, question_id, value, n)
  VALUES (NEW.day, NEW.form_version_id, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (day, form_version_id, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TABLE report_grade_counts (
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  section_id VARCHAR(32) NOT NULL,
  grade VARCHAR(30) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, form_version_id, section_id, grade)
) WITHOUT ROWID""",
    """CREATE TRIGGER report_grade_counts_audit_insert_after AFTER INSERT ON audits
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
  SELECT day, fv, sec, grade, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY day, fv, sec, grade
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_audit_update_before BEFORE UPDATE OF completed_on, state, deleted_at, form_version_id, overall_grade ON audits
BEGIN
  UPDATE report_grade_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_counts.day AND r.fv = report_grade_counts.form_version_id
      AND r.sec = report_grade_counts.section_id AND r.grade = report_grade_counts.grade)
  WHERE (day, form_version_id, section_id, grade) IN (
    SELECT day, fv, sec, grade FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_counts_audit_update_after AFTER UPDATE OF completed_on, state, deleted_at, form_version_id, overall_grade ON audits
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
  SELECT day, fv, sec, grade, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY day, fv, sec, grade
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_audit_delete_before BEFORE DELETE ON audits
BEGIN
  UPDATE report_grade_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_counts.day AND r.fv = report_grade_counts.form_version_id
      AND r.sec = report_grade_counts.section_id AND r.grade = report_grade_counts.grade)
  WHERE (day, form_version_id, section_id, grade) IN (
    SELECT day, fv, sec, grade FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_counts_review_insert_before BEFORE INSERT ON section_reviews
BEGIN
  UPDATE report_grade_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_counts.day AND r.fv = report_grade_counts.form_version_id
      AND r.sec = report_grade_counts.section_id AND r.grade = report_grade_counts.grade)
  WHERE (day, form_version_id, section_id, grade) IN (
    SELECT day, fv, sec, grade FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_counts_review_insert_after AFTER INSERT ON section_reviews
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
  SELECT day, fv, sec, grade, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY day, fv, sec, grade
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_review_update_before BEFORE UPDATE OF grade, section_id, audit_id ON section_reviews
BEGIN
  UPDATE report_grade_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_counts.day AND r.fv = report_grade_counts.form_version_id
      AND r.sec = report_grade_counts.section_id AND r.grade = report_grade_counts.grade)
  WHERE (day, form_version_id, section_id, grade) IN (
    SELECT day, fv, sec, grade FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_counts_review_update_after AFTER UPDATE OF grade, section_id, audit_id ON section_reviews
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
  SELECT day, fv, sec, grade, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY day, fv, sec, grade
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_review_delete_before BEFORE DELETE ON section_reviews
BEGIN
  UPDATE report_grade_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_counts.day AND r.fv = report_grade_counts.form_version_id
      AND r.sec = report_grade_counts.section_id AND r.grade = report_grade_counts.grade)
  WHERE (day, form_version_id, section_id, grade) IN (
    SELECT day, fv, sec, grade FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_counts_review_delete_after AFTER DELETE ON section_reviews
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
  SELECT day, fv, sec, grade, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY day, fv, sec, grade
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_moderation_insert_before BEFORE INSERT ON moderations
BEGIN
  UPDATE report_grade_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_counts.day AND r.fv = report_grade_counts.form_version_id
      AND r.sec = report_grade_counts.section_id AND r.grade = report_grade_counts.grade)
  WHERE (day, form_version_id, section_id, grade) IN (
    SELECT day, fv, sec, grade FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_counts_moderation_insert_after AFTER INSERT ON moderations
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
  SELECT day, fv, sec, grade, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY day, fv, sec, grade
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_moderation_update_before BEFORE UPDATE OF moderated_grade, section_id, audit_id ON moderations
BEGIN
  UPDATE report_grade_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_counts.day AND r.fv = report_grade_counts.form_version_id
      AND r.sec = report_grade_counts.section_id AND r.grade = report_grade_counts.grade)
  WHERE (day, form_version_id, section_id, grade) IN (
    SELECT day, fv, sec, grade FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_counts_moderation_update_after AFTER UPDATE OF moderated_grade, section_id, audit_id ON moderations
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
  SELECT day, fv, sec, grade, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY day, fv, sec, grade
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_moderation_delete_before BEFORE DELETE ON moderations
BEGIN
  UPDATE report_grade_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_counts.day AND r.fv = report_grade_counts.form_version_id
      AND r.sec = report_grade_counts.section_id AND r.grade = report_grade_counts.grade)
  WHERE (day, form_version_id, section_id, grade) IN (
    SELECT day, fv, sec, grade FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_counts_moderation_delete_after AFTER DELETE ON moderations
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
  SELECT day, fv, sec, grade, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY day, fv, sec, grade
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    'DELETE FROM report_grade_counts',
    """INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
SELECT day, fv, sec, grade, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.section_id AS sec,
           coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
GROUP BY day, fv, sec, grade""",
    """CREATE TABLE report_better_counts (
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  even_better_if TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, form_version_id, even_better_if)
) WITHOUT ROWID""",
    """CREATE TRIGGER report_better_counts_audit_insert_after AFTER INSERT ON audits
BEGIN
  INSERT INTO report_better_counts (day, form_version_id, even_better_if, n)
  SELECT day, fv, txt, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY day, fv, txt
  ON CONFLICT (day, form_version_id, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_counts_audit_update_before BEFORE UPDATE OF completed_on, state, deleted_at, form_version_id ON audits
BEGIN
  UPDATE report_better_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.day = report_better_counts.day AND r.fv = report_better_counts.form_version_id
      AND r.txt = report_better_counts.even_better_if)
  WHERE (day, form_version_id, even_better_if) IN (
    SELECT day, fv, txt FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_counts_audit_update_after AFTER UPDATE OF completed_on, state, deleted_at, form_version_id ON audits
BEGIN
  INSERT INTO report_better_counts (day, form_version_id, even_better_if, n)
  SELECT day, fv, txt, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY day, fv, txt
  ON CONFLICT (day, form_version_id, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_counts_audit_delete_before BEFORE DELETE ON audits
BEGIN
  UPDATE report_better_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.day = report_better_counts.day AND r.fv = report_better_counts.form_version_id
      AND r.txt = report_better_counts.even_better_if)
  WHERE (day, form_version_id, even_better_if) IN (
    SELECT day, fv, txt FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_counts_review_insert_before BEFORE INSERT ON section_reviews
BEGIN
  UPDATE report_better_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.day = report_better_counts.day AND r.fv = report_better_counts.form_version_id
      AND r.txt = report_better_counts.even_better_if)
  WHERE (day, form_version_id, even_better_if) IN (
    SELECT day, fv, txt FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_counts_review_insert_after AFTER INSERT ON section_reviews
BEGIN
  INSERT INTO report_better_counts (day, form_version_id, even_better_if, n)
  SELECT day, fv, txt, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY day, fv, txt
  ON CONFLICT (day, form_version_id, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_counts_review_update_before BEFORE UPDATE OF even_better_if, audit_id ON section_reviews
BEGIN
  UPDATE report_better_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.day = report_better_counts.day AND r.fv = report_better_counts.form_version_id
      AND r.txt = report_better_counts.even_better_if)
  WHERE (day, form_version_id, even_better_if) IN (
    SELECT day, fv, txt FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_counts_review_update_after AFTER UPDATE OF even_better_if, audit_id ON section_reviews
BEGIN
  INSERT INTO report_better_counts (day, form_version_id, even_better_if, n)
  SELECT day, fv, txt, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY day, fv, txt
  ON CONFLICT (day, form_version_id, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_counts_review_delete_before BEFORE DELETE ON section_reviews
BEGIN
  UPDATE report_better_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.day = report_better_counts.day AND r.fv = report_better_counts.form_version_id
      AND r.txt = report_better_counts.even_better_if)
  WHERE (day, form_version_id, even_better_if) IN (
    SELECT day, fv, txt FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_counts_review_delete_after AFTER DELETE ON section_reviews
BEGIN
  INSERT INTO report_better_counts (day, form_version_id, even_better_if, n)
  SELECT day, fv, txt, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY day, fv, txt
  ON CONFLICT (day, form_version_id, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    'DELETE FROM report_better_counts',
    """INSERT INTO report_better_counts (day, form_version_id, even_better_if, n)
SELECT day, fv, txt, count(*) FROM (
    SELECT a.completed_on AS day, a.form_version_id AS fv, s.even_better_if AS txt
    FROM audits a JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
GROUP BY day, fv, txt""",
]

DOWNGRADE_SQLITE = [
    'DROP TRIGGER IF EXISTS report_better_counts_audit_insert_before',
    'DROP TRIGGER IF EXISTS report_better_counts_audit_insert_after',
    'DROP TRIGGER IF EXISTS report_better_counts_audit_update_before',
    'DROP TRIGGER IF EXISTS report_better_counts_audit_update_after',
    'DROP TRIGGER IF EXISTS report_better_counts_audit_delete_before',
    'DROP TRIGGER IF EXISTS report_better_counts_audit_delete_after',
    'DROP TRIGGER IF EXISTS report_better_counts_review_insert_before',
    'DROP TRIGGER IF EXISTS report_better_counts_review_insert_after',
    'DROP TRIGGER IF EXISTS report_better_counts_review_update_before',
    'DROP TRIGGER IF EXISTS report_better_counts_review_update_after',
    'DROP TRIGGER IF EXISTS report_better_counts_review_delete_before',
    'DROP TRIGGER IF EXISTS report_better_counts_review_delete_after',
    'DROP TABLE IF EXISTS report_better_counts',
    'DROP TRIGGER IF EXISTS report_grade_counts_audit_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_counts_audit_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_counts_audit_update_before',
    'DROP TRIGGER IF EXISTS report_grade_counts_audit_update_after',
    'DROP TRIGGER IF EXISTS report_grade_counts_audit_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_counts_audit_delete_after',
    'DROP TRIGGER IF EXISTS report_grade_counts_review_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_counts_review_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_counts_review_update_before',
    'DROP TRIGGER IF EXISTS report_grade_counts_review_update_after',
    'DROP TRIGGER IF EXISTS report_grade_counts_review_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_counts_review_delete_after',
    'DROP TRIGGER IF EXISTS report_grade_counts_moderation_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_counts_moderation_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_counts_moderation_update_before',
    'DROP TRIGGER IF EXISTS report_grade_counts_moderation_update_after',
    'DROP TRIGGER IF EXISTS report_grade_counts_moderation_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_counts_moderation_delete_after',
    'DROP TABLE IF EXISTS report_grade_counts',
    'DROP TRIGGER IF EXISTS report_answer_day_counts_update',
    'DROP TRIGGER IF EXISTS report_answer_day_counts_delete',
    'DROP TRIGGER IF EXISTS report_answer_day_counts_insert',
    'DROP TABLE IF EXISTS report_answer_day_counts',
]

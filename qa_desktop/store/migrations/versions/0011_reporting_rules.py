"""Reporting rules: an audit counts in reports from the auditor's sign-off while it is
submitted, in moderation or closed, so that a reopened audit (which keeps its completed date)
leaves every figure until it is signed off again. The kept tables are unchanged; their
triggers and rebuilds take the new rule, and every table is rebuilt from the records. The SQL
is frozen below as it ran; what the reporting tables are today is declared in
qa_desktop/store/reporting/tables.py.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in UPGRADE_SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in DOWNGRADE_SQLITE:
            op.execute(statement)


# The SQL as this revision ran it, frozen here: later changes to the reporting tables belong
# in a new revision, never in this one.
UPGRADE_SQLITE = [
    'DROP TRIGGER IF EXISTS report_action_counts_update',
    'DROP TRIGGER IF EXISTS report_action_counts_delete',
    'DROP TRIGGER IF EXISTS report_action_counts_insert',
    'DROP TRIGGER IF EXISTS report_actions_case_update',
    'DROP TRIGGER IF EXISTS report_actions_audit_delete',
    'DROP TRIGGER IF EXISTS report_actions_audit_update',
    'DROP TRIGGER IF EXISTS report_actions_audit_insert',
    'DROP TRIGGER IF EXISTS report_actions_meeting_delete',
    'DROP TRIGGER IF EXISTS report_actions_meeting_update',
    'DROP TRIGGER IF EXISTS report_actions_meeting_insert',
    'DROP TRIGGER IF EXISTS report_actions_action_delete',
    'DROP TRIGGER IF EXISTS report_actions_action_update',
    'DROP TRIGGER IF EXISTS report_actions_action_insert',
    'DROP TRIGGER IF EXISTS report_audits_case',
    'DROP TRIGGER IF EXISTS report_audits_moderation_delete',
    'DROP TRIGGER IF EXISTS report_audits_moderation_update',
    'DROP TRIGGER IF EXISTS report_audits_moderation_insert',
    'DROP TRIGGER IF EXISTS report_audits_audit_delete',
    'DROP TRIGGER IF EXISTS report_audits_audit_update',
    'DROP TRIGGER IF EXISTS report_audits_audit_insert',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_key',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_count',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_delete',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_insert',
    'DROP TRIGGER IF EXISTS report_better_team_counts_case_update_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_case_update_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_delete_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_delete_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_update_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_update_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_insert_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_insert_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_delete_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_update_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_update_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_key',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_count',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_delete',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_insert',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_key',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_count',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_delete',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_insert',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_case_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_case_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_delete_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_delete_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_insert_after',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_key',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_count',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_delete',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_insert',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_key',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_count',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_delete',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_insert',
    'DROP TRIGGER IF EXISTS report_answer_counts_case',
    'DROP TRIGGER IF EXISTS report_answer_counts_audit',
    'DROP TRIGGER IF EXISTS report_answer_counts_update',
    'DROP TRIGGER IF EXISTS report_answer_counts_delete',
    'DROP TRIGGER IF EXISTS report_answer_counts_insert',
    """CREATE TRIGGER report_answer_counts_insert AFTER INSERT ON answers
BEGIN
  INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
  SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, NEW.question_id,
         NEW.value, 1
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.id = NEW.audit_id AND NEW.value IN ('yes', 'partly', 'no', 'na') AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
  ON CONFLICT (day, form_version_id, team_id, audit_type, question_id, value) DO UPDATE SET n = n + 1;
END""",
    """CREATE TRIGGER report_answer_counts_delete AFTER DELETE ON answers
BEGIN
  UPDATE report_answer_counts SET n = n - 1
  WHERE question_id = OLD.question_id AND value = OLD.value AND OLD.value IN ('yes', 'partly', 'no', 'na')
    AND (day, form_version_id, team_id, audit_type) IN (
      SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type
      FROM audits a JOIN cases c ON c.id = a.case_id
      WHERE a.id = OLD.audit_id AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL);
END""",
    """CREATE TRIGGER report_answer_counts_update AFTER UPDATE OF value, question_id, audit_id
ON answers
BEGIN
  UPDATE report_answer_counts SET n = n - 1
  WHERE question_id = OLD.question_id AND value = OLD.value AND OLD.value IN ('yes', 'partly', 'no', 'na')
    AND (day, form_version_id, team_id, audit_type) IN (
      SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type
      FROM audits a JOIN cases c ON c.id = a.case_id
      WHERE a.id = OLD.audit_id AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL);
  INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
  SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, NEW.question_id,
         NEW.value, 1
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.id = NEW.audit_id AND NEW.value IN ('yes', 'partly', 'no', 'na') AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
  ON CONFLICT (day, form_version_id, team_id, audit_type, question_id, value) DO UPDATE SET n = n + 1;
END""",
    """CREATE TRIGGER report_answer_counts_audit AFTER UPDATE OF completed_on, state, deleted_at,
form_version_id, audit_type, case_id ON audits
BEGIN
  UPDATE report_answer_counts SET n = n - (
    SELECT count(*) FROM answers x
    WHERE x.audit_id = OLD.id AND x.question_id = report_answer_counts.question_id
      AND x.value = report_answer_counts.value)
  WHERE OLD.completed_on IS NOT NULL AND OLD.state IN ('submitted', 'in_moderation', 'closed') AND OLD.deleted_at IS NULL
    AND day = OLD.completed_on AND form_version_id = OLD.form_version_id
    AND audit_type = OLD.audit_type
    AND team_id = (SELECT team_id FROM cases WHERE id = OLD.case_id);
  INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
  SELECT NEW.completed_on, NEW.form_version_id, (SELECT team_id FROM cases WHERE id = NEW.case_id),
         NEW.audit_type, x.question_id, x.value, count(*)
  FROM answers x
  WHERE x.audit_id = NEW.id AND x.value IN ('yes', 'partly', 'no', 'na') AND NEW.completed_on IS NOT NULL AND NEW.state IN ('submitted', 'in_moderation', 'closed') AND NEW.deleted_at IS NULL
  GROUP BY x.question_id, x.value
  ON CONFLICT (day, form_version_id, team_id, audit_type, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_counts_case AFTER UPDATE OF team_id ON cases
BEGIN
  UPDATE report_answer_counts SET n = n - (
    SELECT count(*) FROM answers x JOIN audits a ON a.id = x.audit_id
    WHERE a.case_id = OLD.id AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND a.completed_on = report_answer_counts.day
      AND a.form_version_id = report_answer_counts.form_version_id
      AND a.audit_type = report_answer_counts.audit_type
      AND x.question_id = report_answer_counts.question_id
      AND x.value = report_answer_counts.value)
  WHERE team_id = OLD.team_id AND (day, form_version_id, audit_type) IN (
    SELECT a.completed_on, a.form_version_id, a.audit_type FROM audits a
    WHERE a.case_id = OLD.id AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL);
  INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
  SELECT a.completed_on, a.form_version_id, NEW.team_id, a.audit_type, x.question_id, x.value,
         count(*)
  FROM answers x JOIN audits a ON a.id = x.audit_id
  WHERE a.case_id = NEW.id AND x.value IN ('yes', 'partly', 'no', 'na') AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
  GROUP BY a.completed_on, a.form_version_id, a.audit_type, x.question_id, x.value
  ON CONFLICT (day, form_version_id, team_id, audit_type, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_day_rollup_insert AFTER INSERT ON report_answer_counts
BEGIN
  INSERT INTO report_answer_day_counts (day, form_version_id, question_id, value, n) VALUES (NEW.day, NEW.form_version_id, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (day, form_version_id, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_day_rollup_delete AFTER DELETE ON report_answer_counts
BEGIN
  UPDATE report_answer_day_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND question_id = OLD.question_id AND value = OLD.value;
END""",
    """CREATE TRIGGER report_answer_day_rollup_count AFTER UPDATE OF n ON report_answer_counts WHEN OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.question_id IS NEW.question_id AND OLD.value IS NEW.value
BEGIN
  UPDATE report_answer_day_counts SET n = n + NEW.n - OLD.n WHERE day = NEW.day AND form_version_id = NEW.form_version_id AND question_id = NEW.question_id AND value = NEW.value;
END""",
    """CREATE TRIGGER report_answer_day_rollup_key AFTER UPDATE ON report_answer_counts WHEN NOT (OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.question_id IS NEW.question_id AND OLD.value IS NEW.value)
BEGIN
  UPDATE report_answer_day_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND question_id = OLD.question_id AND value = OLD.value;
  INSERT INTO report_answer_day_counts (day, form_version_id, question_id, value, n) VALUES (NEW.day, NEW.form_version_id, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (day, form_version_id, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_month_counts_insert AFTER INSERT ON report_answer_counts
BEGIN
  INSERT INTO report_answer_month_counts (team_id, month, form_version_id, audit_type, question_id, value, n) VALUES (NEW.team_id, substr(NEW.day, 1, 8) || '01', NEW.form_version_id, NEW.audit_type, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (team_id, month, form_version_id, audit_type, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_month_counts_delete AFTER DELETE ON report_answer_counts
BEGIN
  UPDATE report_answer_month_counts SET n = n - OLD.n WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 8) || '01' AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND question_id = OLD.question_id AND value = OLD.value;
END""",
    """CREATE TRIGGER report_answer_month_counts_count AFTER UPDATE OF n ON report_answer_counts WHEN OLD.audit_type IS NEW.audit_type AND OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.question_id IS NEW.question_id AND OLD.team_id IS NEW.team_id AND OLD.value IS NEW.value
BEGIN
  UPDATE report_answer_month_counts SET n = n + NEW.n - OLD.n WHERE team_id = NEW.team_id AND month = substr(NEW.day, 1, 8) || '01' AND form_version_id = NEW.form_version_id AND audit_type = NEW.audit_type AND question_id = NEW.question_id AND value = NEW.value;
END""",
    """CREATE TRIGGER report_answer_month_counts_key AFTER UPDATE ON report_answer_counts WHEN NOT (OLD.audit_type IS NEW.audit_type AND OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.question_id IS NEW.question_id AND OLD.team_id IS NEW.team_id AND OLD.value IS NEW.value)
BEGIN
  UPDATE report_answer_month_counts SET n = n - OLD.n WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 8) || '01' AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND question_id = OLD.question_id AND value = OLD.value;
  INSERT INTO report_answer_month_counts (team_id, month, form_version_id, audit_type, question_id, value, n) VALUES (NEW.team_id, substr(NEW.day, 1, 8) || '01', NEW.form_version_id, NEW.audit_type, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (team_id, month, form_version_id, audit_type, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_audit_insert_after AFTER INSERT ON audits
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_audit_update_before BEFORE UPDATE OF completed_on, state, deleted_at, form_version_id, overall_grade, case_id, audit_type ON audits
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_team_counts_audit_update_after AFTER UPDATE OF completed_on, state, deleted_at, form_version_id, overall_grade, case_id, audit_type ON audits
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_audit_delete_before BEFORE DELETE ON audits
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_team_counts_review_insert_before BEFORE INSERT ON section_reviews
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_review_insert_after AFTER INSERT ON section_reviews
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_review_update_before BEFORE UPDATE OF grade, section_id, audit_id ON section_reviews
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_review_update_after AFTER UPDATE OF grade, section_id, audit_id ON section_reviews
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_review_delete_before BEFORE DELETE ON section_reviews
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_review_delete_after AFTER DELETE ON section_reviews
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_insert_before BEFORE INSERT ON moderations
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_insert_after AFTER INSERT ON moderations
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_update_before BEFORE UPDATE OF moderated_grade, section_id, audit_id ON moderations
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_update_after AFTER UPDATE OF moderated_grade, section_id, audit_id ON moderations
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_delete_before BEFORE DELETE ON moderations
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_delete_after AFTER DELETE ON moderations
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_case_update_before BEFORE UPDATE OF team_id ON cases
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_team_counts_case_update_after AFTER UPDATE OF team_id ON cases
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = NEW.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = NEW.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_rollup_insert AFTER INSERT ON report_grade_team_counts
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n) VALUES (NEW.day, NEW.form_version_id, NEW.section_id, NEW.grade, NEW.n)
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_rollup_delete AFTER DELETE ON report_grade_team_counts
BEGIN
  UPDATE report_grade_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND section_id = OLD.section_id AND grade = OLD.grade;
END""",
    """CREATE TRIGGER report_grade_counts_rollup_count AFTER UPDATE OF n ON report_grade_team_counts WHEN OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.grade IS NEW.grade AND OLD.section_id IS NEW.section_id
BEGIN
  UPDATE report_grade_counts SET n = n + NEW.n - OLD.n WHERE day = NEW.day AND form_version_id = NEW.form_version_id AND section_id = NEW.section_id AND grade = NEW.grade;
END""",
    """CREATE TRIGGER report_grade_counts_rollup_key AFTER UPDATE ON report_grade_team_counts WHEN NOT (OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.grade IS NEW.grade AND OLD.section_id IS NEW.section_id)
BEGIN
  UPDATE report_grade_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND section_id = OLD.section_id AND grade = OLD.grade;
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n) VALUES (NEW.day, NEW.form_version_id, NEW.section_id, NEW.grade, NEW.n)
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_month_counts_insert AFTER INSERT ON report_grade_team_counts
BEGIN
  INSERT INTO report_grade_month_counts (team_id, month, form_version_id, audit_type, section_id, grade, n) VALUES (NEW.team_id, substr(NEW.day, 1, 8) || '01', NEW.form_version_id, NEW.audit_type, NEW.section_id, NEW.grade, NEW.n)
  ON CONFLICT (team_id, month, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_month_counts_delete AFTER DELETE ON report_grade_team_counts
BEGIN
  UPDATE report_grade_month_counts SET n = n - OLD.n WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 8) || '01' AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND section_id = OLD.section_id AND grade = OLD.grade;
END""",
    """CREATE TRIGGER report_grade_month_counts_count AFTER UPDATE OF n ON report_grade_team_counts WHEN OLD.audit_type IS NEW.audit_type AND OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.grade IS NEW.grade AND OLD.section_id IS NEW.section_id AND OLD.team_id IS NEW.team_id
BEGIN
  UPDATE report_grade_month_counts SET n = n + NEW.n - OLD.n WHERE team_id = NEW.team_id AND month = substr(NEW.day, 1, 8) || '01' AND form_version_id = NEW.form_version_id AND audit_type = NEW.audit_type AND section_id = NEW.section_id AND grade = NEW.grade;
END""",
    """CREATE TRIGGER report_grade_month_counts_key AFTER UPDATE ON report_grade_team_counts WHEN NOT (OLD.audit_type IS NEW.audit_type AND OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.grade IS NEW.grade AND OLD.section_id IS NEW.section_id AND OLD.team_id IS NEW.team_id)
BEGIN
  UPDATE report_grade_month_counts SET n = n - OLD.n WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 8) || '01' AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND section_id = OLD.section_id AND grade = OLD.grade;
  INSERT INTO report_grade_month_counts (team_id, month, form_version_id, audit_type, section_id, grade, n) VALUES (NEW.team_id, substr(NEW.day, 1, 8) || '01', NEW.form_version_id, NEW.audit_type, NEW.section_id, NEW.grade, NEW.n)
  ON CONFLICT (team_id, month, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_audit_insert_after AFTER INSERT ON audits
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_audit_update_before BEFORE UPDATE OF completed_on, state, deleted_at, form_version_id, case_id, audit_type ON audits
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_team_counts_audit_update_after AFTER UPDATE OF completed_on, state, deleted_at, form_version_id, case_id, audit_type ON audits
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_audit_delete_before BEFORE DELETE ON audits
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_team_counts_review_insert_before BEFORE INSERT ON section_reviews
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))) r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_better_team_counts_review_insert_after AFTER INSERT ON section_reviews
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_review_update_before BEFORE UPDATE OF even_better_if, section_id, audit_id ON section_reviews
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))) r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_better_team_counts_review_update_after AFTER UPDATE OF even_better_if, section_id, audit_id ON section_reviews
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_review_delete_before BEFORE DELETE ON section_reviews
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))) r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))));
END""",
    """CREATE TRIGGER report_better_team_counts_review_delete_after AFTER DELETE ON section_reviews
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id)))
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_case_update_before BEFORE UPDATE OF team_id ON cases
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_team_counts_case_update_after AFTER UPDATE OF team_id ON cases
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = NEW.id) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_counts_rollup_insert AFTER INSERT ON report_better_team_counts
BEGIN
  INSERT INTO report_better_counts (day, form_version_id, even_better_if, n) VALUES (NEW.day, NEW.form_version_id, NEW.even_better_if, NEW.n)
  ON CONFLICT (day, form_version_id, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_counts_rollup_delete AFTER DELETE ON report_better_team_counts
BEGIN
  UPDATE report_better_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND even_better_if = OLD.even_better_if;
END""",
    """CREATE TRIGGER report_better_counts_rollup_count AFTER UPDATE OF n ON report_better_team_counts WHEN OLD.day IS NEW.day AND OLD.even_better_if IS NEW.even_better_if AND OLD.form_version_id IS NEW.form_version_id
BEGIN
  UPDATE report_better_counts SET n = n + NEW.n - OLD.n WHERE day = NEW.day AND form_version_id = NEW.form_version_id AND even_better_if = NEW.even_better_if;
END""",
    """CREATE TRIGGER report_better_counts_rollup_key AFTER UPDATE ON report_better_team_counts WHEN NOT (OLD.day IS NEW.day AND OLD.even_better_if IS NEW.even_better_if AND OLD.form_version_id IS NEW.form_version_id)
BEGIN
  UPDATE report_better_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND even_better_if = OLD.even_better_if;
  INSERT INTO report_better_counts (day, form_version_id, even_better_if, n) VALUES (NEW.day, NEW.form_version_id, NEW.even_better_if, NEW.n)
  ON CONFLICT (day, form_version_id, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_audits_audit_insert AFTER INSERT ON audits
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (NEW.id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state IN ('submitted', 'in_moderation', 'closed') THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (NEW.id);
END""",
    """CREATE TRIGGER report_audits_audit_update AFTER UPDATE OF id, case_id, form_version_id, audit_type, state, auditor_id, practitioner_id, due_on, completed_on, overall_grade, voice_of_child, reaudit_of_id, deleted_at ON audits
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (OLD.id, NEW.id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state IN ('submitted', 'in_moderation', 'closed') THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (OLD.id, NEW.id);
END""",
    """CREATE TRIGGER report_audits_audit_delete AFTER DELETE ON audits
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (OLD.id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state IN ('submitted', 'in_moderation', 'closed') THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (OLD.id);
END""",
    """CREATE TRIGGER report_audits_moderation_insert AFTER INSERT ON moderations
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (NEW.audit_id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state IN ('submitted', 'in_moderation', 'closed') THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (NEW.audit_id);
END""",
    """CREATE TRIGGER report_audits_moderation_update AFTER UPDATE OF audit_id, section_id, auditor_grade, moderated_grade ON moderations
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (OLD.audit_id, NEW.audit_id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state IN ('submitted', 'in_moderation', 'closed') THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (OLD.audit_id, NEW.audit_id);
END""",
    """CREATE TRIGGER report_audits_moderation_delete AFTER DELETE ON moderations
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (OLD.audit_id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state IN ('submitted', 'in_moderation', 'closed') THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (OLD.audit_id);
END""",
    """CREATE TRIGGER report_audits_case AFTER UPDATE OF team_id ON cases
BEGIN
  UPDATE report_audits SET team_id = NEW.team_id
  WHERE audit_id IN (SELECT id FROM audits WHERE case_id = NEW.id);
END""",
    """CREATE TRIGGER report_actions_action_insert AFTER INSERT ON actions
BEGIN
  DELETE FROM report_actions WHERE action_id IN (NEW.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (NEW.id);
END""",
    """CREATE TRIGGER report_actions_action_update AFTER UPDATE OF id, audit_id, meeting_id, due_on, status, completed_on, deleted_at ON actions
BEGIN
  DELETE FROM report_actions WHERE action_id IN (OLD.id, NEW.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (OLD.id, NEW.id);
END""",
    """CREATE TRIGGER report_actions_action_delete AFTER DELETE ON actions
BEGIN
  DELETE FROM report_actions WHERE action_id IN (OLD.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (OLD.id);
END""",
    """CREATE TRIGGER report_actions_meeting_insert AFTER INSERT ON meetings
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE meeting_id = NEW.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE meeting_id = NEW.id);
END""",
    """CREATE TRIGGER report_actions_meeting_update AFTER UPDATE OF id, audit_id ON meetings
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE meeting_id IN (OLD.id, NEW.id));
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE meeting_id IN (OLD.id, NEW.id));
END""",
    """CREATE TRIGGER report_actions_meeting_delete AFTER DELETE ON meetings
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE meeting_id = OLD.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE meeting_id = OLD.id);
END""",
    """CREATE TRIGGER report_actions_audit_insert AFTER INSERT ON audits
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE audit_id = NEW.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = NEW.id));
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE audit_id = NEW.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = NEW.id));
END""",
    """CREATE TRIGGER report_actions_audit_update AFTER UPDATE OF id, case_id, form_version_id, audit_type, practitioner_id, deleted_at ON audits
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE audit_id = OLD.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = OLD.id) UNION ALL SELECT id FROM actions WHERE audit_id = NEW.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = NEW.id));
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE audit_id = OLD.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = OLD.id) UNION ALL SELECT id FROM actions WHERE audit_id = NEW.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = NEW.id));
END""",
    """CREATE TRIGGER report_actions_audit_delete AFTER DELETE ON audits
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE audit_id = OLD.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = OLD.id));
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE audit_id = OLD.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = OLD.id));
END""",
    """CREATE TRIGGER report_actions_case_update AFTER UPDATE OF team_id ON cases
BEGIN
  UPDATE report_actions SET team_id = NEW.team_id
  WHERE audit_id IN (SELECT id FROM audits WHERE case_id = NEW.id);
END""",
    """CREATE TRIGGER report_action_counts_insert AFTER INSERT ON report_actions
BEGIN
  INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
  VALUES (NEW.team_id, NEW.due_on, NEW.form_version_id, NEW.audit_type, NEW.state,
          1)
  ON CONFLICT (team_id, due_on, form_version_id, audit_type, state) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_action_counts_delete AFTER DELETE ON report_actions
BEGIN
  INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
  VALUES (OLD.team_id, OLD.due_on, OLD.form_version_id, OLD.audit_type, OLD.state,
          -1)
  ON CONFLICT (team_id, due_on, form_version_id, audit_type, state) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_action_counts_update AFTER UPDATE ON report_actions
BEGIN
  INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
  VALUES (OLD.team_id, OLD.due_on, OLD.form_version_id, OLD.audit_type, OLD.state,
          -1)
  ON CONFLICT (team_id, due_on, form_version_id, audit_type, state) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
  VALUES (NEW.team_id, NEW.due_on, NEW.form_version_id, NEW.audit_type, NEW.state,
          1)
  ON CONFLICT (team_id, due_on, form_version_id, audit_type, state) DO UPDATE SET n = n + excluded.n;
END""",
    'DELETE FROM report_answer_counts',
    """INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, x.question_id, x.value,
       count(*)
FROM answers x JOIN audits a ON a.id = x.audit_id JOIN cases c ON c.id = a.case_id
WHERE x.value IN ('yes', 'partly', 'no', 'na') AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
GROUP BY a.completed_on, a.form_version_id, c.team_id, a.audit_type, x.question_id, x.value""",
    'DELETE FROM report_answer_day_counts',
    """INSERT INTO report_answer_day_counts (day, form_version_id, question_id, value, n)
SELECT day, form_version_id, question_id, value, sum(n) FROM report_answer_counts
GROUP BY day, form_version_id, question_id, value""",
    'DELETE FROM report_answer_month_counts',
    """INSERT INTO report_answer_month_counts (team_id, month, form_version_id, audit_type, question_id, value, n)
SELECT team_id, substr(day, 1, 8) || '01', form_version_id, audit_type, question_id, value, sum(n)
FROM report_answer_counts
GROUP BY team_id, 2, form_version_id, audit_type, question_id, value""",
    'DELETE FROM report_grade_team_counts',
    """INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
SELECT team, day, fv, type, sec, grade, count(*)
FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
GROUP BY team, day, fv, type, sec, grade""",
    'DELETE FROM report_grade_counts',
    """INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
SELECT day, form_version_id, section_id, grade, sum(n) FROM report_grade_team_counts
GROUP BY day, form_version_id, section_id, grade""",
    'DELETE FROM report_grade_month_counts',
    """INSERT INTO report_grade_month_counts (team_id, month, form_version_id, audit_type, section_id, grade, n)
SELECT team_id, substr(day, 1, 8) || '01', form_version_id, audit_type, section_id, grade, sum(n)
FROM report_grade_team_counts
GROUP BY team_id, 2, form_version_id, audit_type, section_id, grade""",
    'DELETE FROM report_better_team_counts',
    """INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state IN ('submitted', 'in_moderation', 'closed') AND a.deleted_at IS NULL AND s.even_better_if != '')
GROUP BY team, day, fv, type, txt""",
    'DELETE FROM report_better_counts',
    """INSERT INTO report_better_counts (day, form_version_id, even_better_if, n)
SELECT day, form_version_id, even_better_if, sum(n) FROM report_better_team_counts
GROUP BY day, form_version_id, even_better_if""",
    'DELETE FROM report_audits',
    """INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state IN ('submitted', 'in_moderation', 'closed') THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND 1 = 1""",
    'DELETE FROM report_actions',
    """INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND 1 = 1""",
    'DELETE FROM report_action_counts',
    """INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
SELECT team_id, due_on, form_version_id, audit_type, state, count(*) FROM report_actions GROUP BY team_id, due_on, form_version_id, audit_type, state""",
]

DOWNGRADE_SQLITE = [
    'DROP TRIGGER IF EXISTS report_action_counts_update',
    'DROP TRIGGER IF EXISTS report_action_counts_delete',
    'DROP TRIGGER IF EXISTS report_action_counts_insert',
    'DROP TRIGGER IF EXISTS report_actions_case_update',
    'DROP TRIGGER IF EXISTS report_actions_audit_delete',
    'DROP TRIGGER IF EXISTS report_actions_audit_update',
    'DROP TRIGGER IF EXISTS report_actions_audit_insert',
    'DROP TRIGGER IF EXISTS report_actions_meeting_delete',
    'DROP TRIGGER IF EXISTS report_actions_meeting_update',
    'DROP TRIGGER IF EXISTS report_actions_meeting_insert',
    'DROP TRIGGER IF EXISTS report_actions_action_delete',
    'DROP TRIGGER IF EXISTS report_actions_action_update',
    'DROP TRIGGER IF EXISTS report_actions_action_insert',
    'DROP TRIGGER IF EXISTS report_audits_case',
    'DROP TRIGGER IF EXISTS report_audits_moderation_delete',
    'DROP TRIGGER IF EXISTS report_audits_moderation_update',
    'DROP TRIGGER IF EXISTS report_audits_moderation_insert',
    'DROP TRIGGER IF EXISTS report_audits_audit_delete',
    'DROP TRIGGER IF EXISTS report_audits_audit_update',
    'DROP TRIGGER IF EXISTS report_audits_audit_insert',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_key',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_count',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_delete',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_insert',
    'DROP TRIGGER IF EXISTS report_better_team_counts_case_update_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_case_update_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_delete_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_delete_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_update_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_update_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_insert_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_insert_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_delete_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_update_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_update_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_key',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_count',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_delete',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_insert',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_key',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_count',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_delete',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_insert',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_case_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_case_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_delete_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_delete_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_insert_after',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_key',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_count',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_delete',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_insert',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_key',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_count',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_delete',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_insert',
    'DROP TRIGGER IF EXISTS report_answer_counts_case',
    'DROP TRIGGER IF EXISTS report_answer_counts_audit',
    'DROP TRIGGER IF EXISTS report_answer_counts_update',
    'DROP TRIGGER IF EXISTS report_answer_counts_delete',
    'DROP TRIGGER IF EXISTS report_answer_counts_insert',
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
    """CREATE TRIGGER report_answer_day_rollup_insert AFTER INSERT ON report_answer_counts
BEGIN
  INSERT INTO report_answer_day_counts (day, form_version_id, question_id, value, n) VALUES (NEW.day, NEW.form_version_id, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (day, form_version_id, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_day_rollup_delete AFTER DELETE ON report_answer_counts
BEGIN
  UPDATE report_answer_day_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND question_id = OLD.question_id AND value = OLD.value;
END""",
    """CREATE TRIGGER report_answer_day_rollup_count AFTER UPDATE OF n ON report_answer_counts WHEN OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.question_id IS NEW.question_id AND OLD.value IS NEW.value
BEGIN
  UPDATE report_answer_day_counts SET n = n + NEW.n - OLD.n WHERE day = NEW.day AND form_version_id = NEW.form_version_id AND question_id = NEW.question_id AND value = NEW.value;
END""",
    """CREATE TRIGGER report_answer_day_rollup_key AFTER UPDATE ON report_answer_counts WHEN NOT (OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.question_id IS NEW.question_id AND OLD.value IS NEW.value)
BEGIN
  UPDATE report_answer_day_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND question_id = OLD.question_id AND value = OLD.value;
  INSERT INTO report_answer_day_counts (day, form_version_id, question_id, value, n) VALUES (NEW.day, NEW.form_version_id, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (day, form_version_id, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_month_counts_insert AFTER INSERT ON report_answer_counts
BEGIN
  INSERT INTO report_answer_month_counts (team_id, month, form_version_id, audit_type, question_id, value, n) VALUES (NEW.team_id, substr(NEW.day, 1, 8) || '01', NEW.form_version_id, NEW.audit_type, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (team_id, month, form_version_id, audit_type, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_answer_month_counts_delete AFTER DELETE ON report_answer_counts
BEGIN
  UPDATE report_answer_month_counts SET n = n - OLD.n WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 8) || '01' AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND question_id = OLD.question_id AND value = OLD.value;
END""",
    """CREATE TRIGGER report_answer_month_counts_count AFTER UPDATE OF n ON report_answer_counts WHEN OLD.audit_type IS NEW.audit_type AND OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.question_id IS NEW.question_id AND OLD.team_id IS NEW.team_id AND OLD.value IS NEW.value
BEGIN
  UPDATE report_answer_month_counts SET n = n + NEW.n - OLD.n WHERE team_id = NEW.team_id AND month = substr(NEW.day, 1, 8) || '01' AND form_version_id = NEW.form_version_id AND audit_type = NEW.audit_type AND question_id = NEW.question_id AND value = NEW.value;
END""",
    """CREATE TRIGGER report_answer_month_counts_key AFTER UPDATE ON report_answer_counts WHEN NOT (OLD.audit_type IS NEW.audit_type AND OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.question_id IS NEW.question_id AND OLD.team_id IS NEW.team_id AND OLD.value IS NEW.value)
BEGIN
  UPDATE report_answer_month_counts SET n = n - OLD.n WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 8) || '01' AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND question_id = OLD.question_id AND value = OLD.value;
  INSERT INTO report_answer_month_counts (team_id, month, form_version_id, audit_type, question_id, value, n) VALUES (NEW.team_id, substr(NEW.day, 1, 8) || '01', NEW.form_version_id, NEW.audit_type, NEW.question_id, NEW.value, NEW.n)
  ON CONFLICT (team_id, month, form_version_id, audit_type, question_id, value) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_audit_insert_after AFTER INSERT ON audits
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_audit_update_before BEFORE UPDATE OF completed_on, state, deleted_at, form_version_id, overall_grade, case_id, audit_type ON audits
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_team_counts_audit_update_after AFTER UPDATE OF completed_on, state, deleted_at, form_version_id, overall_grade, case_id, audit_type ON audits
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_audit_delete_before BEFORE DELETE ON audits
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_team_counts_review_insert_before BEFORE INSERT ON section_reviews
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_review_insert_after AFTER INSERT ON section_reviews
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_review_update_before BEFORE UPDATE OF grade, section_id, audit_id ON section_reviews
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_review_update_after AFTER UPDATE OF grade, section_id, audit_id ON section_reviews
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_review_delete_before BEFORE DELETE ON section_reviews
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_review_delete_after AFTER DELETE ON section_reviews
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_insert_before BEFORE INSERT ON moderations
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_insert_after AFTER INSERT ON moderations
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_update_before BEFORE UPDATE OF moderated_grade, section_id, audit_id ON moderations
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_update_after AFTER UPDATE OF moderated_grade, section_id, audit_id ON moderations
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_delete_before BEFORE DELETE ON moderations
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id))) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id))));
END""",
    """CREATE TRIGGER report_grade_team_counts_moderation_delete_after AFTER DELETE ON moderations
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL AND (a.id, 'overall') IN (VALUES (OLD.audit_id, OLD.section_id)))
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_team_counts_case_update_before BEFORE UPDATE OF team_id ON cases
BEGIN
  UPDATE report_grade_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL) r
    WHERE r.day = report_grade_team_counts.day
      AND r.fv = report_grade_team_counts.form_version_id
      AND r.team = report_grade_team_counts.team_id
      AND r.type = report_grade_team_counts.audit_type
      AND r.sec = report_grade_team_counts.section_id
      AND r.grade = report_grade_team_counts.grade)
  WHERE (team_id, day, form_version_id, audit_type, section_id, grade) IN (
    SELECT team, day, fv, type, sec, grade FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL));
END""",
    """CREATE TRIGGER report_grade_team_counts_case_update_after AFTER UPDATE OF team_id ON cases
BEGIN
  INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
  SELECT team, day, fv, type, sec, grade, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
  GROUP BY team, day, fv, type, sec, grade
  ON CONFLICT (team_id, day, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_rollup_insert AFTER INSERT ON report_grade_team_counts
BEGIN
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n) VALUES (NEW.day, NEW.form_version_id, NEW.section_id, NEW.grade, NEW.n)
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_counts_rollup_delete AFTER DELETE ON report_grade_team_counts
BEGIN
  UPDATE report_grade_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND section_id = OLD.section_id AND grade = OLD.grade;
END""",
    """CREATE TRIGGER report_grade_counts_rollup_count AFTER UPDATE OF n ON report_grade_team_counts WHEN OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.grade IS NEW.grade AND OLD.section_id IS NEW.section_id
BEGIN
  UPDATE report_grade_counts SET n = n + NEW.n - OLD.n WHERE day = NEW.day AND form_version_id = NEW.form_version_id AND section_id = NEW.section_id AND grade = NEW.grade;
END""",
    """CREATE TRIGGER report_grade_counts_rollup_key AFTER UPDATE ON report_grade_team_counts WHEN NOT (OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.grade IS NEW.grade AND OLD.section_id IS NEW.section_id)
BEGIN
  UPDATE report_grade_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND section_id = OLD.section_id AND grade = OLD.grade;
  INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n) VALUES (NEW.day, NEW.form_version_id, NEW.section_id, NEW.grade, NEW.n)
  ON CONFLICT (day, form_version_id, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_month_counts_insert AFTER INSERT ON report_grade_team_counts
BEGIN
  INSERT INTO report_grade_month_counts (team_id, month, form_version_id, audit_type, section_id, grade, n) VALUES (NEW.team_id, substr(NEW.day, 1, 8) || '01', NEW.form_version_id, NEW.audit_type, NEW.section_id, NEW.grade, NEW.n)
  ON CONFLICT (team_id, month, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_grade_month_counts_delete AFTER DELETE ON report_grade_team_counts
BEGIN
  UPDATE report_grade_month_counts SET n = n - OLD.n WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 8) || '01' AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND section_id = OLD.section_id AND grade = OLD.grade;
END""",
    """CREATE TRIGGER report_grade_month_counts_count AFTER UPDATE OF n ON report_grade_team_counts WHEN OLD.audit_type IS NEW.audit_type AND OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.grade IS NEW.grade AND OLD.section_id IS NEW.section_id AND OLD.team_id IS NEW.team_id
BEGIN
  UPDATE report_grade_month_counts SET n = n + NEW.n - OLD.n WHERE team_id = NEW.team_id AND month = substr(NEW.day, 1, 8) || '01' AND form_version_id = NEW.form_version_id AND audit_type = NEW.audit_type AND section_id = NEW.section_id AND grade = NEW.grade;
END""",
    """CREATE TRIGGER report_grade_month_counts_key AFTER UPDATE ON report_grade_team_counts WHEN NOT (OLD.audit_type IS NEW.audit_type AND OLD.day IS NEW.day AND OLD.form_version_id IS NEW.form_version_id AND OLD.grade IS NEW.grade AND OLD.section_id IS NEW.section_id AND OLD.team_id IS NEW.team_id)
BEGIN
  UPDATE report_grade_month_counts SET n = n - OLD.n WHERE team_id = OLD.team_id AND month = substr(OLD.day, 1, 8) || '01' AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND section_id = OLD.section_id AND grade = OLD.grade;
  INSERT INTO report_grade_month_counts (team_id, month, form_version_id, audit_type, section_id, grade, n) VALUES (NEW.team_id, substr(NEW.day, 1, 8) || '01', NEW.form_version_id, NEW.audit_type, NEW.section_id, NEW.grade, NEW.n)
  ON CONFLICT (team_id, month, form_version_id, audit_type, section_id, grade) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_audit_insert_after AFTER INSERT ON audits
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_audit_update_before BEFORE UPDATE OF completed_on, state, deleted_at, form_version_id, case_id, audit_type ON audits
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_team_counts_audit_update_after AFTER UPDATE OF completed_on, state, deleted_at, form_version_id, case_id, audit_type ON audits
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_audit_delete_before BEFORE DELETE ON audits
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_team_counts_review_insert_before BEFORE INSERT ON section_reviews
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))) r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_better_team_counts_review_insert_after AFTER INSERT ON section_reviews
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_review_update_before BEFORE UPDATE OF even_better_if, section_id, audit_id ON section_reviews
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))) r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id))));
END""",
    """CREATE TRIGGER report_better_team_counts_review_update_after AFTER UPDATE OF even_better_if, section_id, audit_id ON section_reviews
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id, NEW.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id), (NEW.audit_id, NEW.section_id)))
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_review_delete_before BEFORE DELETE ON section_reviews
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))) r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id))));
END""",
    """CREATE TRIGGER report_better_team_counts_review_delete_after AFTER DELETE ON section_reviews
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (OLD.audit_id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '' AND (s.audit_id, s.section_id) IN (VALUES (OLD.audit_id, OLD.section_id)))
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_team_counts_case_update_before BEFORE UPDATE OF team_id ON cases
BEGIN
  UPDATE report_better_team_counts SET n = n - (
    SELECT count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '') r
    WHERE r.team = report_better_team_counts.team_id AND r.day = report_better_team_counts.day
      AND r.fv = report_better_team_counts.form_version_id
      AND r.type = report_better_team_counts.audit_type
      AND r.txt = report_better_team_counts.even_better_if)
  WHERE (team_id, day, form_version_id, audit_type, even_better_if) IN (
    SELECT team, day, fv, type, txt FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = OLD.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != ''));
END""",
    """CREATE TRIGGER report_better_team_counts_case_update_after AFTER UPDATE OF team_id ON cases
BEGIN
  INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
  SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits WHERE case_id = NEW.id) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
  GROUP BY team, day, fv, type, txt
  ON CONFLICT (team_id, day, form_version_id, audit_type, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_counts_rollup_insert AFTER INSERT ON report_better_team_counts
BEGIN
  INSERT INTO report_better_counts (day, form_version_id, even_better_if, n) VALUES (NEW.day, NEW.form_version_id, NEW.even_better_if, NEW.n)
  ON CONFLICT (day, form_version_id, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_better_counts_rollup_delete AFTER DELETE ON report_better_team_counts
BEGIN
  UPDATE report_better_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND even_better_if = OLD.even_better_if;
END""",
    """CREATE TRIGGER report_better_counts_rollup_count AFTER UPDATE OF n ON report_better_team_counts WHEN OLD.day IS NEW.day AND OLD.even_better_if IS NEW.even_better_if AND OLD.form_version_id IS NEW.form_version_id
BEGIN
  UPDATE report_better_counts SET n = n + NEW.n - OLD.n WHERE day = NEW.day AND form_version_id = NEW.form_version_id AND even_better_if = NEW.even_better_if;
END""",
    """CREATE TRIGGER report_better_counts_rollup_key AFTER UPDATE ON report_better_team_counts WHEN NOT (OLD.day IS NEW.day AND OLD.even_better_if IS NEW.even_better_if AND OLD.form_version_id IS NEW.form_version_id)
BEGIN
  UPDATE report_better_counts SET n = n - OLD.n WHERE day = OLD.day AND form_version_id = OLD.form_version_id AND even_better_if = OLD.even_better_if;
  INSERT INTO report_better_counts (day, form_version_id, even_better_if, n) VALUES (NEW.day, NEW.form_version_id, NEW.even_better_if, NEW.n)
  ON CONFLICT (day, form_version_id, even_better_if) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_audits_audit_insert AFTER INSERT ON audits
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (NEW.id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state != 'cancelled' THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (NEW.id);
END""",
    """CREATE TRIGGER report_audits_audit_update AFTER UPDATE OF id, case_id, form_version_id, audit_type, state, auditor_id, practitioner_id, due_on, completed_on, overall_grade, voice_of_child, reaudit_of_id, deleted_at ON audits
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (OLD.id, NEW.id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state != 'cancelled' THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (OLD.id, NEW.id);
END""",
    """CREATE TRIGGER report_audits_audit_delete AFTER DELETE ON audits
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (OLD.id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state != 'cancelled' THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (OLD.id);
END""",
    """CREATE TRIGGER report_audits_moderation_insert AFTER INSERT ON moderations
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (NEW.audit_id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state != 'cancelled' THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (NEW.audit_id);
END""",
    """CREATE TRIGGER report_audits_moderation_update AFTER UPDATE OF audit_id, section_id, auditor_grade, moderated_grade ON moderations
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (OLD.audit_id, NEW.audit_id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state != 'cancelled' THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (OLD.audit_id, NEW.audit_id);
END""",
    """CREATE TRIGGER report_audits_moderation_delete AFTER DELETE ON moderations
BEGIN
  DELETE FROM report_audits WHERE audit_id IN (OLD.audit_id);
  INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state != 'cancelled' THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND a.id IN (OLD.audit_id);
END""",
    """CREATE TRIGGER report_audits_case AFTER UPDATE OF team_id ON cases
BEGIN
  UPDATE report_audits SET team_id = NEW.team_id
  WHERE audit_id IN (SELECT id FROM audits WHERE case_id = NEW.id);
END""",
    """CREATE TRIGGER report_actions_action_insert AFTER INSERT ON actions
BEGIN
  DELETE FROM report_actions WHERE action_id IN (NEW.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (NEW.id);
END""",
    """CREATE TRIGGER report_actions_action_update AFTER UPDATE OF id, audit_id, meeting_id, due_on, status, completed_on, deleted_at ON actions
BEGIN
  DELETE FROM report_actions WHERE action_id IN (OLD.id, NEW.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (OLD.id, NEW.id);
END""",
    """CREATE TRIGGER report_actions_action_delete AFTER DELETE ON actions
BEGIN
  DELETE FROM report_actions WHERE action_id IN (OLD.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (OLD.id);
END""",
    """CREATE TRIGGER report_actions_meeting_insert AFTER INSERT ON meetings
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE meeting_id = NEW.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE meeting_id = NEW.id);
END""",
    """CREATE TRIGGER report_actions_meeting_update AFTER UPDATE OF id, audit_id ON meetings
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE meeting_id IN (OLD.id, NEW.id));
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE meeting_id IN (OLD.id, NEW.id));
END""",
    """CREATE TRIGGER report_actions_meeting_delete AFTER DELETE ON meetings
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE meeting_id = OLD.id);
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE meeting_id = OLD.id);
END""",
    """CREATE TRIGGER report_actions_audit_insert AFTER INSERT ON audits
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE audit_id = NEW.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = NEW.id));
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE audit_id = NEW.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = NEW.id));
END""",
    """CREATE TRIGGER report_actions_audit_update AFTER UPDATE OF id, case_id, form_version_id, audit_type, practitioner_id, deleted_at ON audits
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE audit_id = OLD.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = OLD.id) UNION ALL SELECT id FROM actions WHERE audit_id = NEW.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = NEW.id));
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE audit_id = OLD.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = OLD.id) UNION ALL SELECT id FROM actions WHERE audit_id = NEW.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = NEW.id));
END""",
    """CREATE TRIGGER report_actions_audit_delete AFTER DELETE ON audits
BEGIN
  DELETE FROM report_actions WHERE action_id IN (SELECT id FROM actions WHERE audit_id = OLD.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = OLD.id));
  INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND x.id IN (SELECT id FROM actions WHERE audit_id = OLD.id UNION ALL SELECT id FROM actions WHERE meeting_id IN (SELECT id FROM meetings WHERE audit_id = OLD.id));
END""",
    """CREATE TRIGGER report_actions_case_update AFTER UPDATE OF team_id ON cases
BEGIN
  UPDATE report_actions SET team_id = NEW.team_id
  WHERE audit_id IN (SELECT id FROM audits WHERE case_id = NEW.id);
END""",
    """CREATE TRIGGER report_action_counts_insert AFTER INSERT ON report_actions
BEGIN
  INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
  VALUES (NEW.team_id, NEW.due_on, NEW.form_version_id, NEW.audit_type, NEW.state,
          1)
  ON CONFLICT (team_id, due_on, form_version_id, audit_type, state) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_action_counts_delete AFTER DELETE ON report_actions
BEGIN
  INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
  VALUES (OLD.team_id, OLD.due_on, OLD.form_version_id, OLD.audit_type, OLD.state,
          -1)
  ON CONFLICT (team_id, due_on, form_version_id, audit_type, state) DO UPDATE SET n = n + excluded.n;
END""",
    """CREATE TRIGGER report_action_counts_update AFTER UPDATE ON report_actions
BEGIN
  INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
  VALUES (OLD.team_id, OLD.due_on, OLD.form_version_id, OLD.audit_type, OLD.state,
          -1)
  ON CONFLICT (team_id, due_on, form_version_id, audit_type, state) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
  VALUES (NEW.team_id, NEW.due_on, NEW.form_version_id, NEW.audit_type, NEW.state,
          1)
  ON CONFLICT (team_id, due_on, form_version_id, audit_type, state) DO UPDATE SET n = n + excluded.n;
END""",
    'DELETE FROM report_answer_counts',
    """INSERT INTO report_answer_counts (day, form_version_id, team_id, audit_type, question_id, value, n)
SELECT a.completed_on, a.form_version_id, c.team_id, a.audit_type, x.question_id, x.value,
       count(*)
FROM answers x JOIN audits a ON a.id = x.audit_id JOIN cases c ON c.id = a.case_id
WHERE x.value IN ('yes', 'partly', 'no', 'na') AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
GROUP BY a.completed_on, a.form_version_id, c.team_id, a.audit_type, x.question_id, x.value""",
    'DELETE FROM report_answer_day_counts',
    """INSERT INTO report_answer_day_counts (day, form_version_id, question_id, value, n)
SELECT day, form_version_id, question_id, value, sum(n) FROM report_answer_counts
GROUP BY day, form_version_id, question_id, value""",
    'DELETE FROM report_answer_month_counts',
    """INSERT INTO report_answer_month_counts (team_id, month, form_version_id, audit_type, question_id, value, n)
SELECT team_id, substr(day, 1, 8) || '01', form_version_id, audit_type, question_id, value, sum(n)
FROM report_answer_counts
GROUP BY team_id, 2, form_version_id, audit_type, question_id, value""",
    'DELETE FROM report_grade_team_counts',
    """INSERT INTO report_grade_team_counts (team_id, day, form_version_id, audit_type, section_id, grade, n)
SELECT team, day, fv, type, sec, grade, count(*)
FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.section_id AS sec, coalesce(mo.moderated_grade, s.grade) AS grade
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    LEFT JOIN moderations mo ON mo.audit_id = s.audit_id AND mo.section_id = s.section_id
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
    UNION ALL
    SELECT c.team_id, a.completed_on, a.form_version_id, a.audit_type, 'overall',
           coalesce(mo.moderated_grade, a.overall_grade)
    FROM audits a JOIN cases c ON c.id = a.case_id
    LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
      AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL)
GROUP BY team, day, fv, type, sec, grade""",
    'DELETE FROM report_grade_counts',
    """INSERT INTO report_grade_counts (day, form_version_id, section_id, grade, n)
SELECT day, form_version_id, section_id, grade, sum(n) FROM report_grade_team_counts
GROUP BY day, form_version_id, section_id, grade""",
    'DELETE FROM report_grade_month_counts',
    """INSERT INTO report_grade_month_counts (team_id, month, form_version_id, audit_type, section_id, grade, n)
SELECT team_id, substr(day, 1, 8) || '01', form_version_id, audit_type, section_id, grade, sum(n)
FROM report_grade_team_counts
GROUP BY team_id, 2, form_version_id, audit_type, section_id, grade""",
    'DELETE FROM report_better_team_counts',
    """INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
GROUP BY team, day, fv, type, txt""",
    'DELETE FROM report_better_counts',
    """INSERT INTO report_better_counts (day, form_version_id, even_better_if, n)
SELECT day, form_version_id, even_better_if, sum(n) FROM report_better_team_counts
GROUP BY day, form_version_id, even_better_if""",
    'DELETE FROM report_audits',
    """INSERT INTO report_audits (audit_id, day, due_on, team_id, form_version_id, audit_type, practitioner_id, auditor_id, reaudit_of_id, overall, voice, moderated, agreed, area_decisions, area_agreed)
  SELECT a.id, CASE WHEN a.state != 'cancelled' THEN a.completed_on END,
         CASE WHEN a.state != 'cancelled' THEN a.due_on END,
         c.team_id, a.form_version_id, a.audit_type, a.practitioner_id, a.auditor_id,
         a.reaudit_of_id,
         coalesce((SELECT x.moderated_grade FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
                  a.overall_grade),
         coalesce(trim(a.voice_of_child) != '', 0),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id = 'overall' AND x.auditor_grade = x.moderated_grade),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall'),
         (SELECT count(*) FROM moderations x WHERE x.audit_id = a.id AND x.section_id != 'overall' AND x.auditor_grade = x.moderated_grade)
  FROM audits a JOIN cases c ON c.id = a.case_id
  WHERE a.deleted_at IS NULL AND 1 = 1""",
    'DELETE FROM report_actions',
    """INSERT INTO report_actions (action_id, due_on, state, audit_id, team_id, form_version_id, audit_type, practitioner_id)
  SELECT x.id, x.due_on,
         CASE WHEN x.status != 'done' THEN 'open'
              WHEN x.completed_on <= x.due_on THEN 'on_time' ELSE 'late' END,
         a.id, c.team_id, a.form_version_id, a.audit_type, a.practitioner_id
  FROM actions x LEFT JOIN meetings mt ON mt.id = x.meeting_id
  JOIN audits a ON a.id = coalesce(x.audit_id, mt.audit_id)
  JOIN cases c ON c.id = a.case_id
  WHERE x.deleted_at IS NULL AND a.deleted_at IS NULL AND 1 = 1""",
    'DELETE FROM report_action_counts',
    """INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
SELECT team_id, due_on, form_version_id, audit_type, state, count(*) FROM report_actions GROUP BY team_id, due_on, form_version_id, audit_type, state""",
]

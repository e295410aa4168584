"""Reporting: counts kept by triggers that serve every slice, so that a dashboard refresh adds
up a few rows whatever the period (month, quarter, any dates) and slice (county, area, service,
team, worker, form, audit type): one narrow row per audit and per action, with the actions
added up per team, due date and state; the confirmed grades per team and audit type, of which
the county-wide grade counts become the roll-up, also per month; the "even better if" comments
per team and type, of which the county-wide ones become the roll-up; and the answer counts per
month. The SQL is frozen below as it ran; what the reporting tables are today is declared in
qa_desktop/store/reporting/tables.py.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


INDEXES = {
    # Meetings due (or their re-audits due) in a period with what the timeliness figures
    # need, from the index alone, in the order the figures group them.
    "ix_meetings_due_held": ("meetings", ["due_on", "id", "held_on", "audit_id"]),
    "ix_meetings_reaudit_due_audit": ("meetings", ["reaudit_due_on", "id", "audit_id"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    if op.get_bind().dialect.name == "sqlite":
        for statement in UPGRADE_SQLITE:
            op.execute(statement)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
    if op.get_bind().dialect.name == "sqlite":
        for statement in DOWNGRADE_SQLITE:
            op.execute(statement)


# The SQL as this revision ran it, frozen here: later changes to the reporting tables belong
# in a new revision, never in this one.
UPGRADE_SQLITE = [
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
    """CREATE INDEX ix_report_audits_day ON report_audits (day, team_id, form_version_id,
  audit_type, practitioner_id, auditor_id, overall, voice, moderated, agreed, area_decisions,
  area_agreed) WHERE day IS NOT NULL""",
    """CREATE INDEX ix_report_audits_due ON report_audits (due_on, team_id, form_version_id,
  audit_type, practitioner_id, day) WHERE due_on IS NOT NULL""",
    'CREATE INDEX ix_report_audits_worker ON report_audits (practitioner_id, day)',
    'CREATE INDEX ix_report_audits_reaudit ON report_audits (reaudit_of_id, day, overall) WHERE reaudit_of_id IS NOT NULL',
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
    """CREATE INDEX ix_report_actions_due ON report_actions (due_on, state, team_id,
  form_version_id, audit_type, practitioner_id)""",
    'CREATE INDEX ix_report_actions_audit ON report_actions (audit_id)',
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
    """CREATE TABLE report_action_counts (
  team_id VARCHAR(36) NOT NULL,
  due_on DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  state VARCHAR(10) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (team_id, due_on, form_version_id, audit_type, state)
) WITHOUT ROWID""",
    """INSERT INTO report_action_counts (team_id, due_on, form_version_id, audit_type, state, n)
SELECT team_id, due_on, form_version_id, audit_type, state, count(*) FROM report_actions GROUP BY team_id, due_on, form_version_id, audit_type, state""",
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
    """CREATE TABLE report_grade_team_counts (
  team_id VARCHAR(36) NOT NULL,
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  section_id VARCHAR(32) NOT NULL,
  grade VARCHAR(30) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (team_id, day, form_version_id, audit_type, section_id, grade)
) WITHOUT ROWID""",
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
    """CREATE TABLE report_grade_month_counts (
  team_id VARCHAR(36) NOT NULL,
  month DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  section_id VARCHAR(32) NOT NULL,
  grade VARCHAR(30) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (team_id, month, form_version_id, audit_type, section_id, grade)
) WITHOUT ROWID""",
    """INSERT INTO report_grade_month_counts (team_id, month, form_version_id, audit_type, section_id, grade, n)
SELECT team_id, substr(day, 1, 8) || '01', form_version_id, audit_type, section_id, grade, sum(n)
FROM report_grade_team_counts
GROUP BY team_id, 2, form_version_id, audit_type, section_id, grade""",
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
    """CREATE TABLE report_better_team_counts (
  team_id VARCHAR(36) NOT NULL,
  day DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  even_better_if TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (team_id, day, form_version_id, audit_type, even_better_if)
) WITHOUT ROWID""",
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
    """INSERT INTO report_better_team_counts (team_id, day, form_version_id, audit_type, even_better_if, n)
SELECT team, day, fv, type, txt, count(*) FROM (
    SELECT c.team_id AS team, a.completed_on AS day, a.form_version_id AS fv,
           a.audit_type AS type, s.even_better_if AS txt
    FROM audits a JOIN cases c ON c.id = a.case_id JOIN section_reviews s ON s.audit_id = a.id
    WHERE a.id IN (SELECT id FROM audits) AND a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL AND s.even_better_if != '')
GROUP BY team, day, fv, type, txt""",
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
    """CREATE TABLE report_answer_month_counts (
  team_id VARCHAR(36) NOT NULL,
  month DATE NOT NULL,
  form_version_id VARCHAR(36) NOT NULL,
  audit_type VARCHAR(30) NOT NULL,
  question_id VARCHAR(32) NOT NULL,
  value VARCHAR(10) NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (team_id, month, form_version_id, audit_type, question_id, value)
) WITHOUT ROWID""",
    """INSERT INTO report_answer_month_counts (team_id, month, form_version_id, audit_type, question_id, value, n)
SELECT team_id, substr(day, 1, 8) || '01', form_version_id, audit_type, question_id, value, sum(n)
FROM report_answer_counts
GROUP BY team_id, 2, form_version_id, audit_type, question_id, value""",
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
    'DROP TRIGGER IF EXISTS report_answer_day_counts_update',
    'DROP TRIGGER IF EXISTS report_answer_day_counts_delete',
    'DROP TRIGGER IF EXISTS report_answer_day_counts_insert',
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
]

DOWNGRADE_SQLITE = [
    'DROP TRIGGER IF EXISTS report_answer_month_counts_key',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_count',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_delete',
    'DROP TRIGGER IF EXISTS report_answer_month_counts_insert',
    'DROP TABLE IF EXISTS report_answer_month_counts',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_key',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_count',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_delete',
    'DROP TRIGGER IF EXISTS report_answer_day_rollup_insert',
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
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_key',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_count',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_delete',
    'DROP TRIGGER IF EXISTS report_better_counts_rollup_insert',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_insert_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_insert_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_update_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_update_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_delete_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_audit_delete_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_insert_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_insert_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_update_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_update_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_delete_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_review_delete_after',
    'DROP TRIGGER IF EXISTS report_better_team_counts_case_update_before',
    'DROP TRIGGER IF EXISTS report_better_team_counts_case_update_after',
    'DROP TABLE IF EXISTS report_better_team_counts',
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
    'DROP TRIGGER IF EXISTS report_grade_month_counts_key',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_count',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_delete',
    'DROP TRIGGER IF EXISTS report_grade_month_counts_insert',
    'DROP TABLE IF EXISTS report_grade_month_counts',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_key',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_count',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_delete',
    'DROP TRIGGER IF EXISTS report_grade_counts_rollup_insert',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_audit_delete_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_review_delete_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_insert_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_insert_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_update_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_delete_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_moderation_delete_after',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_case_update_before',
    'DROP TRIGGER IF EXISTS report_grade_team_counts_case_update_after',
    'DROP TABLE IF EXISTS report_grade_team_counts',
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
    'DROP TRIGGER IF EXISTS report_action_counts_update',
    'DROP TRIGGER IF EXISTS report_action_counts_delete',
    'DROP TRIGGER IF EXISTS report_action_counts_insert',
    'DROP TABLE IF EXISTS report_action_counts',
    'DROP TRIGGER IF EXISTS report_actions_case_update',
    'DROP TRIGGER IF EXISTS report_actions_action_insert',
    'DROP TRIGGER IF EXISTS report_actions_action_update',
    'DROP TRIGGER IF EXISTS report_actions_action_delete',
    'DROP TRIGGER IF EXISTS report_actions_meeting_insert',
    'DROP TRIGGER IF EXISTS report_actions_meeting_update',
    'DROP TRIGGER IF EXISTS report_actions_meeting_delete',
    'DROP TRIGGER IF EXISTS report_actions_audit_insert',
    'DROP TRIGGER IF EXISTS report_actions_audit_update',
    'DROP TRIGGER IF EXISTS report_actions_audit_delete',
    'DROP TABLE IF EXISTS report_actions',
    'DROP TRIGGER IF EXISTS report_audits_case',
    'DROP TRIGGER IF EXISTS report_audits_audit_insert',
    'DROP TRIGGER IF EXISTS report_audits_audit_update',
    'DROP TRIGGER IF EXISTS report_audits_audit_delete',
    'DROP TRIGGER IF EXISTS report_audits_moderation_insert',
    'DROP TRIGGER IF EXISTS report_audits_moderation_update',
    'DROP TRIGGER IF EXISTS report_audits_moderation_delete',
    'DROP TABLE IF EXISTS report_audits',
]

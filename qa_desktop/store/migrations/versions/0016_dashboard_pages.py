"""The dashboard from fewer pages. ``report_audit_month_counts`` adds up the completed audits
of ``report_audits`` per month, team, form version, audit type and auditor (how many, their
moderation decisions, the voice of the child) and ``report_audit_due_months`` the audits due
per month, team, form version and type (how many, how many completed), both kept by triggers
on ``report_audits``; an index of the Inadequate audits by day; and ``report_meetings``, one
narrow row per reflective meeting with its re-audit and the slice columns of its audit, kept
by triggers on meetings and ``report_audits``. At 100,000 audits a county quarter's completed
audits, plans, moderation by auditor and voice of the child read every one of its 22,700
audit rows, four times a refresh, and its 3,100 meetings each looked up its audit's row. The
new tables are filled from the records as they stand. The SQL is frozen below as it ran;
what the reporting tables are today is declared in qa_desktop/store/reporting/tables.py.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # the store's own tables; not the central's
        for statement in UPGRADE_SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in DOWNGRADE_SQLITE:
            op.execute(statement)


# The SQL as this revision ran it, frozen here: later changes to the reporting tables belong
# in a new revision, never in this one.
UPGRADE_SQLITE = [
    "CREATE INDEX ix_report_audits_inadequate ON report_audits (day, team_id, form_version_id, audit_type, practitioner_id) WHERE overall = 'inadequate'",
    'CREATE TABLE report_audit_month_counts (\n  month DATE NOT NULL,\n  team_id VARCHAR(36) NOT NULL,\n  form_version_id VARCHAR(36) NOT NULL,\n  audit_type VARCHAR(30) NOT NULL,\n  auditor_id VARCHAR(36) NOT NULL,\n  n INTEGER NOT NULL,\n  moderated INTEGER NOT NULL,\n  agreed INTEGER NOT NULL,\n  area_decisions INTEGER NOT NULL,\n  area_agreed INTEGER NOT NULL,\n  voice INTEGER NOT NULL,\n  PRIMARY KEY (month, team_id, form_version_id, audit_type, auditor_id)\n) WITHOUT ROWID',
    "CREATE TRIGGER report_audit_month_counts_insert AFTER INSERT ON report_audits\nWHEN NEW.day IS NOT NULL\nBEGIN\n  INSERT INTO report_audit_month_counts (month, team_id, form_version_id, audit_type, auditor_id, n, moderated, agreed, area_decisions, area_agreed, voice) VALUES (substr(NEW.day, 1, 8) || '01', NEW.team_id, NEW.form_version_id, NEW.audit_type, NEW.auditor_id, 1, NEW.moderated, NEW.agreed, NEW.area_decisions, NEW.area_agreed, NEW.voice)\n  ON CONFLICT (month, team_id, form_version_id, audit_type, auditor_id) DO UPDATE SET n = n + excluded.n, moderated = moderated + excluded.moderated, agreed = agreed + excluded.agreed, area_decisions = area_decisions + excluded.area_decisions, area_agreed = area_agreed + excluded.area_agreed, voice = voice + excluded.voice;\nEND",
    "CREATE TRIGGER report_audit_month_counts_delete AFTER DELETE ON report_audits\nWHEN OLD.day IS NOT NULL\nBEGIN\n  UPDATE report_audit_month_counts SET n = n - (1), moderated = moderated - (OLD.moderated), agreed = agreed - (OLD.agreed), area_decisions = area_decisions - (OLD.area_decisions), area_agreed = area_agreed - (OLD.area_agreed), voice = voice - (OLD.voice)\n  WHERE month = substr(OLD.day, 1, 8) || '01' AND team_id = OLD.team_id AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND auditor_id = OLD.auditor_id;\nEND",
    "CREATE TRIGGER report_audit_month_counts_update_old AFTER UPDATE ON report_audits\nWHEN OLD.day IS NOT NULL\nBEGIN\n  UPDATE report_audit_month_counts SET n = n - (1), moderated = moderated - (OLD.moderated), agreed = agreed - (OLD.agreed), area_decisions = area_decisions - (OLD.area_decisions), area_agreed = area_agreed - (OLD.area_agreed), voice = voice - (OLD.voice)\n  WHERE month = substr(OLD.day, 1, 8) || '01' AND team_id = OLD.team_id AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND auditor_id = OLD.auditor_id;\nEND",
    "CREATE TRIGGER report_audit_month_counts_update_new AFTER UPDATE ON report_audits\nWHEN NEW.day IS NOT NULL\nBEGIN\n  INSERT INTO report_audit_month_counts (month, team_id, form_version_id, audit_type, auditor_id, n, moderated, agreed, area_decisions, area_agreed, voice) VALUES (substr(NEW.day, 1, 8) || '01', NEW.team_id, NEW.form_version_id, NEW.audit_type, NEW.auditor_id, 1, NEW.moderated, NEW.agreed, NEW.area_decisions, NEW.area_agreed, NEW.voice)\n  ON CONFLICT (month, team_id, form_version_id, audit_type, auditor_id) DO UPDATE SET n = n + excluded.n, moderated = moderated + excluded.moderated, agreed = agreed + excluded.agreed, area_decisions = area_decisions + excluded.area_decisions, area_agreed = area_agreed + excluded.area_agreed, voice = voice + excluded.voice;\nEND",
    "INSERT INTO report_audit_month_counts (month, team_id, form_version_id, audit_type, auditor_id, n, moderated, agreed, area_decisions, area_agreed, voice)\n  SELECT substr(day, 1, 8) || '01', team_id, form_version_id, audit_type, auditor_id, sum(1), sum(report_audits.moderated), sum(report_audits.agreed), sum(report_audits.area_decisions), sum(report_audits.area_agreed), sum(report_audits.voice)\n  FROM report_audits WHERE day IS NOT NULL\n  GROUP BY 1, 2, 3, 4, 5",
    'CREATE TABLE report_audit_due_months (\n  month DATE NOT NULL,\n  team_id VARCHAR(36) NOT NULL,\n  form_version_id VARCHAR(36) NOT NULL,\n  audit_type VARCHAR(30) NOT NULL,\n  n INTEGER NOT NULL,\n  completed INTEGER NOT NULL,\n  PRIMARY KEY (month, team_id, form_version_id, audit_type)\n) WITHOUT ROWID',
    "CREATE TRIGGER report_audit_due_months_insert AFTER INSERT ON report_audits\nWHEN NEW.due_on IS NOT NULL\nBEGIN\n  INSERT INTO report_audit_due_months (month, team_id, form_version_id, audit_type, n, completed) VALUES (substr(NEW.due_on, 1, 8) || '01', NEW.team_id, NEW.form_version_id, NEW.audit_type, 1, NEW.day IS NOT NULL)\n  ON CONFLICT (month, team_id, form_version_id, audit_type) DO UPDATE SET n = n + excluded.n, completed = completed + excluded.completed;\nEND",
    "CREATE TRIGGER report_audit_due_months_delete AFTER DELETE ON report_audits\nWHEN OLD.due_on IS NOT NULL\nBEGIN\n  UPDATE report_audit_due_months SET n = n - (1), completed = completed - (OLD.day IS NOT NULL)\n  WHERE month = substr(OLD.due_on, 1, 8) || '01' AND team_id = OLD.team_id AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type;\nEND",
    "CREATE TRIGGER report_audit_due_months_update_old AFTER UPDATE ON report_audits\nWHEN OLD.due_on IS NOT NULL\nBEGIN\n  UPDATE report_audit_due_months SET n = n - (1), completed = completed - (OLD.day IS NOT NULL)\n  WHERE month = substr(OLD.due_on, 1, 8) || '01' AND team_id = OLD.team_id AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type;\nEND",
    "CREATE TRIGGER report_audit_due_months_update_new AFTER UPDATE ON report_audits\nWHEN NEW.due_on IS NOT NULL\nBEGIN\n  INSERT INTO report_audit_due_months (month, team_id, form_version_id, audit_type, n, completed) VALUES (substr(NEW.due_on, 1, 8) || '01', NEW.team_id, NEW.form_version_id, NEW.audit_type, 1, NEW.day IS NOT NULL)\n  ON CONFLICT (month, team_id, form_version_id, audit_type) DO UPDATE SET n = n + excluded.n, completed = completed + excluded.completed;\nEND",
    "INSERT INTO report_audit_due_months (month, team_id, form_version_id, audit_type, n, completed)\n  SELECT substr(due_on, 1, 8) || '01', team_id, form_version_id, audit_type, sum(1), sum(report_audits.day IS NOT NULL)\n  FROM report_audits WHERE due_on IS NOT NULL\n  GROUP BY 1, 2, 3, 4",
    'CREATE TABLE report_meetings (\n  meeting_id VARCHAR(36) NOT NULL PRIMARY KEY,\n  due_on DATE NOT NULL,\n  held_on DATE,\n  reaudit_due_on DATE,\n  reaudit_done_on DATE,\n  audit_id VARCHAR(36) NOT NULL,\n  team_id VARCHAR(36) NOT NULL,\n  form_version_id VARCHAR(36) NOT NULL,\n  audit_type VARCHAR(30) NOT NULL,\n  practitioner_id VARCHAR(36)\n) WITHOUT ROWID',
    'CREATE INDEX ix_report_meetings_due ON report_meetings (due_on, team_id,\n  form_version_id, audit_type, practitioner_id, held_on)',
    'CREATE INDEX ix_report_meetings_reaudit_due ON report_meetings (reaudit_due_on,\n  team_id, form_version_id, audit_type, practitioner_id, reaudit_done_on)\n  WHERE reaudit_due_on IS NOT NULL',
    'CREATE INDEX ix_report_meetings_audit ON report_meetings (audit_id)',
    'CREATE TRIGGER report_meetings_meeting_insert AFTER INSERT ON meetings\nBEGIN\n  DELETE FROM report_meetings WHERE audit_id IN (NEW.audit_id);\n  INSERT INTO report_meetings (meeting_id, due_on, held_on, reaudit_due_on, reaudit_done_on, audit_id, team_id, form_version_id, audit_type, practitioner_id)\n  SELECT mt.id, mt.due_on, mt.held_on, mt.reaudit_due_on,\n         (SELECT min(r.day) FROM report_audits r WHERE r.reaudit_of_id = mt.audit_id),\n         f.audit_id, f.team_id, f.form_version_id, f.audit_type, f.practitioner_id\n  FROM meetings mt JOIN report_audits f ON f.audit_id = mt.audit_id\n  WHERE mt.audit_id IN (NEW.audit_id);\nEND',
    'CREATE TRIGGER report_meetings_meeting_update AFTER UPDATE OF id, audit_id, due_on, held_on, reaudit_due_on ON meetings\nBEGIN\n  DELETE FROM report_meetings WHERE audit_id IN (OLD.audit_id, NEW.audit_id);\n  INSERT INTO report_meetings (meeting_id, due_on, held_on, reaudit_due_on, reaudit_done_on, audit_id, team_id, form_version_id, audit_type, practitioner_id)\n  SELECT mt.id, mt.due_on, mt.held_on, mt.reaudit_due_on,\n         (SELECT min(r.day) FROM report_audits r WHERE r.reaudit_of_id = mt.audit_id),\n         f.audit_id, f.team_id, f.form_version_id, f.audit_type, f.practitioner_id\n  FROM meetings mt JOIN report_audits f ON f.audit_id = mt.audit_id\n  WHERE mt.audit_id IN (OLD.audit_id, NEW.audit_id);\nEND',
    'CREATE TRIGGER report_meetings_meeting_delete AFTER DELETE ON meetings\nBEGIN\n  DELETE FROM report_meetings WHERE audit_id IN (OLD.audit_id);\n  INSERT INTO report_meetings (meeting_id, due_on, held_on, reaudit_due_on, reaudit_done_on, audit_id, team_id, form_version_id, audit_type, practitioner_id)\n  SELECT mt.id, mt.due_on, mt.held_on, mt.reaudit_due_on,\n         (SELECT min(r.day) FROM report_audits r WHERE r.reaudit_of_id = mt.audit_id),\n         f.audit_id, f.team_id, f.form_version_id, f.audit_type, f.practitioner_id\n  FROM meetings mt JOIN report_audits f ON f.audit_id = mt.audit_id\n  WHERE mt.audit_id IN (OLD.audit_id);\nEND',
    'CREATE TRIGGER report_meetings_audit_insert AFTER INSERT ON report_audits\nWHEN NEW.reaudit_of_id IS NOT NULL OR EXISTS (SELECT 1 FROM meetings WHERE audit_id = NEW.audit_id)\nBEGIN\n  DELETE FROM report_meetings WHERE audit_id IN (NEW.audit_id, NEW.reaudit_of_id);\n  INSERT INTO report_meetings (meeting_id, due_on, held_on, reaudit_due_on, reaudit_done_on, audit_id, team_id, form_version_id, audit_type, practitioner_id)\n  SELECT mt.id, mt.due_on, mt.held_on, mt.reaudit_due_on,\n         (SELECT min(r.day) FROM report_audits r WHERE r.reaudit_of_id = mt.audit_id),\n         f.audit_id, f.team_id, f.form_version_id, f.audit_type, f.practitioner_id\n  FROM meetings mt JOIN report_audits f ON f.audit_id = mt.audit_id\n  WHERE mt.audit_id IN (NEW.audit_id, NEW.reaudit_of_id);\nEND',
    'CREATE TRIGGER report_meetings_audit_update AFTER UPDATE ON report_audits\nWHEN OLD.reaudit_of_id IS NOT NULL OR EXISTS (SELECT 1 FROM meetings WHERE audit_id = OLD.audit_id) OR NEW.reaudit_of_id IS NOT NULL OR EXISTS (SELECT 1 FROM meetings WHERE audit_id = NEW.audit_id)\nBEGIN\n  DELETE FROM report_meetings WHERE audit_id IN (OLD.audit_id, NEW.audit_id, OLD.reaudit_of_id, NEW.reaudit_of_id);\n  INSERT INTO report_meetings (meeting_id, due_on, held_on, reaudit_due_on, reaudit_done_on, audit_id, team_id, form_version_id, audit_type, practitioner_id)\n  SELECT mt.id, mt.due_on, mt.held_on, mt.reaudit_due_on,\n         (SELECT min(r.day) FROM report_audits r WHERE r.reaudit_of_id = mt.audit_id),\n         f.audit_id, f.team_id, f.form_version_id, f.audit_type, f.practitioner_id\n  FROM meetings mt JOIN report_audits f ON f.audit_id = mt.audit_id\n  WHERE mt.audit_id IN (OLD.audit_id, NEW.audit_id, OLD.reaudit_of_id, NEW.reaudit_of_id);\nEND',
    'CREATE TRIGGER report_meetings_audit_delete AFTER DELETE ON report_audits\nWHEN OLD.reaudit_of_id IS NOT NULL OR EXISTS (SELECT 1 FROM meetings WHERE audit_id = OLD.audit_id)\nBEGIN\n  DELETE FROM report_meetings WHERE audit_id IN (OLD.audit_id, OLD.reaudit_of_id);\n  INSERT INTO report_meetings (meeting_id, due_on, held_on, reaudit_due_on, reaudit_done_on, audit_id, team_id, form_version_id, audit_type, practitioner_id)\n  SELECT mt.id, mt.due_on, mt.held_on, mt.reaudit_due_on,\n         (SELECT min(r.day) FROM report_audits r WHERE r.reaudit_of_id = mt.audit_id),\n         f.audit_id, f.team_id, f.form_version_id, f.audit_type, f.practitioner_id\n  FROM meetings mt JOIN report_audits f ON f.audit_id = mt.audit_id\n  WHERE mt.audit_id IN (OLD.audit_id, OLD.reaudit_of_id);\nEND',
    'INSERT INTO report_meetings (meeting_id, due_on, held_on, reaudit_due_on, reaudit_done_on, audit_id, team_id, form_version_id, audit_type, practitioner_id)\n  SELECT mt.id, mt.due_on, mt.held_on, mt.reaudit_due_on,\n         (SELECT min(r.day) FROM report_audits r WHERE r.reaudit_of_id = mt.audit_id),\n         f.audit_id, f.team_id, f.form_version_id, f.audit_type, f.practitioner_id\n  FROM meetings mt JOIN report_audits f ON f.audit_id = mt.audit_id\n  WHERE 1 = 1',
]

DOWNGRADE_SQLITE = [
    'DROP TRIGGER IF EXISTS report_meetings_audit_delete',
    'DROP TRIGGER IF EXISTS report_meetings_audit_update',
    'DROP TRIGGER IF EXISTS report_meetings_audit_insert',
    'DROP TRIGGER IF EXISTS report_meetings_meeting_delete',
    'DROP TRIGGER IF EXISTS report_meetings_meeting_update',
    'DROP TRIGGER IF EXISTS report_meetings_meeting_insert',
    'DROP TABLE IF EXISTS report_meetings',
    'DROP TRIGGER IF EXISTS report_audit_due_months_update_new',
    'DROP TRIGGER IF EXISTS report_audit_due_months_update_old',
    'DROP TRIGGER IF EXISTS report_audit_due_months_delete',
    'DROP TRIGGER IF EXISTS report_audit_due_months_insert',
    'DROP TABLE IF EXISTS report_audit_due_months',
    'DROP TRIGGER IF EXISTS report_audit_month_counts_update_new',
    'DROP TRIGGER IF EXISTS report_audit_month_counts_update_old',
    'DROP TRIGGER IF EXISTS report_audit_month_counts_delete',
    'DROP TRIGGER IF EXISTS report_audit_month_counts_insert',
    'DROP TABLE IF EXISTS report_audit_month_counts',
    'DROP INDEX IF EXISTS ix_report_audits_inadequate',
]

"""The dashboard's completed audits per month: ``report_audit_month_counts`` adds up the
completed audits of ``report_audits`` per month, team, form version, audit type and auditor
(how many, their moderation decisions, the voice of the child), kept by triggers on
``report_audits``; and an index of the Inadequate audits by day. At 100,000 audits a county
quarter's completed audits, plans, moderation by auditor and voice of the child read every one
of its 22,700 audit rows, four times a refresh, decrypted again each time; the month rows are
a few hundred. The new table is filled from ``report_audits`` as it stands. The SQL is frozen
below as it ran; what the reporting tables are today is declared in
qa_desktop/store/reporting/tables.py.

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
    'CREATE TABLE report_audit_month_counts (\n  month DATE NOT NULL,\n  team_id VARCHAR(36) NOT NULL,\n  form_version_id VARCHAR(36) NOT NULL,\n  audit_type VARCHAR(30) NOT NULL,\n  auditor_id VARCHAR(36) NOT NULL,\n  n INTEGER NOT NULL,\n  moderated INTEGER NOT NULL,\n  agreed INTEGER NOT NULL,\n  area_decisions INTEGER NOT NULL,\n  area_agreed INTEGER NOT NULL,\n  voice INTEGER NOT NULL,\n  PRIMARY KEY (month, team_id, form_version_id, audit_type, auditor_id)\n) WITHOUT ROWID',
    "CREATE INDEX ix_report_audits_inadequate ON report_audits (day, team_id, form_version_id, audit_type, practitioner_id) WHERE overall = 'inadequate'",
    "CREATE TRIGGER report_audit_month_counts_insert AFTER INSERT ON report_audits\nWHEN NEW.day IS NOT NULL\nBEGIN\n  INSERT INTO report_audit_month_counts (month, team_id, form_version_id, audit_type, auditor_id, n, moderated, agreed, area_decisions, area_agreed, voice) VALUES (substr(NEW.day, 1, 8) || '01', NEW.team_id, NEW.form_version_id, NEW.audit_type, NEW.auditor_id, 1, NEW.moderated, NEW.agreed, NEW.area_decisions, NEW.area_agreed, NEW.voice)\n  ON CONFLICT (month, team_id, form_version_id, audit_type, auditor_id) DO UPDATE SET n = n + excluded.n, moderated = moderated + excluded.moderated, agreed = agreed + excluded.agreed, area_decisions = area_decisions + excluded.area_decisions, area_agreed = area_agreed + excluded.area_agreed, voice = voice + excluded.voice;\nEND",
    "CREATE TRIGGER report_audit_month_counts_delete AFTER DELETE ON report_audits\nWHEN OLD.day IS NOT NULL\nBEGIN\n  UPDATE report_audit_month_counts SET n = n - 1, moderated = moderated - OLD.moderated, agreed = agreed - OLD.agreed, area_decisions = area_decisions - OLD.area_decisions, area_agreed = area_agreed - OLD.area_agreed, voice = voice - OLD.voice\n  WHERE month = substr(OLD.day, 1, 8) || '01' AND team_id = OLD.team_id AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND auditor_id = OLD.auditor_id;\nEND",
    "CREATE TRIGGER report_audit_month_counts_update_old AFTER UPDATE ON report_audits\nWHEN OLD.day IS NOT NULL\nBEGIN\n  UPDATE report_audit_month_counts SET n = n - 1, moderated = moderated - OLD.moderated, agreed = agreed - OLD.agreed, area_decisions = area_decisions - OLD.area_decisions, area_agreed = area_agreed - OLD.area_agreed, voice = voice - OLD.voice\n  WHERE month = substr(OLD.day, 1, 8) || '01' AND team_id = OLD.team_id AND form_version_id = OLD.form_version_id AND audit_type = OLD.audit_type AND auditor_id = OLD.auditor_id;\nEND",
    "CREATE TRIGGER report_audit_month_counts_update_new AFTER UPDATE ON report_audits\nWHEN NEW.day IS NOT NULL\nBEGIN\n  INSERT INTO report_audit_month_counts (month, team_id, form_version_id, audit_type, auditor_id, n, moderated, agreed, area_decisions, area_agreed, voice) VALUES (substr(NEW.day, 1, 8) || '01', NEW.team_id, NEW.form_version_id, NEW.audit_type, NEW.auditor_id, 1, NEW.moderated, NEW.agreed, NEW.area_decisions, NEW.area_agreed, NEW.voice)\n  ON CONFLICT (month, team_id, form_version_id, audit_type, auditor_id) DO UPDATE SET n = n + excluded.n, moderated = moderated + excluded.moderated, agreed = agreed + excluded.agreed, area_decisions = area_decisions + excluded.area_decisions, area_agreed = area_agreed + excluded.area_agreed, voice = voice + excluded.voice;\nEND",
    "INSERT INTO report_audit_month_counts (month, team_id, form_version_id, audit_type, auditor_id, n, moderated, agreed, area_decisions, area_agreed, voice)\n  SELECT substr(day, 1, 8) || '01', team_id, form_version_id, audit_type, auditor_id, count(*),\n         sum(moderated), sum(agreed), sum(area_decisions), sum(area_agreed), sum(voice)\n  FROM report_audits WHERE day IS NOT NULL\n  GROUP BY 1, 2, 3, 4, 5",
]

DOWNGRADE_SQLITE = [
    'DROP TRIGGER IF EXISTS report_audit_month_counts_update_new',
    'DROP TRIGGER IF EXISTS report_audit_month_counts_update_old',
    'DROP TRIGGER IF EXISTS report_audit_month_counts_delete',
    'DROP TRIGGER IF EXISTS report_audit_month_counts_insert',
    'DROP TABLE IF EXISTS report_audit_month_counts',
    'DROP INDEX IF EXISTS ix_report_audits_inadequate',
]

"""Reporting: counts kept by triggers that serve every slice, so that a dashboard refresh adds
up a few rows whatever the period (month, quarter, any dates) and slice (county, area, service,
team, worker, form, audit type): one narrow row per audit (qa_desktop/store/reporting/audit_facts.py)
and per action, with the actions added up per team, due date and state
(qa_desktop/store/reporting/action_facts.py); the confirmed grades per team and audit
type, of which the county-wide grade counts become the roll-up
(qa_desktop/store/reporting/grade_counts.py), also per month; the "even better if" comments per team and
type, of which the county-wide ones become the roll-up (qa_desktop/store/reporting/better_counts.py); and
the answer counts per month (qa_desktop/store/reporting/answer_counts.py).

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
        from qa_desktop.store.reporting import (
            action_facts,
            answer_counts,
            audit_facts,
            better_counts,
            grade_counts,
        )

        for statement in (
            audit_facts.CREATE
            + audit_facts.REBUILD
            + action_facts.CREATE
            + action_facts.REBUILD
            + action_facts.COUNTS_CREATE
            + grade_counts.TEAM_CREATE
            + grade_counts.MONTH_CREATE
            + better_counts.TEAM_CREATE
            + answer_counts.MONTH_CREATE
        ):
            op.execute(statement)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
    if op.get_bind().dialect.name == "sqlite":
        from qa_desktop.store.reporting import (
            action_facts,
            answer_counts,
            audit_facts,
            better_counts,
            grade_counts,
        )

        for statement in (
            answer_counts.MONTH_DROP
            + better_counts.TEAM_DROP
            + grade_counts.MONTH_DROP
            + grade_counts.TEAM_DROP
            + action_facts.COUNTS_DROP
            + action_facts.DROP
            + audit_facts.DROP
        ):
            op.execute(statement)

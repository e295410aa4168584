"""Reporting: county-wide counts kept by triggers, so that the dashboard adds up a few hundred
rows a day whatever the number of audits and teams: the roll-up of the answer counts over teams
and audit types (qa_desktop/store/answer_counts.py) and the confirmed grades per section and
overall (qa_desktop/store/grade_counts.py).

Revision ID: 0009
Revises: 0005
Create Date: 2026-11-22
"""

from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        from qa_desktop.store import answer_counts, grade_counts

        for statement in answer_counts.DAY_CREATE + grade_counts.CREATE + grade_counts.REBUILD:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        from qa_desktop.store import answer_counts, grade_counts

        for statement in grade_counts.DROP + answer_counts.DAY_DROP:
            op.execute(statement)

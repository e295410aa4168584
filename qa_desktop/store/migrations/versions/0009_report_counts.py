"""Reporting: county-wide counts kept by triggers, so that the dashboard adds up a few hundred
rows a day whatever the number of audits and teams: the roll-up of the answer counts over teams
and audit types (qa_desktop/store/reporting/answer_counts.py) and the confirmed grades per section and
overall (qa_desktop/store/reporting/grade_counts.py) and the "even better if" comments
(qa_desktop/store/reporting/better_counts.py).

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
        from qa_desktop.store.reporting import answer_counts
        from qa_desktop.store.reporting import better_counts
        from qa_desktop.store.reporting import grade_counts

        for statement in (
            answer_counts.DAY_CREATE
            + grade_counts.CREATE
            + grade_counts.REBUILD
            + better_counts.CREATE
            + better_counts.REBUILD
        ):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        from qa_desktop.store.reporting import answer_counts
        from qa_desktop.store.reporting import better_counts
        from qa_desktop.store.reporting import grade_counts

        for statement in better_counts.DROP + grade_counts.DROP + answer_counts.DAY_DROP:
            op.execute(statement)
    op.drop_index("ix_section_reviews_better", table_name="section_reviews")

"""Moderation queue entries (why an audit waits for moderation and who added it) and the
grade movement of re-audits.

Revision ID: 0004
Revises: 0001 (the lead re-chains migrations when merging)
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "moderation_queue",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("audit_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_by_id", sa.String(length=36), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["audits.id"], name=op.f("fk_moderation_queue_audit_id_audits")
        ),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["people.id"], name=op.f("fk_moderation_queue_added_by_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_queue")),
    )
    with op.batch_alter_table("moderation_queue", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_moderation_queue_audit_id"), ["audit_id"], unique=False
        )
    op.create_table(
        "reaudit_outcomes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("reaudit_id", sa.String(length=36), nullable=False),
        sa.Column("original_id", sa.String(length=36), nullable=False),
        sa.Column("original_grade", sa.String(length=30), nullable=True),
        sa.Column("reaudit_grade", sa.String(length=30), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reaudit_id"], ["audits.id"], name=op.f("fk_reaudit_outcomes_reaudit_id_audits")
        ),
        sa.ForeignKeyConstraint(
            ["original_id"], ["audits.id"], name=op.f("fk_reaudit_outcomes_original_id_audits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reaudit_outcomes")),
        sa.UniqueConstraint("reaudit_id", name=op.f("uq_reaudit_outcomes_reaudit_id")),
    )
    with op.batch_alter_table("reaudit_outcomes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reaudit_outcomes_original_id"), ["original_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("reaudit_outcomes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reaudit_outcomes_original_id"))
    op.drop_table("reaudit_outcomes")
    with op.batch_alter_table("moderation_queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moderation_queue_audit_id"))
    op.drop_table("moderation_queue")

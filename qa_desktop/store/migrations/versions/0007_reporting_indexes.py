"""Reporting: indexes so that the dashboard's aggregates read indexes only (no table lookups)
and follow-up figures find meetings and actions by their due dates; and the table of the
commentary the QA team writes for the quarterly report; and the answer counts that triggers
keep for compliance (qa_desktop/store/reporting/answer_counts.py).

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


    # Answer counts kept by triggers (SQLite, the local store): see store/answer_counts.py.
    if op.get_bind().dialect.name == "sqlite":
        from qa_desktop.store.reporting import answer_counts

        for statement in answer_counts.CREATE + answer_counts.REBUILD:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        from qa_desktop.store.reporting import answer_counts

        for statement in answer_counts.DROP:
            op.execute(statement)
    op.drop_table("report_commentaries")
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)

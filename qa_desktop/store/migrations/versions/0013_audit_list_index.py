"""The Audits list's order as an index: newest first (completed, else started, else due, with
"" for none), then by reference, over the audits not deleted. The list pages through it
(keyset paging), so its first page and every later one read a page of the index rather than
sorting every audit. One new index; no table is altered.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# Frozen: the list's query uses exactly this expression, so SQLite matches it to the index.
CREATE = (
    "CREATE INDEX ix_audits_listed ON audits "
    "(coalesce(completed_on, started_on, due_on, '') DESC, reference) "
    "WHERE deleted_at IS NULL"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # the store's own list; not the central's
        op.execute(CREATE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP INDEX ix_audits_listed")

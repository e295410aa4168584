"""The Audits list filtered by team from indexes alone: a team's cases with their ids
(``cases (team_id, id)``), then each case's audits in the list's order with what the list's
narrow query reads (the order key of 0013, reference, id, deleted_at). At 100,000 audits a
team's first page read every one of its 4,700 audits through all nine joins before sorting
them (80 ms) and its count looked up every audit row (60 ms); from these indexes each takes
about a millisecond, and the nine joins are read for the page's rows only. The second index
is not partial, so SQLite prefers it to ``ix_audits_case_id`` without statistics (the store
never runs ANALYZE). Two new indexes; no table is altered.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

# Frozen: the list's queries use exactly the order expression of 0013.
CREATE = (
    "CREATE INDEX ix_cases_team_listed ON cases (team_id, id)",
    "CREATE INDEX ix_audits_case_listed ON audits "
    "(case_id, coalesce(completed_on, started_on, due_on, '') DESC, reference, id, deleted_at)",
)
NAMES = ("ix_cases_team_listed", "ix_audits_case_listed")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # the store's own list; not the central's
        for statement in CREATE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in NAMES:
            op.execute(f"DROP INDEX {name}")

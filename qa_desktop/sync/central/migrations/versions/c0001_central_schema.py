"""The central schema: change log with one server counter, rows, logins, rights, and the
hello, push and pull functions.

Revision ID: c0001
Revises: (none)
"""

from alembic import op

from qa_desktop.sync.central.sql import UPGRADE_1

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The SQL holds %-signs (format()) and dollar quotes: hand it to the driver unparsed.
    driver = op.get_bind().connection.driver_connection
    assert driver is not None
    driver.execute(UPGRADE_1)


def downgrade() -> None:
    raise NotImplementedError("the central database is never migrated down")

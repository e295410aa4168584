"""A new central database is made from the schema as it is now (the ``.sql`` files), then
stamped with the newest migration; one that exists is migrated. The schema tests check that
the migration path and a fresh database end the same."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text

from qa_desktop.sync.central.sql import schema_sql


def is_new(connection: Connection) -> bool:
    """Whether the database holds no central schema yet (no migration was ever run on it)."""
    found = connection.execute(text("SELECT to_regclass('qa_central.alembic_version')"))
    return found.scalar() is None


def create(connection: Connection, config: Config) -> None:
    """Stamp the newest migration (the version table comes first, as on the migration path),
    then run the whole schema."""
    command.stamp(config, "head")
    # The SQL holds %-signs (format()) and dollar quotes: hand it to the driver unparsed.
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(schema_sql())

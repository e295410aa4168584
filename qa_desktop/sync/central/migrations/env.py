"""Alembic environment of the central database: runs on a connection the program hands over.

The version table lives in the ``qa_central`` schema, next to what it describes.
"""

from alembic import context
from sqlalchemy import text

connection = context.config.attributes["connection"]
connection.execute(text("CREATE SCHEMA IF NOT EXISTS qa_central"))
context.configure(
    connection=connection,
    version_table_schema="qa_central",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()

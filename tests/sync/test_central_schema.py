"""A central database brought up by running every migration in order ends with exactly the
schema of a new one made by ``central init`` (the live ``.sql`` files, then stamped): tables,
columns, constraints, indexes, triggers, functions, policies, row-level security, owners and
rights, compared through pg_catalog and information_schema on the real PostgreSQL. With one
revision the two are the same SQL; once a second revision exists, this is what keeps the
migration path and the ``.sql`` files in step."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.engine import URL

from qa_desktop.sync.central import sql
from qa_desktop.sync.central.admin import _alembic, init_central
from qa_desktop.sync.connection import CentralAddress

# Each query gives rows describing one part of the schema; the database's name (which the
# roles carry) is replaced by "DB" so that two databases compare.
CATALOG: dict[str, str] = {
    "columns": """
        SELECT table_name, column_name, ordinal_position, data_type, is_nullable,
               column_default, character_maximum_length
        FROM information_schema.columns WHERE table_schema = 'qa_central'""",
    "relations": """
        SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner), c.relrowsecurity,
               c.relforcerowsecurity, c.relpersistence, coalesce(c.relacl::text, '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'qa_central'""",
    "constraints": """
        SELECT t.relname, k.conname, k.contype, pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'qa_central'""",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes"
    " WHERE schemaname = 'qa_central'",
    "triggers": """
        SELECT t.relname, g.tgname, pg_get_triggerdef(g.oid)
        FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'qa_central' AND NOT g.tgisinternal""",
    "functions": """
        SELECT p.proname, pg_get_function_identity_arguments(p.oid), pg_get_functiondef(p.oid),
               pg_get_userbyid(p.proowner), coalesce(p.proacl::text, '')
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'qa_central'""",
    "policies": """
        SELECT tablename, policyname, permissive, roles::text, cmd, qual, with_check
        FROM pg_policies WHERE schemaname = 'qa_central'""",
    "schema": """
        SELECT nspname, pg_get_userbyid(nspowner), coalesce(nspacl::text, '')
        FROM pg_namespace WHERE nspname = 'qa_central'""",
    "database": "SELECT coalesce(datacl::text, '') FROM pg_database"
    " WHERE datname = current_database()",
    "roles": """
        SELECT r.rolname, r.rolcanlogin, coalesce(string_agg(g.rolname, ',' ORDER BY g.rolname), '')
        FROM pg_roles r LEFT JOIN pg_auth_members m ON m.member = r.oid
        LEFT JOIN pg_roles g ON g.oid = m.roleid
        WHERE r.rolname IN ('qa_owner_' || current_database(), 'qa_client_' || current_database())
        GROUP BY r.rolname, r.rolcanlogin""",
    "data": """
        SELECT 'meta', key, value FROM qa_central.meta
        UNION ALL SELECT 'counter', id::text, last::text FROM qa_central.counter
        UNION ALL SELECT 'version', version_num, '' FROM qa_central.alembic_version""",
}


def catalog_of(address: CentralAddress) -> dict[str, list[tuple[Any, ...]]]:
    with psycopg.connect(
        host=address.host, port=address.port, dbname=address.database, user=address.user
    ) as conn:
        return {
            part: sorted(
                tuple(v.replace(address.database, "DB") if isinstance(v, str) else v for v in row)
                for row in conn.execute(query)  # type: ignore[arg-type]
            )
            for part, query in CATALOG.items()
        }


def _migrate_step_by_step(address: CentralAddress) -> list[str]:
    """Run every central revision in order, one alembic run each (as successive releases would),
    never the fresh path; returns the revisions run."""
    url = URL.create(
        "postgresql+psycopg",
        username=address.user,
        host=address.host,
        port=address.port,
        database=address.database,
    )
    engine = create_engine(url, poolclass=None)
    revisions = [
        r.revision
        for r in reversed(list(ScriptDirectory.from_config(_alembic(None)).walk_revisions()))
    ]
    try:
        for revision in revisions:
            with engine.begin() as connection:
                command.upgrade(_alembic(connection), revision)
    finally:
        engine.dispose()
    return revisions


@pytest.fixture
def databases(postgres_url: str) -> Iterator[Callable[[], CentralAddress]]:
    """New, empty PostgreSQL databases (dropped afterwards, with the roles named after them)."""
    server_address = CentralAddress.parse(postgres_url)
    made: list[str] = []

    def server() -> psycopg.Connection:
        return psycopg.connect(
            host=server_address.host,
            port=server_address.port,
            dbname=server_address.database,
            user=server_address.user,
            autocommit=True,
        )

    def make() -> CentralAddress:
        name = f"qa_s_{uuid.uuid4().hex[:10]}"
        with server() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        made.append(name)
        return CentralAddress(server_address.host, server_address.port, name, "postgres")

    yield make
    with server() as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]
            for role in (f"qa_client_{name}", f"qa_owner_{name}"):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')  # type: ignore[arg-type]


def test_the_migration_path_ends_with_the_schema_of_a_new_central_database(
    databases: Callable[[], CentralAddress],
) -> None:
    migrated, fresh = databases(), databases()
    revisions = _migrate_step_by_step(migrated)
    init_central(fresh)
    got, want = catalog_of(migrated), catalog_of(fresh)
    assert {part: rows for part, rows in got.items() if rows != want[part]} == {}, {
        part: rows for part, rows in want.items() if rows != got[part]
    }
    # The comparison looks at the schema itself, not at two empty answers.
    assert ("version", revisions[-1], "") in want["data"]
    assert any(row[0] == "pull" for row in want["functions"])
    assert any(row[1] == "read_rows" for row in want["policies"])
    rows_table = next(row for row in want["relations"] if row[0] == "rows")
    assert rows_table[:6] == ("rows", "r", "qa_owner_DB", True, True, "p")


def test_a_new_central_database_is_made_from_the_sql_files_and_a_second_init_migrates_nothing(
    databases: Callable[[], CentralAddress],
) -> None:
    fresh = databases()
    init_central(fresh)
    once = catalog_of(fresh)
    init_central(fresh)  # now an existing database: migrated (nothing to do), not made again
    assert catalog_of(fresh) == once
    # What the database runs is the .sql files' text: the function bodies come from them.
    with psycopg.connect(
        host=fresh.host, port=fresh.port, dbname=fresh.database, user=fresh.user
    ) as conn:
        body = conn.execute(
            "SELECT prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = 'qa_central' AND p.proname = 'pull'"
        ).fetchone()
    assert body is not None and body[0].strip() in sql.part("functions")
    assert [sql.part(name)[:2] for name in sql.PARTS] == ["--"] * 4

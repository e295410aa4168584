"""A store migrated step by step from 0001, as an old store is over the releases, ends with
exactly the schema of one made fresh at head: tables, columns, indexes, triggers. And the
reporting tables of that schema are exactly what ``store/reporting/tables.py`` declares, so
the frozen SQL of the migrations and the live declaration cannot drift apart unnoticed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from qa_desktop.store.engine import Store, alembic_config, open_store, sqlite_engine
from qa_desktop.store.reporting import tables
from tests.services.reporting.kept_counts_check import assert_kept_counts_agree

Schema = dict[str, Any]


def _normal(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def schema_of(path: Path) -> Schema:
    """Every object of the store (sqlite_master, its SQL with whitespace normalised) and, per
    table, its columns (PRAGMA table_info), foreign keys and indexes (with their columns)."""
    engine = sqlite_engine(path)  # stores are encrypted: read it with its key
    pooled = engine.raw_connection()
    connection = pooled.driver_connection
    try:
        objects = {
            (kind, name): (table, _normal(sql))
            for kind, name, table, sql in connection.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
            )
        }
        details: dict[str, Any] = {}
        for kind, name in objects:
            if kind == "table":
                details[name] = {
                    "columns": connection.execute(f"PRAGMA table_info('{name}')").fetchall(),
                    "foreign keys": connection.execute(
                        f"PRAGMA foreign_key_list('{name}')"
                    ).fetchall(),
                    "indexes": sorted(
                        (index[1], index[2], index[3], index[4])
                        for index in connection.execute(f"PRAGMA index_list('{name}')")
                    ),
                }
            if kind == "index":
                details[name] = connection.execute(f"PRAGMA index_xinfo('{name}')").fetchall()
        return {"objects": objects, "details": details}
    finally:
        pooled.close()
        engine.dispose()


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _migrate_to(path: Path, revision: str, *, down: bool = False) -> None:
    """One run of alembic on the store, as one release of QA Desktop opening it would."""
    engine = sqlite_engine(path)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            if down:
                command.downgrade(config, revision)
            else:
                command.upgrade(config, revision)
    finally:
        engine.dispose()


def _fresh(path: Path) -> Schema:
    open_store(path, create=True).close()
    return schema_of(path)


def _differences(got: Schema, want: Schema) -> list[Any]:
    out: list[Any] = []
    for part in ("objects", "details"):
        for key in sorted(set(got[part]) | set(want[part]), key=repr):
            if got[part].get(key) != want[part].get(key):
                out.append((part, key, got[part].get(key), want[part].get(key)))
    return out


def test_the_revisions_run_in_a_chain_from_0001() -> None:
    revisions = _revisions()
    assert revisions[0] == "0001"
    assert len(revisions) == len(set(revisions)) >= 7


def test_a_store_migrated_step_by_step_has_the_schema_of_a_fresh_one(tmp_path: Path) -> None:
    fresh = _fresh(tmp_path / "fresh.qadb")
    old = tmp_path / "old.qadb"
    for revision in _revisions():
        _migrate_to(old, revision)
    assert _differences(schema_of(old), fresh) == []
    # It holds what the schema is about: the records' tables and the reporting tables.
    assert ("table", "audits") in fresh["objects"]
    assert ("trigger", "report_answer_counts_insert") in fresh["objects"]


def test_the_reporting_migrations_go_down_and_up_again_to_the_same_schema(
    tmp_path: Path,
) -> None:
    fresh = _fresh(tmp_path / "fresh.qadb")
    store = tmp_path / "store.qadb"
    open_store(store, create=True).close()
    _migrate_to(store, "0005", down=True)  # below 0009 and 0010: their tables are gone
    down = schema_of(store)
    assert ("table", "report_grade_counts") not in down["objects"]
    assert ("table", "report_answer_counts") in down["objects"]  # made by 0007
    _migrate_to(store, "head")
    assert _differences(schema_of(store), fresh) == []


def _declared() -> dict[str, str]:
    found: dict[str, str] = {}
    for family in tables.FAMILIES:
        for statement in (*family.create, *family.triggers):
            match = re.match(r"CREATE (?:TABLE|INDEX|TRIGGER) (\w+)", statement)
            assert match is not None, statement
            found[match.group(1)] = _normal(statement)
    return found


def test_the_reporting_tables_at_head_are_exactly_the_declared_ones(tmp_path: Path) -> None:
    fresh = _fresh(tmp_path / "fresh.qadb")
    derived = {
        name: sql
        for (kind, name), (table, sql) in fresh["objects"].items()
        if kind != "table" or name in tables.BY_NAME
        if table in tables.BY_NAME or (kind == "trigger" and name.startswith("report_"))
    }
    assert derived == _declared()
    assert len(tables.FAMILIES) == 14
    # Every family's drop names all its triggers, and each trigger is declared once.
    names = [name for family in tables.FAMILIES for name in family.trigger_names]
    assert len(names) == len(set(names)) == sum(len(f.triggers) for f in tables.FAMILIES)


def _reporting_objects(store: Store) -> list[tuple[str, str]]:
    with store.reader() as session:
        return sorted(
            (row[0], row[1])
            for row in session.execute(
                text(
                    "SELECT type, name FROM sqlite_master WHERE name LIKE 'report\\_%' ESCAPE '\\'"
                    " OR name LIKE 'ix\\_report\\_%' ESCAPE '\\'"
                )
            )
            if row[1] != "report_commentaries"
        )


def test_the_declaration_drops_makes_and_fills_the_tables_of_a_store(
    demo_store: Store, tmp_path: Path
) -> None:
    assert demo_store.path is not None
    before = schema_of(demo_store.path)
    with demo_store.engine.begin() as connection:
        tables.drop(connection)
    assert _reporting_objects(demo_store) == []
    with demo_store.engine.begin() as connection:
        tables.create(connection)
    assert _differences(schema_of(demo_store.path), before) == []
    assert_kept_counts_agree(demo_store, figures=False)


def test_a_rebuild_puts_right_counts_that_went_wrong(demo_store: Store) -> None:
    with demo_store.engine.begin() as connection:
        # Counts gone wrong behind the triggers' back (as a bug or a damaged copy could leave).
        connection.execute(text("UPDATE report_grade_team_counts SET n = n + 3"))
        connection.execute(text("DELETE FROM report_audits"))
        connection.execute(text("DELETE FROM report_answer_counts WHERE value = 'no'"))
        connection.execute(text("UPDATE report_better_counts SET n = 0"))
    with demo_store.reader() as session:
        assert session.scalar(text("SELECT count(*) FROM report_audits")) == 0
    with demo_store.engine.begin() as connection:
        tables.rebuild(connection)
    with demo_store.reader() as session:
        assert session.scalar(text("SELECT count(*) FROM report_audits")) > 0
    assert_kept_counts_agree(demo_store, figures=False)

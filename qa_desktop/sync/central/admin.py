"""Setting up a central database: create or migrate its schema (Alembic), add people's
logins, and load the records a QA team already holds.

These run with an administrator's login (one that may create roles), never a client's.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config
from psycopg import sql
from sqlalchemy import create_engine, delete, func, select
from sqlalchemy.engine import URL

from qa_desktop.store.engine import Store
from qa_desktop.store.models import OutboxChange
from qa_desktop.sync.central import fresh
from qa_desktop.sync.central.roles import ROLES, rulebook_name
from qa_desktop.sync.central.rulebook import write_rulebook
from qa_desktop.sync.connection import CentralAddress, CentralError, connect
from qa_desktop.sync.rows import SYNCED_TABLES, row_snapshot

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
# A client login that stops in the middle of a transaction (a laptop shut mid-push) holds the
# county-wide counter until the server ends its session: at most this long.
CLIENT_IDLE_IN_TRANSACTION = "30s"


def _alembic(connection: object) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def init_central(address: CentralAddress, password: str | None = None) -> None:
    """Create the central schema (a new database), or bring it up to date. Safe to run again."""
    url = URL.create(
        "postgresql+psycopg",
        username=address.user,
        password=password or None,
        host=address.host,
        port=address.port,
        database=address.database,
    )
    engine = create_engine(url, poolclass=None)
    try:
        with engine.begin() as connection:
            if fresh.is_new(connection):
                fresh.create(connection, _alembic(connection))
            else:
                command.upgrade(_alembic(connection), "head")
        with connect(address, password) as conn:
            write_rulebook(conn)
            logins = conn.execute("SELECT login FROM qa_central.logins").fetchall()
            for (login,) in logins:
                _bound_client_waits(conn, login)
    except psycopg.Error as exc:
        log.warning("central init failed: %s", type(exc).__name__)
        raise CentralError(
            "The central database at {host}:{port} could not be set up ({reason}). Use an "
            "administrator's login.",
            host=address.host,
            port=address.port,
            reason=type(exc).__name__,
        ) from None
    finally:
        engine.dispose()


def add_user(
    address: CentralAddress,
    password: str | None,
    *,
    login: str,
    login_password: str | None,
    person_id: str,
    roles: Sequence[str],
) -> None:
    """Create (or update) a person's login: no table rights, only QA Desktop's functions."""
    roles = list(dict.fromkeys(rulebook_name(r) for r in roles))
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        raise CentralError(
            "Unknown role {role}. Choose from: {roles}.",
            role=", ".join(unknown) or "(none)",
            roles=", ".join(ROLES),
        )
    with connect(address, password) as conn:
        database = conn.info.dbname
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
        verb = sql.SQL("ALTER") if exists else sql.SQL("CREATE")
        if login_password:
            conn.execute(
                sql.SQL("{} ROLE {} LOGIN PASSWORD {}").format(
                    verb, sql.Identifier(login), sql.Literal(login_password)
                )
            )
        else:
            conn.execute(sql.SQL("{} ROLE {} LOGIN").format(verb, sql.Identifier(login)))
        conn.execute(
            sql.SQL("GRANT {} TO {}").format(
                sql.Identifier(f"qa_client_{database}"), sql.Identifier(login)
            )
        )
        _bound_client_waits(conn, login)
        conn.execute(
            "INSERT INTO qa_central.logins VALUES (%s, %s, %s) ON CONFLICT (login) "
            "DO UPDATE SET person_id = excluded.person_id, roles = excluded.roles",
            (login, person_id, list(roles)),
        )


def _bound_client_waits(conn: psycopg.Connection, login: str) -> None:
    """The login's sessions end if idle inside a transaction (settings on a role are not
    inherited by its members, so each login gets its own)."""
    conn.execute(
        sql.SQL("ALTER ROLE {} SET idle_in_transaction_session_timeout = {}").format(
            sql.Identifier(login), sql.Literal(CLIENT_IDLE_IN_TRANSACTION)
        )
    )


def load_store(address: CentralAddress, password: str | None, store: Store) -> int:
    """Load every record of a store into an empty central database (the QA team's first
    step). Each row becomes an insert in the change log, so clients pull it like any other."""
    with store.reader() as session:
        last = session.scalar(select(func.max(OutboxChange.seq))) or 0
    with connect(address, password) as conn:
        count = load_rows(conn, _store_rows(store))
    # Every change waiting in this store is now part of the central records (they were read
    # after it): sending them again would only make conflicts with themselves.
    with store.session() as session:
        session.execute(delete(OutboxChange).where(OutboxChange.seq <= last))
    return count


def _store_rows(store: Store) -> Iterable[tuple[str, str, dict[str, object]]]:
    with store.reader() as session:
        for table in SYNCED_TABLES:
            for row in session.execute(table.select()).mappings():
                values = dict(row)
                key = "id" if "id" in values else "key"
                yield table.name, str(values[key]), row_snapshot(table.name, values)


def load_rows(conn: psycopg.Connection, rows: Iterable[tuple[str, str, dict[str, object]]]) -> int:
    """Bulk-load rows as central inserts in the order given (parents first)."""
    conn.execute(
        "CREATE TEMP TABLE incoming (n bigserial, table_name text, row_id text, fields jsonb) "
        "ON COMMIT DROP"
    )
    with conn.cursor().copy("COPY incoming (table_name, row_id, fields) FROM STDIN") as copy:
        for table, row_id, fields in rows:
            copy.write_row((table, row_id, json.dumps(fields, ensure_ascii=False)))
    conn.execute("SELECT 1 FROM qa_central.counter WHERE id = 1 FOR UPDATE")
    base = conn.execute("SELECT last FROM qa_central.counter WHERE id = 1").fetchone()
    assert base is not None
    count = conn.execute(
        "WITH scoped AS (SELECT n, table_name, row_id, fields, "
        "  qa_central.scope_of(table_name, row_id, fields) AS audit_id FROM incoming), "
        "r AS (INSERT INTO qa_central.rows (table_name, row_id, audit_id, fields, created_seq) "
        "  SELECT table_name, row_id, audit_id, fields, %(base)s + n FROM scoped), "
        "c AS (INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, "
        "  audit_id, value) SELECT %(base)s + n, 'load:' || table_name || ':' || row_id, "
        "  'insert', table_name, row_id, audit_id, fields FROM scoped) "
        "SELECT count(*) FROM scoped",
        {"base": base[0]},
    ).fetchone()
    assert count is not None
    # Rows whose scope is their parent's (a meeting's actions, a feedback's answers): the
    # parents are in now.
    for table in ("actions", "feedback_answers"):
        conn.execute(
            "UPDATE qa_central.rows r SET audit_id = qa_central.scope_of(r.table_name, r.row_id, "
            "r.fields) WHERE r.table_name = %s AND r.audit_id IS NULL",
            (table,),
        )
    conn.execute(
        "UPDATE qa_central.changes k SET audit_id = r.audit_id FROM qa_central.rows r "
        "WHERE k.kind = 'insert' AND k.audit_id IS NULL AND k.table_name = r.table_name "
        "AND k.row_id = r.row_id AND r.audit_id IS NOT NULL"
    )
    # Who never reads a row (family feedback and its answers, parents first), then who is
    # given each audit and observation: as pushes would have done, row by row.
    for table in ("family_feedback", "feedback_answers"):
        conn.execute(
            "UPDATE qa_central.rows r SET hidden_from = qa_central.hidden_of(r.table_name, "
            "r.fields, r.audit_id) WHERE r.table_name = %s",
            (table,),
        )
    conn.execute(
        "UPDATE qa_central.changes k SET hidden_from = r.hidden_from FROM qa_central.rows r "
        "WHERE k.kind = 'insert' AND k.table_name = r.table_name AND k.row_id = r.row_id "
        "AND r.hidden_from <> '{}'"
    )
    conn.execute(
        "SELECT qa_central.grant_access(table_name, audit_id, fields, 0) FROM qa_central.rows "
        "WHERE audit_id IS NOT NULL AND table_name IN "
        "('audits', 'participants', 'meetings', 'actions', 'observations')"
    )
    conn.execute("UPDATE qa_central.counter SET last = last + %s WHERE id = 1", (int(count[0]),))
    conn.commit()
    # Fresh statistics, so pulls walk the change log by its index from the first sync on.
    conn.execute("ANALYZE qa_central.rows, qa_central.changes, qa_central.audit_access")
    conn.commit()
    return int(count[0])

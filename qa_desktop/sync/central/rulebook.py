"""Writes the rulebook (``qa_desktop/domain/rights.py``) into the central database's tables
(``rights``, ``role_relations``, ``fixed_fields``, ``author_fields``), which its functions
read: run by every ``central init``, so the central checks and the local services answer from
the one declaration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa_desktop.domain import rights

if TYPE_CHECKING:
    import psycopg


def write_rulebook(conn: psycopg.Connection) -> int:
    """Replace the central copy of the rulebook (in the caller's transaction); returns how
    many rights rows it holds."""
    grants = sorted(set(rights.rows()))
    conn.execute("DELETE FROM qa_central.rights")
    conn.execute("DELETE FROM qa_central.role_relations")
    conn.execute("DELETE FROM qa_central.fixed_fields")
    conn.execute("DELETE FROM qa_central.author_fields")
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO qa_central.rights (table_name, op, field, state, relation, unless) "
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [(t, op, f, s, r, list(u)) for t, op, f, s, r, u in grants],
        )
        cur.executemany(
            "INSERT INTO qa_central.role_relations VALUES (%s, %s)",
            [(role, relation.value) for role, relation in rights.ROLE_RELATIONS],
        )
        cur.executemany(
            "INSERT INTO qa_central.fixed_fields VALUES (%s)",
            [(f,) for f in sorted(rights.FIXED_FIELDS)],
        )
        cur.executemany(
            "INSERT INTO qa_central.author_fields VALUES (%s, %s)",
            sorted(rights.AUTHOR_FIELDS.items()),
        )
    return len(grants)

"""The central database's schema, rights and functions, as SQL (PostgreSQL), in the ``.sql``
files beside this module (shipped as package data): ``roles.sql``, ``tables.sql``,
``functions.sql``, ``security.sql``, run in that order.

The central database does not trust clients. Everything lives in the schema ``qa_central``,
owned by a NOLOGIN role ``qa_owner_<database>``. Client logins belong to the group role
``qa_client_<database>``, which holds no table privileges at all: it may only EXECUTE the three
SECURITY DEFINER functions ``hello``, ``push`` and ``pull``. Those functions run as the owner
and check ``session_user`` (the person's own login) against ``logins`` (their person and
roles) and ``audit_access`` (the audits they take part in). Row-level security, forced on the
owner too, is the second layer: even inside the functions a login only sees rows of audits it
may read, and only writes rows of audits it takes part in.

Order comes from the server: ``counter`` is one row, locked FOR UPDATE at the start of every
push, so sequence numbers are handed out and committed in one order (a serial column would let a
later number commit before an earlier one, and a client could skip the earlier one).

Rows are kept generically (``rows``: table, row id, audit scope, fields as JSON) so that the
central store carries every local table without one migration per column; ``changes`` is the
append-only log every client pulls from (inserts, updates, deletes, conflicts, settlements).
"""

from __future__ import annotations

from importlib.resources import files

PROTOCOL_VERSION = 1
# The data format the client speaks (what a change looks like). A central database can demand a
# newer one (meta ``min_client_format``): older clients are refused and told to update.
CLIENT_FORMAT = 1

SCHEMA = "qa_central"

# The parts of the schema, in the order they run: roles (named after the database, so several
# central databases share one cluster), tables, functions, then row-level security and grants.
PARTS = ("roles", "tables", "functions", "security")


def part(name: str) -> str:
    """The SQL of one part (``roles``, ``tables``, ``functions`` or ``security``)."""
    if name not in PARTS:
        raise ValueError(f"no such part of the central schema: {name}")
    return files("qa_desktop.sync.central").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def schema_sql() -> str:
    """The whole central schema as it is now: what a new central database is made with. The
    migrations keep their own frozen copies; the schema tests keep the two the same."""
    return "".join("\n" + part(name) for name in PARTS)

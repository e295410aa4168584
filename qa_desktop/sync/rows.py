"""Which local tables travel, and how their values look on the wire.

Values travel as JSON in one canonical form, so that the server can compare the value a person
was looking at with the value it holds: dates as ``YYYY-MM-DD``, moments as naive UTC ISO text
(SQLite hands them back without a zone), booleans as JSON booleans.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, ColumnDefault, Date, DateTime, Integer, Table

from qa_desktop.store.models import Base

LOCAL_ONLY = frozenset({"history", "outbox"})
SYNCED_TABLES: list[Table] = [
    t
    for t in Base.metadata.sorted_tables
    if t.name not in LOCAL_ONLY and not t.name.startswith("sync_")
]
TABLES: dict[str, Table] = {t.name: t for t in SYNCED_TABLES}


def key_column(table: str) -> str:
    return "id" if "id" in TABLES[table].c else "key"


def canonical(table: str, field: str, value: Any) -> Any:
    """A value (Python or decoded JSON) in the one form the server compares."""
    if value is None:
        return None
    column = TABLES[table].c.get(field) if table in TABLES else None
    if column is None:
        return _plain(value)
    kind = column.type
    if isinstance(kind, DateTime):
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment.isoformat()
    if isinstance(kind, Date):
        return (value if isinstance(value, date) else date.fromisoformat(str(value))).isoformat()
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Integer):
        return int(value)
    return _plain(value)


def to_python(table: str, field: str, value: Any) -> Any:
    """A canonical JSON value back into what the local column holds."""
    if value is None:
        return None
    kind = TABLES[table].c[field].type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Boolean):
        return bool(value)
    return value


def converters(table: str) -> list[tuple[str, Callable[[Any], Any] | None]]:
    """Per column, what turns its canonical JSON value into the local value (None: as is)."""
    out: list[tuple[str, Callable[[Any], Any] | None]] = []
    for column in TABLES[table].c:
        kind = column.type
        if isinstance(kind, DateTime):
            out.append((column.name, datetime.fromisoformat))
        elif isinstance(kind, Date):
            out.append((column.name, date.fromisoformat))
        elif isinstance(kind, Boolean):
            out.append((column.name, bool))
        else:
            out.append((column.name, None))
    return out


def row_snapshot(table: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Every column of a row, canonical; missing ones take the column's default."""
    out: dict[str, Any] = {}
    for column in TABLES[table].c:
        if column.name in values:
            value = values[column.name]
        elif isinstance(column.default, ColumnDefault) and column.default.is_scalar:
            value = column.default.arg
        else:
            value = None
        out[column.name] = canonical(table, column.name, value)
    return out


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value

"""Triggers keeping one count table the sum of another over fewer columns (a roll-up): the
county-wide counts over teams and types, the month counts over days.

The source table's rows are only ever inserted, deleted, or have their count ``n`` changed
by other triggers; a change of count moves the roll-up by the difference in one statement.
A change of key (which nothing makes, but any could) moves the old count out and the new in.
"""

from __future__ import annotations

from collections.abc import Sequence


def month_of(column: str) -> str:
    """SQL for the first day of the month of a stored date (``YYYY-MM-DD``)."""
    return f"substr({column}, 1, 8) || '01'"


def rollup_triggers(
    name: str, source: str, target: str, columns: Sequence[tuple[str, str]]
) -> tuple[str, ...]:
    """The triggers keeping ``target`` the sum of ``source``'s ``n`` (named ``name_insert``,
    ``name_delete``, ``name_count``, ``name_key``). ``columns``: each target key column with the SQL computing it from a source row
    (``{row}`` stands for NEW or OLD), e.g. ``("month", month_of("{row}.day"))``."""
    keys = ", ".join(column for column, _ in columns)
    # Source columns the target's key is computed from.
    sources = sorted({part for _, expr in columns for part in _source_columns(expr)})
    same_key = " AND ".join(f"OLD.{c} IS NEW.{c}" for c in sources)

    def values(row: str) -> str:
        return ", ".join(expr.format(row=row) for _, expr in columns)

    def match(row: str) -> str:
        return " AND ".join(f"{column} = {expr.format(row=row)}" for column, expr in columns)

    def add(row: str) -> str:
        return f"""
  INSERT INTO {target} ({keys}, n) VALUES ({values(row)}, {row}.n)
  ON CONFLICT ({keys}) DO UPDATE SET n = n + excluded.n;"""

    def remove(row: str) -> str:
        return f"""
  UPDATE {target} SET n = n - {row}.n WHERE {match(row)};"""

    return (
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {source}\nBEGIN{add('NEW')}\nEND",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {source}\nBEGIN{remove('OLD')}\nEND",
        f"""CREATE TRIGGER {name}_count AFTER UPDATE OF n ON {source} WHEN {same_key}
BEGIN
  UPDATE {target} SET n = n + NEW.n - OLD.n WHERE {match("NEW")};
END""",
        f"""CREATE TRIGGER {name}_key AFTER UPDATE ON {source} WHEN NOT ({same_key})
BEGIN{remove("OLD")}{add("NEW")}
END""",
    )


def _source_columns(expr: str) -> list[str]:
    """The source columns an expression like ``substr({row}.day, 1, 8)`` reads."""
    found = []
    rest = expr
    while "{row}." in rest:
        rest = rest.split("{row}.", 1)[1]
        name = ""
        for char in rest:
            if not (char.isalnum() or char == "_"):
                break
            name += char
        found.append(name)
    return found

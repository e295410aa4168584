"""What a derived reporting table is: one family of statements (see ``tables.py``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Table

_NAMED = re.compile(r"^CREATE\s+(?:UNIQUE\s+)?(INDEX|TRIGGER)\s+(\w+)", re.IGNORECASE)


@dataclass(frozen=True)
class Family:
    """One table the store keeps for reports, and everything that keeps it.

    ``create`` makes the table and its indexes; ``triggers`` keep its rows in step with what
    it derives from (each trigger belongs to the table it writes); ``rebuild`` recomputes its
    rows from that source (run after the families it derives from). The table is never synced
    and never an ORM model; ``table`` describes its columns for the queries.
    """

    table: Table
    create: tuple[str, ...]
    triggers: tuple[str, ...]
    rebuild: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.table.name

    def _names(self, kind: str, statements: tuple[str, ...]) -> list[str]:
        found = [_NAMED.match(s.strip()) for s in statements]
        return [m.group(2) for m in found if m is not None and m.group(1).upper() == kind]

    @property
    def index_names(self) -> list[str]:
        return self._names("INDEX", self.create)

    @property
    def trigger_names(self) -> list[str]:
        return self._names("TRIGGER", self.triggers)

    @property
    def drop(self) -> tuple[str, ...]:
        """Statements removing the triggers and the table (its indexes go with it)."""
        return (
            *(f"DROP TRIGGER IF EXISTS {name}" for name in reversed(self.trigger_names)),
            f"DROP TABLE IF EXISTS {self.name}",
        )

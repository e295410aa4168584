"""Shared helpers for programme tests: case lists written from a store, and reading it back."""

from __future__ import annotations

from sqlalchemy import select

from qa_desktop.store import models as m
from qa_desktop.store.engine import Store

HEADER = "case_ref,initials,age,legal_status,team,practitioner"


def case_lines(store: Store, limit: int | None = None) -> list[str]:
    """The store's open cases as rows of the CSV export (sorted by reference)."""
    with store.reader() as session:
        stmt = (
            select(m.Case, m.Team.name, m.Person.name)
            .join(m.Team, m.Team.id == m.Case.team_id)
            .outerjoin(m.Person, m.Person.id == m.Case.practitioner_id)
            .where(m.Case.is_open.is_(True))
            .order_by(m.Case.reference)
        )
        rows = session.execute(stmt).all()
    lines = [
        ",".join(
            (
                c.reference,
                c.initials,
                "unborn" if c.unborn else str(c.age_years),
                c.legal_status,
                team,
                practitioner or "",
            )
        )
        for c, team, practitioner in rows
    ]
    return lines[:limit] if limit is not None else lines


def csv_bytes(lines: list[str], *, ending: str = "\n", bom: bool = False) -> bytes:
    text = ending.join([HEADER, *lines]) + ending
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def table_counts(store: Store) -> dict[str, int]:
    """Rows per table: proof that a refused import changed nothing."""
    from sqlalchemy import func

    with store.reader() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (m.Case, m.Audit, m.History, m.OutboxChange)
        }

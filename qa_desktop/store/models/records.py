"""The append-only history of every change and the outbox that carries changes to sync."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from qa_desktop.store.models.base import Base, new_id

ORIGIN = "origin"  # in a compact insert row: where the rows came from
FIRST_SYNC = "first sync"
# An outbox change's ``op`` for rows inserted together (a historic import's audit with its
# answers and grades): ``value`` holds {table: [row, ...]}, the head row (``table_name``,
# ``row_id``) first; sync sends each row as its own insert.
BUNDLE = "bundle"


class History(Base):
    """Append-only: every change, who made it and when, the old and the new value (JSON).

    An insert is one row with ``field`` ``*`` and the new row's values; an update is one row
    per changed field; a delete is one row with ``field`` ``deleted_at``.

    Kept compactly where many rows arrive at once: a historic import writes one insert row per
    audit carrying its answers and grades; the first sync writes one per audit (its values,
    ``ORIGIN``: ``FIRST_SYNC``) standing for the audit's rows, and one for the rest of the
    snapshot (table ``store``, row ``FIRST_SYNC``: how many rows of each table came).
    """

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_row", "table_name", "row_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)


class OutboxChange(Base):
    """A captured change waiting to be pushed to the central database.

    Written in the same transaction as the change itself. ``base_value`` is the value the
    person was looking at when they made the change (sync compares it to detect concurrent
    edits); ``change_id`` is the idempotency key a resent batch is recognised by.
    """

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(10))  # insert, update, delete, BUNDLE
    field: Mapped[str | None] = mapped_column(String(60), nullable=True)
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    base_value: Mapped[str | None] = mapped_column(Text, nullable=True)

"""Sync's own bookkeeping: local only, never pushed (the cursor, conflicts, refused changes)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from qa_desktop.store.models.base import Base

# Sync's own bookkeeping: local only, never pushed (the cursor, conflicts, refused changes).


class SyncState(Base):
    """Small facts about sync: the pull cursor, the last sync, the central address."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    """A field changed on two laptops while apart: the value that reached the central database
    first stays current, the other is kept here, with both authors and times, until a person
    settles it (an ordinary edit through the Recorder, then a settle mark that travels)."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (Index("ix_sync_conflicts_row", "table_name", "row_id"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the losing change's id
    seq: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(60))
    current_value: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    current_actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    current_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    other_value: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    other_actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    other_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    settled_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    settle_change_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    settle_pushed: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncRefused(Base):
    """A change the central database refused for this person's role: kept, never lost."""

    __tablename__ = "sync_refused"
    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(60), nullable=True)
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    base_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")

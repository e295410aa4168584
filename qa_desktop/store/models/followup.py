"""Moderation and re-audit bookkeeping."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from qa_desktop.store.models.base import Base, _fk, _id


class ModerationQueueEntry(Base):
    """Why an audit is waiting for moderation, and who put it there (None: the selection)."""

    __tablename__ = "moderation_queue"
    id: Mapped[str] = _id()
    audit_id: Mapped[str] = _fk("audits.id")
    reason: Mapped[str] = mapped_column(String(30))  # a domain SelectionReason value
    note: Mapped[str] = mapped_column(Text, default="")
    added_by_id: Mapped[str | None] = _fk("people.id", nullable=True, index=False)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ReauditOutcome(Base):
    """The grade movement from an Inadequate audit to its closed re-audit."""

    __tablename__ = "reaudit_outcomes"
    __table_args__ = (UniqueConstraint("reaudit_id"),)
    id: Mapped[str] = _id()
    reaudit_id: Mapped[str] = _fk("audits.id", index=False)
    original_id: Mapped[str] = _fk("audits.id")
    original_grade: Mapped[str | None] = mapped_column(String(30), nullable=True)
    reaudit_grade: Mapped[str | None] = mapped_column(String(30), nullable=True)
    recorded_on: Mapped[date] = mapped_column(Date)

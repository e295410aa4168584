"""What the reports read: the indexes behind the dashboard's aggregates, the QA team's commentary."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from qa_desktop.store.models.base import Base, _fk, _id
from qa_desktop.store.models.core import (
    Action,
    Answer,
    Audit,
    Meeting,
    Moderation,
    SectionReview,
)

# Reporting indexes: the dashboard's aggregates read indexes only.
Index("ix_answers_tally", Answer.audit_id, Answer.question_id, Answer.value)
Index(
    "ix_audits_report",
    Audit.completed_on,
    Audit.state,
    Audit.deleted_at,
    Audit.form_version_id,
    Audit.case_id,
    Audit.audit_type,
    Audit.overall_grade,
    Audit.auditor_id,
    Audit.practitioner_id,
    Audit.id,
)
Index(
    "ix_section_reviews_grade",
    SectionReview.audit_id,
    SectionReview.section_id,
    SectionReview.grade,
)
Index(
    "ix_moderations_grades",
    Moderation.audit_id,
    Moderation.section_id,
    Moderation.moderated_grade,
    Moderation.auditor_grade,
)
Index("ix_meetings_due", Meeting.due_on)
Index("ix_meetings_reaudit_due", Meeting.reaudit_due_on)
Index(
    "ix_actions_due",
    Action.due_on,
    Action.deleted_at,
    Action.status,
    Action.completed_on,
    Action.audit_id,
    Action.meeting_id,
)
Index(
    "ix_audits_slice",
    Audit.id,
    Audit.deleted_at,
    Audit.case_id,
    Audit.practitioner_id,
    Audit.form_version_id,
    Audit.audit_type,
)
Index("ix_meetings_audit", Meeting.id, Meeting.audit_id)
Index("ix_audits_due", Audit.due_on)
# The Audits list's order, ix_audits_listed, is an expression index SQLite alone has: made
# by migration 0013 only (store/queries/audits.py listed_on matches it); so are migration
# 0015's, by which the list is filtered by team and counted from indexes alone.
# The "even better if" comments of a period's audits, from the index alone.
Index(
    "ix_section_reviews_better",
    SectionReview.audit_id,
    SectionReview.even_better_if,
    sqlite_where=text("even_better_if != ''"),
    postgresql_where=text("even_better_if != ''"),
)
# Meetings due (or their re-audits due) in a period with what the timeliness figures need,
# from the index alone.
Index("ix_meetings_due_held", Meeting.due_on, Meeting.id, Meeting.held_on, Meeting.audit_id)
Index("ix_meetings_reaudit_due_audit", Meeting.reaudit_due_on, Meeting.id, Meeting.audit_id)


class ReportCommentary(Base):
    """What the QA team writes about one indicator of a quarterly report."""

    __tablename__ = "report_commentaries"
    __table_args__ = (UniqueConstraint("period", "indicator"),)
    id: Mapped[str] = _id()
    period: Mapped[str] = mapped_column(String(20))  # a financial quarter, e.g. "2026/27-Q2"
    indicator: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[str | None] = _fk("people.id", nullable=True, index=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

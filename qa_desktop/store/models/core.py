"""Who and what is audited: organisation, people, cases, forms, audits and their parts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from qa_desktop.store.models.base import Base, _fk, _id


class Area(Base):
    __tablename__ = "areas"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Service(Base):
    __tablename__ = "services"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(120), unique=True)
    area_id: Mapped[str] = _fk("areas.id")
    service_id: Mapped[str] = _fk("services.id")


class Person(Base):
    __tablename__ = "people"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(40))
    team_id: Mapped[str | None] = _fk("teams.id", nullable=True)
    # Heads of service and service managers lead a service in an area.
    service_id: Mapped[str | None] = _fk("services.id", nullable=True)
    area_id: Mapped[str | None] = _fk("areas.id", nullable=True)
    is_auditor: Mapped[bool] = mapped_column(Boolean, default=False)
    is_moderator: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[str] = _id()
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    initials: Mapped[str] = mapped_column(String(8))
    age_years: Mapped[int | None] = mapped_column(Integer, nullable=True)
    unborn: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_status: Mapped[str] = mapped_column(String(30))
    team_id: Mapped[str] = _fk("teams.id")
    practitioner_id: Mapped[str | None] = _fk("people.id", nullable=True)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)


class Form(Base):
    __tablename__ = "forms"
    id: Mapped[str] = _id()
    key: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))


class FormVersion(Base):
    """One published version of a form, with its whole source text (forms are data)."""

    __tablename__ = "form_versions"
    __table_args__ = (UniqueConstraint("form_id", "version"),)
    id: Mapped[str] = _id()
    form_id: Mapped[str] = _fk("forms.id")
    version: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    checksum: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Audit(Base):
    __tablename__ = "audits"
    __table_args__ = (
        Index("ix_audits_state_submitted", "state", "submitted_on"),
        Index("ix_audits_completed", "completed_on"),
    )
    id: Mapped[str] = _id()
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    case_id: Mapped[str] = _fk("cases.id")
    form_version_id: Mapped[str] = _fk("form_versions.id")
    audit_type: Mapped[str] = mapped_column(String(30))
    state: Mapped[str] = mapped_column(String(20))
    auditor_id: Mapped[str] = _fk("people.id")
    practitioner_id: Mapped[str | None] = _fk("people.id", nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    started_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    submitted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The date the audit's grade stands from (submitted, or closed for historic imports):
    # the date reports count it in.
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    overall_grade: Mapped[str | None] = mapped_column(String(30), nullable=True)
    overall_suggested: Mapped[str | None] = mapped_column(String(30), nullable=True)
    overall_rationale: Mapped[str] = mapped_column(Text, default="")
    voice_of_child: Mapped[str] = mapped_column(Text, default="")
    impact: Mapped[str] = mapped_column(Text, default="")
    outstanding_practice: Mapped[bool] = mapped_column(Boolean, default=False)
    escalation: Mapped[bool] = mapped_column(Boolean, default=False)
    escalation_note: Mapped[str] = mapped_column(Text, default="")
    auditor_signed_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    practitioner_signed_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    practitioner_disagrees: Mapped[bool] = mapped_column(Boolean, default=False)
    practitioner_disagreement: Mapped[str] = mapped_column(Text, default="")
    reaudit_of_id: Mapped[str | None] = _fk("audits.id", nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("audit_id", "question_id"),)
    id: Mapped[str] = _id()
    audit_id: Mapped[str] = _fk("audits.id", index=False)
    question_id: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    na_reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")


class SectionReview(Base):
    """The end of one practice area: reflections, the grade and its rationale."""

    __tablename__ = "section_reviews"
    __table_args__ = (UniqueConstraint("audit_id", "section_id"),)
    id: Mapped[str] = _id()
    audit_id: Mapped[str] = _fk("audits.id", index=False)
    section_id: Mapped[str] = mapped_column(String(32))
    grade: Mapped[str | None] = mapped_column(String(30), nullable=True)
    suggested_grade: Mapped[str | None] = mapped_column(String(30), nullable=True)
    rationale: Mapped[str] = mapped_column(Text, default="")
    working_well: Mapped[str] = mapped_column(Text, default="")
    worried: Mapped[str] = mapped_column(Text, default="")
    even_better_if: Mapped[str] = mapped_column(Text, default="")
    practitioner_reflection: Mapped[str] = mapped_column(Text, default="")
    reflection_author_id: Mapped[str | None] = _fk("people.id", nullable=True, index=False)
    unmanaged_risk: Mapped[bool] = mapped_column(Boolean, default=False)


class Participant(Base):
    __tablename__ = "participants"
    id: Mapped[str] = _id()
    audit_id: Mapped[str] = _fk("audits.id")
    person_id: Mapped[str] = _fk("people.id", index=False)
    role: Mapped[str] = mapped_column(String(40))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Action(Base):
    """A SMART action: what, who, by when; from an audit, a meeting or a programme."""

    __tablename__ = "actions"
    id: Mapped[str] = _id()
    audit_id: Mapped[str | None] = _fk("audits.id", nullable=True)
    meeting_id: Mapped[str | None] = _fk("meetings.id", nullable=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str] = _fk("people.id")
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Moderation(Base):
    """A moderator's decision on one area (or ``overall``): both grades are kept."""

    __tablename__ = "moderations"
    __table_args__ = (UniqueConstraint("audit_id", "section_id"),)
    id: Mapped[str] = _id()
    audit_id: Mapped[str] = _fk("audits.id", index=False)
    section_id: Mapped[str] = mapped_column(String(32))
    moderator_id: Mapped[str] = _fk("people.id")
    auditor_grade: Mapped[str | None] = mapped_column(String(30), nullable=True)
    moderated_grade: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Meeting(Base):
    """The reflective meeting that follows an Inadequate audit."""

    __tablename__ = "meetings"
    id: Mapped[str] = _id()
    audit_id: Mapped[str] = _fk("audits.id")
    head_of_service_id: Mapped[str] = _fk("people.id")
    due_on: Mapped[date] = mapped_column(Date)
    held_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    attendees: Mapped[str] = mapped_column(Text, default="")
    barriers: Mapped[str] = mapped_column(Text, default="")
    lived_experience: Mapped[str] = mapped_column(Text, default="")
    signed_off_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reaudit_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class AuditEvent(Base):
    """One lifecycle step of an audit (submitted, closed, reopened with its reason...)."""

    __tablename__ = "audit_events"
    id: Mapped[str] = _id()
    audit_id: Mapped[str] = _fk("audits.id")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[str | None] = _fk("people.id", nullable=True, index=False)
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """A setting the QA team publishes to everyone (moderation share, intervals...)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON

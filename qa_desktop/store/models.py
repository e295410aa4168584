"""The tables of a QA Desktop store (local SQLite, and the same shapes centrally).

Primary keys are UUIDs made on the client, so records made offline on two laptops never
collide. Rows that can be deleted carry ``deleted_at`` (a tombstone that sync carries) rather
than disappearing. ``history`` is append-only; ``outbox`` holds captured changes until sync
pushes them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
OVERALL = "overall"  # the section id under which overall grades are kept


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _id() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Mapped[str]:
    return mapped_column(String(36), ForeignKey(target), nullable=nullable, index=index)


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


class History(Base):
    """Append-only: every change, who made it and when, the old and the new value (JSON).

    An insert is one row with ``field`` ``*`` and the new row's values; an update is one row
    per changed field; a delete is one row with ``field`` ``deleted_at``.
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
    op: Mapped[str] = mapped_column(String(10))  # insert, update, delete
    field: Mapped[str | None] = mapped_column(String(60), nullable=True)
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    base_value: Mapped[str | None] = mapped_column(Text, nullable=True)


# --- issue 4 ---


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


# --- issue 7 ---
# Reporting indexes (migration 0007): the dashboard's aggregates read indexes only.
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
# The "even better if" comments of a period's audits, from the index alone (migration 0009).
Index(
    "ix_section_reviews_better",
    SectionReview.audit_id,
    SectionReview.even_better_if,
    sqlite_where=text("even_better_if != ''"),
    postgresql_where=text("even_better_if != ''"),
)
# Meetings due (or their re-audits due) in a period with what the timeliness figures need,
# from the index alone (migration 0010).
Index("ix_meetings_due_held", Meeting.due_on, Meeting.id, Meeting.held_on, Meeting.audit_id)
Index("ix_meetings_reaudit_due_audit", Meeting.reaudit_due_on, Meeting.id, Meeting.audit_id)
# --- issue 8 ---
# The audit programme: monthly plans, auditor capacity, family feedback, dip samples.


class AuditorCapacity(Base):
    """How many audits an auditor can take on in a month (absent: the programme default)."""

    __tablename__ = "auditor_capacities"
    id: Mapped[str] = _id()
    person_id: Mapped[str] = mapped_column(String(36), ForeignKey("people.id"), unique=True)
    per_month: Mapped[int] = mapped_column(Integer)


class MonthlyPlan(Base):
    """One month of the learning cycle: the target, and how the sample was drawn."""

    __tablename__ = "monthly_plans"
    id: Mapped[str] = _id()
    month: Mapped[str] = mapped_column(String(7), unique=True)  # YYYY-MM
    target: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    exclude_months: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[str | None] = _fk("people.id", nullable=True, index=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PlanItem(Base):
    """A planned audit that belongs to a monthly plan."""

    __tablename__ = "plan_items"
    __table_args__ = (UniqueConstraint("plan_id", "audit_id"),)
    id: Mapped[str] = _id()
    plan_id: Mapped[str] = _fk("monthly_plans.id")
    audit_id: Mapped[str] = _fk("audits.id")


class FamilyFeedback(Base):
    """A family's own view of the work, collected by someone other than the allocated worker."""

    __tablename__ = "family_feedback"
    id: Mapped[str] = _id()
    audit_id: Mapped[str] = _fk("audits.id")
    form_version_id: Mapped[str] = _fk("form_versions.id", index=False)
    respondent: Mapped[str] = mapped_column(String(20))  # adult, child
    recorded_by_id: Mapped[str] = _fk("people.id", index=False)
    consent_given: Mapped[bool] = mapped_column(Boolean)
    consent_note: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(20), default="phone")
    recorded_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class FeedbackAnswer(Base):
    __tablename__ = "feedback_answers"
    __table_args__ = (UniqueConstraint("feedback_id", "question_id"),)
    id: Mapped[str] = _id()
    feedback_id: Mapped[str] = _fk("family_feedback.id", index=False)
    question_id: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")


class DipSample(Base):
    """One or two questions checked across many cases; each case is an audit of type
    dip_sample whose answers sit in ``answers`` like any other audit's."""

    __tablename__ = "dip_samples"
    id: Mapped[str] = _id()
    title: Mapped[str] = mapped_column(String(200))
    form_version_id: Mapped[str] = _fk("form_versions.id", index=False)
    question_ids: Mapped[str] = mapped_column(String(200))  # comma-separated, in order
    auditor_id: Mapped[str] = _fk("people.id", index=False)
    created_on: Mapped[date] = mapped_column(Date)
    finished_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DipSampleCase(Base):
    __tablename__ = "dip_sample_cases"
    __table_args__ = (UniqueConstraint("dip_sample_id", "audit_id"),)
    id: Mapped[str] = _id()
    dip_sample_id: Mapped[str] = _fk("dip_samples.id")
    audit_id: Mapped[str] = _fk("audits.id", index=False)
    position: Mapped[int] = mapped_column(Integer)


class BttfVisit(Base):
    """A Back to the Floor visit: one team, once a year, by an inspection team."""

    __tablename__ = "bttf_visits"
    __table_args__ = (UniqueConstraint("team_id", "year"),)
    id: Mapped[str] = _id()
    team_id: Mapped[str] = _fk("teams.id")
    year: Mapped[int] = mapped_column(Integer)
    planned_on: Mapped[date] = mapped_column(Date)
    lead_id: Mapped[str] = _fk("people.id", index=False)
    judgement: Mapped[str | None] = mapped_column(String(30), nullable=True)
    judgement_rationale: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BttfMember(Base):
    __tablename__ = "bttf_members"
    __table_args__ = (UniqueConstraint("visit_id", "person_id"),)
    id: Mapped[str] = _id()
    visit_id: Mapped[str] = _fk("bttf_visits.id")
    person_id: Mapped[str] = _fk("people.id", index=False)


class BttfCase(Base):
    """A case in the visit's sample; its record is an audit on the Back to the Floor case form."""

    __tablename__ = "bttf_cases"
    __table_args__ = (UniqueConstraint("visit_id", "audit_id"),)
    id: Mapped[str] = _id()
    visit_id: Mapped[str] = _fk("bttf_visits.id")
    audit_id: Mapped[str] = _fk("audits.id", index=False)


class BttfNote(Base):
    """A team-level note (staff voice, observations, family feedback, summary), one per
    question of the team notes form."""

    __tablename__ = "bttf_notes"
    __table_args__ = (UniqueConstraint("visit_id", "question_id"),)
    id: Mapped[str] = _id()
    visit_id: Mapped[str] = _fk("bttf_visits.id", index=False)
    question_id: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")


class BttfFinding(Base):
    """The consolidated findings for one practice area."""

    __tablename__ = "bttf_findings"
    __table_args__ = (UniqueConstraint("visit_id", "area"),)
    id: Mapped[str] = _id()
    visit_id: Mapped[str] = _fk("bttf_visits.id", index=False)
    area: Mapped[str] = mapped_column(String(60))
    strengths: Mapped[str] = mapped_column(Text, default="")
    improvements: Mapped[str] = mapped_column(Text, default="")


class BttfAction(Base):
    """One line of the team's action plan after the visit."""

    __tablename__ = "bttf_actions"
    id: Mapped[str] = _id()
    visit_id: Mapped[str] = _fk("bttf_visits.id")
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str] = _fk("people.id", index=False)
    due_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Observation(Base):
    """A manager's observation of a practitioner's visit, meeting or direct work."""

    __tablename__ = "observations"
    id: Mapped[str] = _id()
    form_version_id: Mapped[str] = _fk("form_versions.id", index=False)
    observer_id: Mapped[str] = _fk("people.id")
    practitioner_id: Mapped[str] = _fk("people.id")
    case_id: Mapped[str | None] = _fk("cases.id", nullable=True, index=False)
    setting: Mapped[str] = mapped_column(String(30))  # home_visit, meeting, direct_work
    observed_on: Mapped[date] = mapped_column(Date)
    consent_given: Mapped[bool] = mapped_column(Boolean)
    grade: Mapped[str | None] = mapped_column(String(30), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ObservationAnswer(Base):
    __tablename__ = "observation_answers"
    __table_args__ = (UniqueConstraint("observation_id", "question_id"),)
    id: Mapped[str] = _id()
    observation_id: Mapped[str] = _fk("observations.id", index=False)
    question_id: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(Text, nullable=True)


class ThematicAudit(Base):
    """A thematic audit's terms of reference, its findings and who owns the action plan."""

    __tablename__ = "thematic_audits"
    id: Mapped[str] = _id()
    theme: Mapped[str] = mapped_column(String(200))
    questions_to_answer: Mapped[str] = mapped_column(Text, default="")
    scope: Mapped[str] = mapped_column(Text, default="")
    sample: Mapped[str] = mapped_column(Text, default="")  # the sample and how it is drawn
    lead_id: Mapped[str] = _fk("people.id", index=False)  # the lead head of service
    auditor_ids: Mapped[str] = mapped_column(Text, default="")  # comma-separated person ids
    starts_on: Mapped[date] = mapped_column(Date)
    reports_on: Mapped[date] = mapped_column(Date)
    governance: Mapped[str] = mapped_column(Text, default="")
    form_key: Mapped[str | None] = mapped_column(String(40), nullable=True)
    findings: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ThematicAction(Base):
    """A line of a thematic audit's action plan (owned by the lead head of service)."""

    __tablename__ = "thematic_actions"
    id: Mapped[str] = _id()
    thematic_id: Mapped[str] = _fk("thematic_audits.id")
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str] = _fk("people.id", index=False)
    due_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# --- issue 5 ---
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


class ReportCommentary(Base):
    """What the QA team writes about one indicator of a quarterly report (issue 7)."""

    __tablename__ = "report_commentaries"
    __table_args__ = (UniqueConstraint("period", "indicator"),)
    id: Mapped[str] = _id()
    period: Mapped[str] = mapped_column(String(20))  # a financial quarter, e.g. "2026/27-Q2"
    indicator: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[str | None] = _fk("people.id", nullable=True, index=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

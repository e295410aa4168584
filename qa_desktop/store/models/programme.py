"""The audit programme: monthly plans, capacity, family feedback, dip samples, Back to the Floor, observations, thematic audits, learning reviews, the performance extract's figures."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from qa_desktop.store.models.base import Base, _fk, _id

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


class ThematicTerms(Base):
    """What a thematic audit's terms of reference add to it: what triggered the theme, the
    scope its sample is drawn from (empty lists: no limit), and who agreed the terms and
    when (the lead head of service, before any audit starts)."""

    __tablename__ = "thematic_terms"
    id: Mapped[str] = _id()
    thematic_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("thematic_audits.id"), unique=True
    )
    trigger: Mapped[str] = mapped_column(String(30))  # a domain ThemeTrigger value
    trigger_detail: Mapped[str] = mapped_column(Text, default="")
    legal_statuses: Mapped[str] = mapped_column(Text, default="")  # comma-separated values
    service_ids: Mapped[str] = mapped_column(Text, default="")  # comma-separated ids
    team_ids: Mapped[str] = mapped_column(Text, default="")  # comma-separated ids
    age_bands: Mapped[str] = mapped_column(Text, default="")  # comma-separated AgeBand values
    agreed_by_id: Mapped[str | None] = _fk("people.id", nullable=True, index=False)
    agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ThematicActionProgress(Base):
    """Where a thematic action stands (absent: open)."""

    __tablename__ = "thematic_action_progress"
    id: Mapped[str] = _id()
    action_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("thematic_actions.id"), unique=True
    )
    status: Mapped[str] = mapped_column(String(20))  # a domain ActionStatus value
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class LearningReview(Base):
    """A learning review after a significant event in a child's case, led by a named person."""

    __tablename__ = "learning_reviews"
    id: Mapped[str] = _id()
    event: Mapped[str] = mapped_column(Text)  # what happened
    event_on: Mapped[date] = mapped_column(Date)
    case_id: Mapped[str] = _fk("cases.id")
    lead_id: Mapped[str] = _fk("people.id")
    learning: Mapped[str] = mapped_column(Text, default="")  # the learning, in brief
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class LearningReviewFinding(Base):
    """What the review found in one practice area."""

    __tablename__ = "learning_review_findings"
    __table_args__ = (UniqueConstraint("review_id", "area"),)
    id: Mapped[str] = _id()
    review_id: Mapped[str] = _fk("learning_reviews.id", index=False)
    area: Mapped[str] = mapped_column(String(60))
    findings: Mapped[str] = mapped_column(Text, default="")


class LearningReviewAction(Base):
    """An action agreed in a learning review: what, who, by when, and where it stands."""

    __tablename__ = "learning_review_actions"
    id: Mapped[str] = _id()
    review_id: Mapped[str] = _fk("learning_reviews.id")
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str] = _fk("people.id")
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")  # a domain ActionStatus
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PerformanceFigure(Base):
    """One figure of the monthly performance extract: a team's measure for a month, as the
    case-recording system reported it (a percentage). One row per team, month and measure; its
    id is made from them, so a re-import on any laptop replaces the same row."""

    __tablename__ = "performance_figures"
    __table_args__ = (UniqueConstraint("team_id", "month", "measure"),)
    id: Mapped[str] = _id()
    team_id: Mapped[str] = _fk("teams.id", index=False)  # the unique constraint indexes it
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    measure: Mapped[str] = mapped_column(String(40))  # a domain.performance_extract.Measure
    # None: a re-import left this measure blank (the extract has no figure now), so it
    # replaces the one imported before without a delete to travel.
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    imported_by_id: Mapped[str | None] = _fk("people.id", nullable=True, index=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

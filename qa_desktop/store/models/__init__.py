"""The tables of a QA Desktop store (local SQLite, and the same shapes centrally), one module
per feature; import them from here (``from qa_desktop.store import models as m``).

Primary keys are UUIDs made on the client, so records made offline on two laptops never
collide. Rows that can be deleted carry ``deleted_at`` (a tombstone that sync carries) rather
than disappearing. ``history`` is append-only; ``outbox`` holds captured changes until sync
pushes them.
"""

from qa_desktop.store.models.base import NAMING, OVERALL, Base, IdRun, new_id, new_ids
from qa_desktop.store.models.core import (
    Action,
    Answer,
    Area,
    Audit,
    AuditEvent,
    Case,
    Form,
    FormVersion,
    Meeting,
    Moderation,
    Participant,
    Person,
    SectionReview,
    Service,
    Setting,
    Team,
)
from qa_desktop.store.models.followup import (
    ModerationQueueEntry,
    ReauditOutcome,
)
from qa_desktop.store.models.programme import (
    AuditorCapacity,
    BttfAction,
    BttfCase,
    BttfFinding,
    BttfMember,
    BttfNote,
    BttfVisit,
    DipSample,
    DipSampleCase,
    FamilyFeedback,
    FeedbackAnswer,
    LearningReview,
    LearningReviewAction,
    LearningReviewFinding,
    MonthlyPlan,
    Observation,
    ObservationAnswer,
    PerformanceFigure,
    PlanItem,
    ThematicAction,
    ThematicActionProgress,
    ThematicAudit,
    ThematicTerms,
)
from qa_desktop.store.models.records import (
    FIRST_SYNC,
    ORIGIN,
    History,
    OutboxChange,
)
from qa_desktop.store.models.reporting import (
    ReportCommentary,
)
from qa_desktop.store.models.sync import (
    SyncConflict,
    SyncRefused,
    SyncState,
)

__all__ = [
    "FIRST_SYNC",
    "NAMING",
    "ORIGIN",
    "OVERALL",
    "Action",
    "Answer",
    "Area",
    "Audit",
    "AuditEvent",
    "AuditorCapacity",
    "Base",
    "BttfAction",
    "BttfCase",
    "BttfFinding",
    "BttfMember",
    "BttfNote",
    "BttfVisit",
    "Case",
    "DipSample",
    "DipSampleCase",
    "FamilyFeedback",
    "FeedbackAnswer",
    "Form",
    "FormVersion",
    "History",
    "IdRun",
    "LearningReview",
    "LearningReviewAction",
    "LearningReviewFinding",
    "Meeting",
    "Moderation",
    "ModerationQueueEntry",
    "MonthlyPlan",
    "Observation",
    "ObservationAnswer",
    "OutboxChange",
    "Participant",
    "PerformanceFigure",
    "Person",
    "PlanItem",
    "ReauditOutcome",
    "ReportCommentary",
    "SectionReview",
    "Service",
    "Setting",
    "SyncConflict",
    "SyncRefused",
    "SyncState",
    "Team",
    "ThematicAction",
    "ThematicActionProgress",
    "ThematicAudit",
    "ThematicTerms",
    "new_id",
    "new_ids",
]

"""The plain frozen data the audit workspace service hands to the screen (it crosses from the
background worker to the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from qa_desktop.domain.checklist import Missing
from qa_desktop.domain.forms import FormDefinition, LegalStatus
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState

Value = str | bool | None


class Target(StrEnum):
    """Which record a field belongs to."""

    ANSWER = "answer"  # key: the question id
    AREA = "area"  # key: the section id
    AUDIT = "audit"  # key: ""


ANSWER_FIELDS = frozenset({"value", "na_reason", "evidence"})
AREA_TEXT_FIELDS = frozenset(
    {"working_well", "worried", "even_better_if", "practitioner_reflection", "rationale"}
)
AREA_FIELDS = AREA_TEXT_FIELDS | {"grade", "unmanaged_risk"}
AUDIT_TEXT_FIELDS = frozenset({"voice_of_child", "impact", "overall_rationale", "escalation_note"})
AUDIT_FIELDS = AUDIT_TEXT_FIELDS | {"overall_grade", "outstanding_practice", "escalation"}
GRADE_FIELDS = frozenset({"grade", "overall_grade"})
BOOL_FIELDS = frozenset({"unmanaged_risk", "outstanding_practice", "escalation"})


@dataclass(frozen=True)
class FieldRef:
    """One editable field of an audit: what undo, autosave and field history talk about."""

    target: Target
    key: str
    field: str

    def __post_init__(self) -> None:
        allowed = {
            Target.ANSWER: ANSWER_FIELDS,
            Target.AREA: AREA_FIELDS,
            Target.AUDIT: AUDIT_FIELDS,
        }[self.target]
        if self.field not in allowed:
            raise ValueError(f"{self.target.value} has no editable field {self.field}")

    @classmethod
    def answer(cls, question_id: str, name: str = "value") -> FieldRef:
        return cls(Target.ANSWER, question_id, name)

    @classmethod
    def area(cls, section_id: str, name: str) -> FieldRef:
        return cls(Target.AREA, section_id, name)

    @classmethod
    def audit(cls, name: str) -> FieldRef:
        return cls(Target.AUDIT, "", name)


@dataclass(frozen=True)
class AnswerData:
    value: str | None = None
    na_reason: str = ""
    evidence: str = ""

    def get(self, name: str) -> Value:
        value: Value = getattr(self, name)  # name is one of the fields above
        return value


@dataclass(frozen=True)
class AreaData:
    grade: Grade | None = None
    suggested_grade: Grade | None = None
    rationale: str = ""
    working_well: str = ""
    worried: str = ""
    even_better_if: str = ""
    practitioner_reflection: str = ""
    reflection_author: str = ""
    unmanaged_risk: bool = False


@dataclass(frozen=True)
class Progress:
    """How far one area has come, and the grade its answers suggest."""

    answered: int
    total: int
    percentage: float | None
    suggested: Grade | None
    key_failed: bool


@dataclass(frozen=True)
class Suggestions:
    areas: dict[str, Progress]
    overall: Grade | None


@dataclass(frozen=True)
class PersonChoice:
    id: str
    name: str
    role: str


@dataclass(frozen=True)
class ActionData:
    id: str
    description: str
    owner_id: str
    owner: str
    due_on: date
    status: str


class Access(StrEnum):
    """What the person may do in this audit's workspace."""

    AUDITOR = "auditor"  # everything while it is being done
    PRACTITIONER = "practitioner"  # reflections and the practitioner's sign-off
    READ_ONLY = "read_only"


@dataclass(frozen=True)
class FieldConflict:
    """An open sync conflict on one field: the value shown (it reached the central database
    first) and the other value, kept until someone settles it under Sync > Conflicts."""

    current_value: object  # as stored: a string, a boolean, None
    current_actor_id: str | None
    current_author: str
    current_at: str | None
    other_value: object
    other_actor_id: str | None
    other_author: str
    other_at: str | None


@dataclass(frozen=True)
class Workspace:
    """One audit as the workspace shows and edits it."""

    id: str
    reference: str
    state: AuditState
    audit_type: str
    case_reference: str
    case_initials: str
    legal_status: LegalStatus | None
    team: str
    form: FormDefinition
    auditor: PersonChoice
    practitioner: PersonChoice | None
    participants: tuple[PersonChoice, ...]
    access: Access
    answers: dict[str, AnswerData]
    areas: dict[str, AreaData]
    voice_of_child: str
    impact: str
    overall_grade: Grade | None
    overall_rationale: str
    outstanding_practice: bool
    escalation: bool
    escalation_note: str
    actions: tuple[ActionData, ...]
    suggestions: Suggestions
    auditor_signed_at: datetime | None
    practitioner_signed_at: datetime | None
    practitioner_disagrees: bool
    practitioner_disagreement: str
    checklist: tuple[Missing, ...] = ()
    owners: tuple[PersonChoice, ...] = field(default_factory=tuple)
    conflicts: dict[FieldRef, FieldConflict] = field(default_factory=dict)
    # What this person may edit, from the rulebook (the fields of the AUDIT, AREA and ANSWER
    # targets by name, and whether they may add actions): the screens enable exactly these.
    editable_fields: frozenset[tuple[Target, str]] = frozenset()
    may_add_actions: bool = False
    # The rulebook's answer: the practitioner's own sign-off (the shared laptop's is the
    # auditor's to record, with the practitioner's confirmation where the store syncs).
    may_sign_off_as_practitioner: bool = False

    @property
    def editable(self) -> bool:
        return self.state.editable and self.access is not Access.READ_ONLY

    def may_edit(self, ref: FieldRef) -> bool:
        """Whether the rulebook lets this person write this field now."""
        return (ref.target, ref.field) in self.editable_fields

    def value(self, ref: FieldRef) -> Value:
        if ref.target is Target.ANSWER:
            return self.answers.get(ref.key, AnswerData()).get(ref.field)
        if ref.target is Target.AREA:
            area = self.areas.get(ref.key, AreaData())
            value: Value = getattr(area, ref.field)  # a field of AreaData
        else:
            value = getattr(self, ref.field)  # a field of the audit itself
        return value


@dataclass(frozen=True)
class Saved:
    """The outcome of one saved field: its value as stored and the suggestions now (None
    unless a grade or the unmanaged-risk tick changed: the screen works out the suggestions
    from the answers itself)."""

    ref: FieldRef
    value: Value
    state: AuditState
    suggestions: Suggestions | None
    reflection_author: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    old: object
    new: object
    origin: str | None = None  # FIRST_SYNC: the value came with the first sync


@dataclass(frozen=True)
class CaseChoice:
    id: str
    reference: str
    initials: str
    team: str
    legal_status: str
    practitioner_id: str | None
    practitioner: str


@dataclass(frozen=True)
class FormChoice:
    version_id: str
    title: str
    version: int
    kind: str


@dataclass(frozen=True)
class NewAudit:
    case_id: str
    form_version_id: str
    audit_type: str
    practitioner_id: str | None
    # (person id, role value) of everyone else taking part
    participants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class StartOptions:
    """What the "New audit" dialog offers."""

    forms: tuple[FormChoice, ...]
    people: tuple[PersonChoice, ...]
    assignments: tuple[AssignmentChoice, ...]


@dataclass(frozen=True)
class AssignmentChoice:
    audit_id: str
    reference: str
    case_reference: str
    case_initials: str
    team: str
    due_on: date | None

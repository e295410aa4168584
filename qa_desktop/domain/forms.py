"""The form model: what an audit form is, as plain immutable data.

Forms are data (``forms/*.yaml``, read by :mod:`qa_desktop.formdefs`); these classes are what
the rest of the program sees once a file has been read and checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from qa_desktop.domain.grades import Grade


class AnswerType(StrEnum):
    YES_NO = "yes_no"  # Yes / Partly / No (/ N/A where allowed): the default
    SCALE = "scale"  # a whole number from scale_min to scale_max
    DATE = "date"
    NUMBER = "number"
    TEXT = "text"
    CHOICE = "choice"  # one of the question's options


class FormKind(StrEnum):
    LEARNING_AUDIT = "learning_audit"
    DIP_SAMPLE = "dip_sample"
    THEMATIC = "thematic"
    OBSERVATION = "observation"
    FAMILY_FEEDBACK = "family_feedback"
    BTTF_CASE = "bttf_case"
    BTTF_TEAM = "bttf_team"


class PartlyCounts(StrEnum):
    """How a Partly answer counts in compliance and in grade suggestion."""

    HALF = "half"  # half a Yes (the default)
    YES = "yes"  # as a Yes
    NO = "no"  # as a No
    EXCLUDE = "exclude"  # left out, like N/A

    @property
    def weight(self) -> float | None:
        return {"half": 0.5, "yes": 1.0, "no": 0.0, "exclude": None}[self.value]


class StandardMeasure(StrEnum):
    """Which compliance figure of a question is held against the standard."""

    APPLICABLE = "applicable"  # Yes / (Yes + No): Partly as the form says, N/A left out
    ALL_CASES = "all_cases"  # met as a share of every audited case, N/A included (the council's)


class LegalStatus(StrEnum):
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION = "child_protection"
    CHILD_WE_CARE_FOR = "child_we_care_for"
    CARE_LEAVER = "care_leaver"
    # Early Help is support before (or instead of) a statutory status: the council reports it
    # beside the four, so a case can hold it as its status.
    EARLY_HELP = "early_help"

    @property
    def label(self) -> str:
        return {
            "early_help": "Early Help",
            "child_in_need": "Child in need",
            "child_protection": "Child protection",
            "child_we_care_for": "Child we care for",
            "care_leaver": "Care leaver",
        }[self.value]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


def without_emoji(label: str) -> str:
    """A label with any leading emoji (and the space after it) removed: the child-friendly
    questionnaire's "🙂 Yes" reads "Yes" where faces are drawn or named instead."""
    head, _, rest = label.partition(" ")
    return rest if rest and head and not any(ch.isalnum() for ch in head) else label


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str = ""
    answer_type: AnswerType = AnswerType.YES_NO
    # A key question answered No caps its area. ``key_for`` empty and ``key`` true: always
    # key; ``key_for`` non-empty: key only for children of those legal statuses.
    key: bool = False
    key_for: tuple[LegalStatus, ...] = ()
    na_allowed: bool = True
    options: tuple[Option, ...] = ()
    scale_min: int = 0
    scale_max: int = 10
    # Which figure is held against the standard (None: the form's ``standard_measure``).
    standard_measure: StandardMeasure | None = None
    # This Yes / No question is what the "voice of the child recorded" figure measures.
    voice_of_child: bool = False

    def is_key_for(self, status: LegalStatus | None) -> bool:
        if not self.key:
            return False
        return not self.key_for or status in self.key_for


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    questions: tuple[Question, ...] = ()
    # A graded section ends with the reflective fields and an area grade.
    graded: bool = True
    description: str = ""
    # What each grade looks like in this area (best first), shown beside the area grade and
    # in the guidance; empty where the form gives none.
    descriptors: tuple[tuple[Grade, str], ...] = ()

    def descriptor(self, grade: Grade | None) -> str:
        return next((text for g, text in self.descriptors if g is grade), "")


@dataclass(frozen=True)
class CapRule:
    """A question answered a certain way caps its section's suggestion at ``cap``."""

    question_id: str
    answer: str
    cap: Grade


@dataclass(frozen=True)
class GradeRules:
    """How the tool suggests a grade. Outstanding is never suggested."""

    good_at: float = 90.0  # percentage of applicable answers scored at or above: Good
    requires_improvement_at: float = 60.0  # at or above: Requires Improvement; below: Inadequate
    key_no_cap: Grade = Grade.REQUIRES_IMPROVEMENT
    caps: tuple[CapRule, ...] = ()


@dataclass(frozen=True)
class FormDefinition:
    key: str  # stable across versions, e.g. "learning-audit"
    version: int
    title: str
    kind: FormKind
    sections: tuple[Section, ...]
    description: str = ""
    partly_counts: PartlyCounts = PartlyCounts.HALF
    rules: GradeRules = field(default_factory=GradeRules)
    # Closing fields of the whole audit (voice of the child, impact, overall grade...)
    has_overall: bool = True
    # Which compliance figure its questions are held to, unless a question says otherwise.
    standard_measure: StandardMeasure = StandardMeasure.APPLICABLE

    def measure_of(self, question: Question) -> StandardMeasure:
        return question.standard_measure or self.standard_measure

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, question_id: str) -> Question:
        for q in self.questions():
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def section_of(self, question_id: str) -> Section:
        for s in self.sections:
            if any(q.id == question_id for q in s.questions):
                return s
        raise KeyError(question_id)

    def graded_sections(self) -> list[Section]:
        return [s for s in self.sections if s.graded]

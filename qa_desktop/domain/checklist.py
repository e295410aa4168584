"""The submit checklist: what is still missing before an auditor may sign an audit off.

Each gap names where it is (a question, an area's field, a closing field) so that the screen
can jump to it. The rules come from PRODUCT.md sections 3 and 4: every question answered, N/A
only where allowed and always with a reason, every area graded, a rationale wherever
:func:`~qa_desktop.domain.grades.rationale_required` asks for one, the closing fields filled
in, at least one SMART action, and a note with any safeguarding escalation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.forms import AnswerType, FormDefinition, LegalStatus
from qa_desktop.domain.grades import Grade, rationale_required
from qa_desktop.domain.suggestion import suggest_overall, suggest_section

# Where a gap is: the section id the closing fields live under.
CLOSING = "closing"


class Gap(StrEnum):
    UNANSWERED = "unanswered"
    NA_NOT_ALLOWED = "na_not_allowed"
    NA_REASON = "na_reason"
    AREA_GRADE = "area_grade"
    AREA_RATIONALE = "area_rationale"
    VOICE_OF_CHILD = "voice_of_child"
    IMPACT = "impact"
    OVERALL_GRADE = "overall_grade"
    OVERALL_RATIONALE = "overall_rationale"
    ACTIONS = "actions"
    ESCALATION_NOTE = "escalation_note"

    @property
    def template(self) -> str:
        """The English message; ``{where}`` is the question id or the area's title."""
        return _TEMPLATES[self]


_TEMPLATES = {
    Gap.UNANSWERED: "{where}: the question is not answered",
    Gap.NA_NOT_ALLOWED: "{where}: N/A is not allowed for this question",
    Gap.NA_REASON: "{where}: N/A needs a reason",
    Gap.AREA_GRADE: "{where}: the area has no grade",
    Gap.AREA_RATIONALE: "{where}: the grade needs a written rationale",
    Gap.VOICE_OF_CHILD: "The voice of the child and family is not recorded",
    Gap.IMPACT: "The impact on the child is not recorded",
    Gap.OVERALL_GRADE: "There is no overall grade",
    Gap.OVERALL_RATIONALE: "The overall grade needs a written rationale",
    Gap.ACTIONS: "No SMART action has been agreed",
    Gap.ESCALATION_NOTE: "The safeguarding escalation needs a note saying what was escalated",
}


@dataclass(frozen=True)
class AnswerState:
    value: str | None
    na_reason: str = ""


@dataclass(frozen=True)
class AreaState:
    grade: Grade | None = None
    rationale: str = ""
    unmanaged_risk: bool = False


@dataclass(frozen=True)
class ClosingState:
    voice_of_child: str = ""
    impact: str = ""
    overall_grade: Grade | None = None
    overall_rationale: str = ""
    action_count: int = 0
    escalation: bool = False
    escalation_note: str = ""


@dataclass(frozen=True)
class Missing:
    gap: Gap
    section_id: str  # a form section id, or CLOSING
    where: str  # the question id or the section title ("" for closing fields)
    question_id: str | None = None


def yes_no_answers(form: FormDefinition, answers: Mapping[str, AnswerState]) -> dict[str, Answer]:
    """The Yes/Partly/No/N/A answers given so far, as the suggestion rules read them."""
    found: dict[str, Answer] = {}
    for question in form.questions():
        state = answers.get(question.id)
        if question.answer_type is not AnswerType.YES_NO or state is None or not state.value:
            continue
        try:
            found[question.id] = Answer(state.value)
        except ValueError:
            continue
    return found


def overall_suggestion(
    form: FormDefinition,
    answers: Mapping[str, AnswerState],
    areas: Mapping[str, AreaState],
    legal_status: LegalStatus | None = None,
) -> Grade | None:
    """The overall grade the tool suggests: from the area grades set, else their suggestions."""
    given = yes_no_answers(form, answers)
    grades: list[Grade] = []
    key_failed = False
    for section in form.graded_sections():
        area = areas.get(section.id, AreaState())
        suggestion = suggest_section(
            form, section, given, legal_status=legal_status, unmanaged_risk=area.unmanaged_risk
        )
        key_failed = key_failed or suggestion.key_failed
        grade = area.grade or suggestion.grade
        if grade is not None:
            grades.append(grade)
    return suggest_overall(grades, key_failed=key_failed)


def submit_checklist(
    form: FormDefinition,
    answers: Mapping[str, AnswerState],
    areas: Mapping[str, AreaState],
    closing: ClosingState,
    legal_status: LegalStatus | None = None,
) -> list[Missing]:
    """Everything still missing, in the order the auditor meets it on screen."""
    missing: list[Missing] = []
    given = yes_no_answers(form, answers)
    for section in form.sections:
        for question in section.questions:
            state = answers.get(question.id)
            if state is None or not (state.value or "").strip():
                missing.append(Missing(Gap.UNANSWERED, section.id, question.id, question.id))
                continue
            if question.answer_type is AnswerType.YES_NO and state.value == Answer.NA.value:
                if not question.na_allowed:
                    missing.append(
                        Missing(Gap.NA_NOT_ALLOWED, section.id, question.id, question.id)
                    )
                elif not state.na_reason.strip():
                    missing.append(Missing(Gap.NA_REASON, section.id, question.id, question.id))
        if not section.graded:
            continue
        area = areas.get(section.id, AreaState())
        if area.grade is None:
            missing.append(Missing(Gap.AREA_GRADE, section.id, section.title))
            continue
        suggested = suggest_section(
            form, section, given, legal_status=legal_status, unmanaged_risk=area.unmanaged_risk
        ).grade
        if rationale_required(area.grade, suggested) and not area.rationale.strip():
            missing.append(Missing(Gap.AREA_RATIONALE, section.id, section.title))
    if not form.has_overall:
        return missing
    if not closing.voice_of_child.strip():
        missing.append(Missing(Gap.VOICE_OF_CHILD, CLOSING, ""))
    if not closing.impact.strip():
        missing.append(Missing(Gap.IMPACT, CLOSING, ""))
    if closing.overall_grade is None:
        missing.append(Missing(Gap.OVERALL_GRADE, CLOSING, ""))
    else:
        suggested = overall_suggestion(form, answers, areas, legal_status)
        if (
            rationale_required(closing.overall_grade, suggested)
            and not closing.overall_rationale.strip()
        ):
            missing.append(Missing(Gap.OVERALL_RATIONALE, CLOSING, ""))
    if closing.action_count == 0:
        missing.append(Missing(Gap.ACTIONS, CLOSING, ""))
    if closing.escalation and not closing.escalation_note.strip():
        missing.append(Missing(Gap.ESCALATION_NOTE, CLOSING, ""))
    return missing

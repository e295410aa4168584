"""The submit checklist: every gap the auditor must close before signing off, in screen order."""

from __future__ import annotations

from qa_desktop.domain.checklist import (
    CLOSING,
    AnswerState,
    AreaState,
    ClosingState,
    Gap,
    overall_suggestion,
    submit_checklist,
)
from qa_desktop.domain.forms import (
    FormDefinition,
    FormKind,
    Question,
    Section,
)
from qa_desktop.domain.grades import Grade

FORM = FormDefinition(
    key="t",
    version=1,
    title="Test",
    kind=FormKind.LEARNING_AUDIT,
    sections=(
        Section("A", "Assessment", (Question("A1", "Seen?", key=True), Question("A2", "Alone?"))),
        Section("B", "Planning", (Question("B1", "Plan?", na_allowed=False),)),
    ),
)
DONE = ClosingState(
    voice_of_child="Heard",
    impact="Safer",
    overall_grade=Grade.GOOD,
    overall_rationale="Because",
    action_count=1,
)
ALL_YES = {q.id: AnswerState("yes") for q in FORM.questions()}
GRADED = {
    "A": AreaState(Grade.GOOD, "Evidence"),
    "B": AreaState(Grade.GOOD, "Evidence"),
}


def test_a_finished_audit_has_nothing_missing() -> None:
    assert submit_checklist(FORM, ALL_YES, GRADED, DONE) == []


def test_an_empty_audit_lists_every_gap_in_screen_order() -> None:
    missing = submit_checklist(FORM, {}, {}, ClosingState())
    assert [(x.gap, x.section_id, x.where) for x in missing] == [
        (Gap.UNANSWERED, "A", "A1"),
        (Gap.UNANSWERED, "A", "A2"),
        (Gap.AREA_GRADE, "A", "Assessment"),
        (Gap.UNANSWERED, "B", "B1"),
        (Gap.AREA_GRADE, "B", "Planning"),
        (Gap.VOICE_OF_CHILD, CLOSING, ""),
        (Gap.IMPACT, CLOSING, ""),
        (Gap.OVERALL_GRADE, CLOSING, ""),
        (Gap.ACTIONS, CLOSING, ""),
    ]
    assert missing[0].question_id == "A1"
    assert Gap.UNANSWERED.template.format(where="A1") == "A1: the question is not answered"


def test_na_needs_a_reason_and_is_refused_where_not_allowed() -> None:
    answers = dict(ALL_YES, A2=AnswerState("na"), B1=AnswerState("na", "reason"))
    gaps = [(x.gap, x.question_id) for x in submit_checklist(FORM, answers, GRADED, DONE)]
    assert gaps == [(Gap.NA_REASON, "A2"), (Gap.NA_NOT_ALLOWED, "B1")]
    answers["A2"] = AnswerState("na", "Too young")
    gaps = [(x.gap, x.question_id) for x in submit_checklist(FORM, answers, GRADED, DONE)]
    assert gaps == [(Gap.NA_NOT_ALLOWED, "B1")]


def test_grades_need_a_rationale_when_good_or_different_from_the_suggestion() -> None:
    areas = {"A": AreaState(Grade.GOOD, ""), "B": AreaState(Grade.REQUIRES_IMPROVEMENT, "")}
    gaps = [(x.gap, x.section_id) for x in submit_checklist(FORM, ALL_YES, areas, DONE)]
    # A: Good always needs evidence. B: RI differs from the suggested Good.
    assert gaps == [(Gap.AREA_RATIONALE, "A"), (Gap.AREA_RATIONALE, "B")]
    answers = dict(ALL_YES, A2=AnswerState("partly"))
    areas = {"A": AreaState(Grade.REQUIRES_IMPROVEMENT, ""), "B": GRADED["B"]}
    # 75% suggests RI: an RI grade agrees with the suggestion and needs no rationale.
    assert submit_checklist(FORM, answers, areas, DONE) == []


def test_overall_rationale_escalation_note_and_actions() -> None:
    closing = ClosingState(
        voice_of_child="Heard",
        impact="Safer",
        overall_grade=Grade.INADEQUATE,
        action_count=0,
        escalation=True,
    )
    gaps = [x.gap for x in submit_checklist(FORM, ALL_YES, GRADED, closing)]
    assert gaps == [Gap.OVERALL_RATIONALE, Gap.ACTIONS, Gap.ESCALATION_NOTE]


def test_overall_suggestion_uses_area_grades_then_suggestions() -> None:
    assert overall_suggestion(FORM, ALL_YES, {}) is Grade.GOOD
    areas = {"A": AreaState(Grade.INADEQUATE, "x")}
    assert overall_suggestion(FORM, ALL_YES, areas) is Grade.INADEQUATE
    assert overall_suggestion(FORM, {}, {}) is None

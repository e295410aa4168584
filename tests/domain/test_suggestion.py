"""The suggested grade (FORMS-CONTENT.md section 5.1), on small forms built here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.forms import (
    CapRule,
    FormDefinition,
    FormKind,
    GradeRules,
    LegalStatus,
    PartlyCounts,
    Question,
    Section,
)
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.suggestion import suggest_overall, suggest_section

O, G, RI, I = Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
Y, P, N, NA = Answer.YES, Answer.PARTLY, Answer.NO, Answer.NA


def make_form(
    count: int,
    *,
    key: Mapping[str, Sequence[LegalStatus]] | None = None,
    partly: PartlyCounts = PartlyCounts.HALF,
    rules: GradeRules | None = None,
) -> FormDefinition:
    """One section "S" of questions Q1..Q<count>, plus a section "T" with T1..T3.

    ``key`` maps question ids to the legal statuses they are key for (empty: always key).
    """
    key = key or {}
    questions = tuple(
        Question(
            id=f"Q{n}",
            text=f"Question {n}",
            key=f"Q{n}" in key,
            key_for=tuple(key.get(f"Q{n}", ())),
        )
        for n in range(1, count + 1)
    )
    other = tuple(Question(id=f"T{n}", text=f"Other {n}") for n in range(1, 4))
    return FormDefinition(
        key="test-form",
        version=1,
        title="Test form",
        kind=FormKind.LEARNING_AUDIT,
        sections=(Section("S", "Section", questions), Section("T", "Other", other)),
        partly_counts=partly,
        rules=rules or GradeRules(),
    )


def answers_in_order(*groups: tuple[Answer, int]) -> dict[str, Answer]:
    """Answers to Q1, Q2, ... in order, e.g. (Y, 9), (N, 1): Q1-Q9 Yes, Q10 No."""
    result: dict[str, Answer] = {}
    for answer, count in groups:
        for _ in range(count):
            result[f"Q{len(result) + 1}"] = answer
    return result


def suggest(form: FormDefinition, answers: Mapping[str, Answer], **kwargs: object):
    return suggest_section(form, form.sections[0], answers, **kwargs)  # type: ignore[arg-type]


# --- thresholds -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "no", "percentage", "grade"),
    [
        (100, 0, 100.0, G),  # never Outstanding, even at 100%
        (90, 10, 90.0, G),  # exactly 90: Good
        (89, 11, 89.0, RI),  # just below 90
        (60, 40, 60.0, RI),  # exactly 60: Requires Improvement
        (59, 41, 59.0, I),  # just below 60
        (0, 100, 0.0, I),
    ],
)
def test_thresholds_at_and_just_below_90_and_60(
    yes: int, no: int, percentage: float, grade: Grade
) -> None:
    form = make_form(100)
    result = suggest(form, answers_in_order((Y, yes), (N, no)))
    assert result.percentage == pytest.approx(percentage)
    assert result.grade is grade
    assert result.key_failed is False


@pytest.mark.parametrize(
    ("answers", "grade"),
    [
        # 17 + 2 x 0.5 = 18 of 20 = 90%: exactly at the line, reached through Partly halves
        (((Y, 17), (P, 2), (N, 1)), G),
        # 17 + 0.5 = 17.5 of 20 = 87.5%
        (((Y, 17), (P, 1), (N, 2)), RI),
        # 11 + 2 x 0.5 = 12 of 20 = 60%
        (((Y, 11), (P, 2), (N, 7)), RI),
        # 11 + 0.5 = 11.5 of 20 = 57.5%
        (((Y, 11), (P, 1), (N, 8)), I),
    ],
)
def test_partly_halves_at_the_boundaries(
    answers: tuple[tuple[Answer, int], ...], grade: Grade
) -> None:
    assert suggest(make_form(20), answers_in_order(*answers)).grade is grade


def test_thresholds_come_from_the_form() -> None:
    form = make_form(10, rules=GradeRules(good_at=80.0, requires_improvement_at=50.0))
    assert suggest(form, answers_in_order((Y, 8), (N, 2))).grade is G
    assert suggest(form, answers_in_order((Y, 7), (N, 3))).grade is RI
    assert suggest(form, answers_in_order((Y, 5), (N, 5))).grade is RI
    assert suggest(form, answers_in_order((Y, 4), (N, 6))).grade is I


# --- what is left out -----------------------------------------------------------------------


def test_na_and_unanswered_are_left_out() -> None:
    form = make_form(20)
    # Q1-Q9 Yes, Q10 No, Q11-Q15 N/A, Q16-Q20 unanswered: 9 of 10 applicable = 90%
    result = suggest(form, answers_in_order((Y, 9), (N, 1), (NA, 5)))
    assert result.percentage == pytest.approx(90.0)
    assert result.grade is G
    assert result.answered == 15  # N/A counts as answered, not as scored
    assert result.total == 20


def test_answers_to_other_sections_do_not_count() -> None:
    form = make_form(10)
    answers = answers_in_order((Y, 10))
    answers |= {"T1": N, "T2": N, "T3": N}
    result = suggest(form, answers)
    assert result.percentage == pytest.approx(100.0)
    assert result.answered == 10
    assert result.grade is G


@pytest.mark.parametrize(
    "answers",
    [
        {},
        answers_in_order((NA, 10)),
        answers_in_order((NA, 3)),
    ],
)
def test_no_applicable_answers_suggests_nothing(answers: dict[str, Answer]) -> None:
    result = suggest(make_form(10), answers)
    assert result.grade is None
    assert result.percentage is None
    assert result.answered == len(answers)


# --- Partly ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("partly", "percentage", "grade"),
    [
        (PartlyCounts.HALF, 90.0, G),  # (8 + 2 x 0.5) / 10
        (PartlyCounts.YES, 100.0, G),  # (8 + 2) / 10
        (PartlyCounts.NO, 80.0, RI),  # 8 / 10
        (PartlyCounts.EXCLUDE, 100.0, G),  # 8 / 8
    ],
)
def test_partly_counts_as_the_form_says(
    partly: PartlyCounts, percentage: float, grade: Grade
) -> None:
    form = make_form(10, partly=partly)
    result = suggest(form, answers_in_order((Y, 8), (P, 2)))
    assert result.percentage == pytest.approx(percentage)
    assert result.grade is grade


@pytest.mark.parametrize(
    ("partly", "percentage", "grade"),
    [
        (PartlyCounts.HALF, 50.0, I),
        (PartlyCounts.YES, 100.0, G),
        (PartlyCounts.NO, 0.0, I),
        (PartlyCounts.EXCLUDE, None, None),
    ],
)
def test_all_partly(partly: PartlyCounts, percentage: float | None, grade: Grade | None) -> None:
    result = suggest(make_form(4, partly=partly), answers_in_order((P, 4)))
    if percentage is None:
        assert result.percentage is None
    else:
        assert result.percentage == pytest.approx(percentage)
    assert result.grade is grade


# --- key questions --------------------------------------------------------------------------


def test_key_question_answered_no_caps_at_requires_improvement() -> None:
    form = make_form(20, key={"Q20": ()})
    # 19 of 20 = 95% would be Good; the key No caps it
    result = suggest(form, answers_in_order((Y, 19), (N, 1)))
    assert result.percentage == pytest.approx(95.0)
    assert result.key_failed is True
    assert result.grade is RI


def test_key_question_answered_no_caps_even_when_it_is_the_only_no_among_many() -> None:
    form = make_form(100, key={"Q1": ()})
    answers = answers_in_order((Y, 100)) | {"Q1": N}
    result = suggest(form, answers)
    assert result.percentage == pytest.approx(99.0)
    assert result.grade is RI


def test_key_cap_never_lifts_an_inadequate_area() -> None:
    form = make_form(10, key={"Q10": ()})
    result = suggest(form, answers_in_order((Y, 5), (N, 5)))
    assert result.key_failed is True
    assert result.grade is I


@pytest.mark.parametrize("answer", [Y, P, NA])
def test_key_question_not_answered_no_does_not_cap(answer: Answer) -> None:
    form = make_form(10, key={"Q10": ()})
    result = suggest(form, answers_in_order((Y, 9), (answer, 1)))
    assert result.key_failed is False
    assert result.grade is G


def test_key_question_unanswered_does_not_cap() -> None:
    form = make_form(10, key={"Q10": ()})
    result = suggest(form, answers_in_order((Y, 9)))
    assert result.key_failed is False
    assert result.grade is G


def test_non_key_question_answered_no_does_not_cap() -> None:
    form = make_form(20, key={"Q1": ()})
    result = suggest(form, answers_in_order((Y, 19), (N, 1)))  # Q20 No, not key
    assert result.key_failed is False
    assert result.grade is G


@pytest.mark.parametrize(
    ("status", "capped"),
    [
        (LegalStatus.CHILD_PROTECTION, True),
        (LegalStatus.CHILD_WE_CARE_FOR, True),
        (LegalStatus.CHILD_IN_NEED, False),
        (LegalStatus.CARE_LEAVER, False),
        (None, False),
    ],
)
def test_key_for_applies_only_to_the_listed_legal_statuses(
    status: LegalStatus | None, capped: bool
) -> None:
    # Like D1: "Did reviews take place within timescale?" is key for CP and CLA only.
    form = make_form(20, key={"Q20": (LegalStatus.CHILD_PROTECTION, LegalStatus.CHILD_WE_CARE_FOR)})
    result = suggest(form, answers_in_order((Y, 19), (N, 1)), legal_status=status)
    assert result.key_failed is capped
    assert result.grade is (RI if capped else G)


@pytest.mark.parametrize("status", [*LegalStatus, None])
def test_always_key_question_caps_whatever_the_legal_status(status: LegalStatus | None) -> None:
    form = make_form(20, key={"Q20": ()})
    result = suggest(form, answers_in_order((Y, 19), (N, 1)), legal_status=status)
    assert result.key_failed is True
    assert result.grade is RI


def test_key_no_cap_comes_from_the_form() -> None:
    form = make_form(20, key={"Q20": ()}, rules=GradeRules(key_no_cap=I))
    assert suggest(form, answers_in_order((Y, 19), (N, 1))).grade is I


# --- cap rules ------------------------------------------------------------------------------


def test_cap_rule_caps_when_its_question_is_answered_its_way() -> None:
    form = make_form(20, rules=GradeRules(caps=(CapRule("Q20", "partly", RI),)))
    # 19 + 0.5 of 20 = 97.5%: Good, but the rule caps it
    result = suggest(form, answers_in_order((Y, 19), (P, 1)))
    assert result.grade is RI
    assert result.key_failed is False  # a cap rule is not a failed key question


def test_cap_rule_does_nothing_for_another_answer() -> None:
    form = make_form(20, rules=GradeRules(caps=(CapRule("Q20", "partly", RI),)))
    assert suggest(form, answers_in_order((Y, 20))).grade is G


def test_cap_rule_on_a_question_of_another_section_does_not_cap_this_one() -> None:
    form = make_form(10, rules=GradeRules(caps=(CapRule("T1", "no", I),)))
    answers = answers_in_order((Y, 10)) | {"T1": N}
    assert suggest(form, answers).grade is G
    assert suggest_section(form, form.sections[1], answers).grade is I


@pytest.mark.parametrize(
    "caps",
    [
        (CapRule("Q1", "no", RI), CapRule("Q2", "no", I)),
        (CapRule("Q2", "no", I), CapRule("Q1", "no", RI)),
    ],
)
def test_the_lowest_cap_wins_whatever_the_order(caps: tuple[CapRule, ...]) -> None:
    form = make_form(100, rules=GradeRules(caps=caps))
    answers = answers_in_order((Y, 100)) | {"Q1": N, "Q2": N}  # 98%
    assert suggest(form, answers).grade is I


def test_cap_rule_and_key_question_together_take_the_lower() -> None:
    form = make_form(100, key={"Q1": ()}, rules=GradeRules(caps=(CapRule("Q2", "partly", I),)))
    answers = answers_in_order((Y, 100)) | {"Q1": N, "Q2": P}
    result = suggest(form, answers)
    assert result.key_failed is True
    assert result.grade is I


# --- unmanaged risk -------------------------------------------------------------------------


def test_unmanaged_risk_makes_the_area_inadequate_even_at_100_percent() -> None:
    form = make_form(10)
    result = suggest(form, answers_in_order((Y, 10)), unmanaged_risk=True)
    assert result.percentage == pytest.approx(100.0)
    assert result.grade is I


def test_unmanaged_risk_with_a_failed_key_question_is_inadequate_not_capped_at_ri() -> None:
    form = make_form(20, key={"Q20": ()})
    result = suggest(form, answers_in_order((Y, 19), (N, 1)), unmanaged_risk=True)
    assert result.key_failed is True
    assert result.grade is I


# --- never Outstanding ----------------------------------------------------------------------


@pytest.mark.parametrize("partly", list(PartlyCounts))
@pytest.mark.parametrize("good_at", [0.0, 50.0, 90.0, 100.0])
def test_outstanding_is_never_suggested(partly: PartlyCounts, good_at: float) -> None:
    form = make_form(
        5, partly=partly, rules=GradeRules(good_at=good_at, requires_improvement_at=0.0)
    )
    # Every answer Yes: the best the tool will say is Good.
    assert suggest(form, answers_in_order((Y, 5))).grade is G
    for answers in (answers_in_order((Y, 3), (P, 2)), answers_in_order((P, 5))):
        assert suggest(form, answers).grade is not O


# --- overall --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("areas", "expected"),
    [
        ([], None),
        ([G], G),
        ([RI], RI),
        ([I], I),
        ([G, G, G, G, I], I),  # any Inadequate area
        ([O, O, O, O, I], I),
        ([G, G, RI], G),  # most common
        ([RI, RI, G, G, G], G),
        ([RI, RI, G], RI),
        ([G, RI], RI),  # a tie goes to the lower grade
        ([RI, G], RI),
        ([O, G], G),
        ([O, RI], RI),
        ([O, G, RI], RI),
        ([O, O, RI, RI, G], RI),
        ([O, O, G], G),  # most common is Outstanding: never suggested, so Good
        ([O], G),
        ([O, O, O, O, O], G),
    ],
)
def test_overall(areas: list[Grade], expected: Grade | None) -> None:
    assert suggest_overall(areas) is expected


@pytest.mark.parametrize(
    ("areas", "expected"),
    [
        ([G, G, G], RI),
        ([O, O, O], RI),
        ([RI, G, G], RI),
        ([RI], RI),
        ([G, I], I),
        ([], None),
    ],
)
def test_overall_capped_at_requires_improvement_when_a_key_question_failed(
    areas: list[Grade], expected: Grade | None
) -> None:
    assert suggest_overall(areas, key_failed=True) is expected


def test_overall_does_not_change_the_list_it_is_given() -> None:
    areas = [G, RI, O]
    suggest_overall(areas, key_failed=True)
    assert areas == [G, RI, O]

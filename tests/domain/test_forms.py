"""The form model's look-ups and the rules on key questions and Partly."""

from __future__ import annotations

import pytest

from qa_desktop.domain.forms import (
    FormDefinition,
    FormKind,
    LegalStatus,
    PartlyCounts,
    Question,
    Section,
)

FORM = FormDefinition(
    key="k",
    version=1,
    title="T",
    kind=FormKind.LEARNING_AUDIT,
    sections=(
        Section("A", "Assessment", (Question("A1", "a1"), Question("A2", "a2"))),
        Section("B", "Planning", (Question("B1", "b1"),)),
        Section("V", "Voice of the child", (Question("V1", "v1"),), graded=False),
    ),
)


def test_questions_in_order() -> None:
    assert [q.id for q in FORM.questions()] == ["A1", "A2", "B1", "V1"]


@pytest.mark.parametrize(("question_id", "section_id"), [("A2", "A"), ("B1", "B"), ("V1", "V")])
def test_question_and_section_of(question_id: str, section_id: str) -> None:
    assert FORM.question(question_id).id == question_id
    assert FORM.section_of(question_id).id == section_id


@pytest.mark.parametrize("question_id", ["C1", "", "a1"])
def test_unknown_question_raises_key_error(question_id: str) -> None:
    with pytest.raises(KeyError):
        FORM.question(question_id)
    with pytest.raises(KeyError):
        FORM.section_of(question_id)


def test_graded_sections_leave_out_ungraded_ones() -> None:
    assert [s.id for s in FORM.graded_sections()] == ["A", "B"]


@pytest.mark.parametrize(
    ("question", "status", "expected"),
    [
        (Question("Q", "q"), LegalStatus.CHILD_PROTECTION, False),
        (Question("Q", "q"), None, False),
        (Question("Q", "q", key=True), None, True),
        (Question("Q", "q", key=True), LegalStatus.CARE_LEAVER, True),
        (
            Question("Q", "q", key=True, key_for=(LegalStatus.CHILD_PROTECTION,)),
            LegalStatus.CHILD_PROTECTION,
            True,
        ),
        (
            Question("Q", "q", key=True, key_for=(LegalStatus.CHILD_PROTECTION,)),
            LegalStatus.CHILD_IN_NEED,
            False,
        ),
        (
            Question("Q", "q", key=True, key_for=(LegalStatus.CHILD_PROTECTION,)),
            None,
            False,
        ),
        # key_for without key: not a key question at all
        (
            Question("Q", "q", key=False, key_for=(LegalStatus.CHILD_PROTECTION,)),
            LegalStatus.CHILD_PROTECTION,
            False,
        ),
    ],
)
def test_is_key_for(question: Question, status: LegalStatus | None, expected: bool) -> None:
    assert question.is_key_for(status) is expected


@pytest.mark.parametrize(
    ("partly", "weight"),
    [
        (PartlyCounts.HALF, 0.5),
        (PartlyCounts.YES, 1.0),
        (PartlyCounts.NO, 0.0),
        (PartlyCounts.EXCLUDE, None),
    ],
)
def test_partly_weight(partly: PartlyCounts, weight: float | None) -> None:
    assert partly.weight == weight
    if weight is None:
        assert partly.weight is None


def test_partly_counts_half_by_default() -> None:
    assert FORM.partly_counts is PartlyCounts.HALF

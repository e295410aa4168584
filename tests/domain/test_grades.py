"""Grades: their order, caps, how people write them, and when a grade needs written evidence."""

from __future__ import annotations

import pytest

from qa_desktop.domain.grades import Grade, rationale_required, worst

O, G, RI, I = Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
WORST_FIRST = [I, RI, G, O]  # the oracle for "better" in these tests


@pytest.mark.parametrize(
    ("grade", "rank", "label", "short", "value"),
    [
        (O, 4, "Outstanding", "O", "outstanding"),
        (G, 3, "Good", "G", "good"),
        (RI, 2, "Requires Improvement", "RI", "requires_improvement"),
        (I, 1, "Inadequate", "I", "inadequate"),
    ],
)
def test_rank_label_short_and_stored_value(
    grade: Grade, rank: int, label: str, short: str, value: str
) -> None:
    assert grade.rank == rank
    assert grade.label == label
    assert grade.short == short
    assert grade.value == value
    assert Grade(value) is grade


def test_best_first_orders_outstanding_to_inadequate() -> None:
    assert Grade.best_first() == [O, G, RI, I]


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([], None),
        ([G], G),
        ([O, G, RI], RI),
        ([G, I, O], I),
        ([O, O], O),
        ([RI, G, RI], RI),
    ],
)
def test_worst(grades: list[Grade], expected: Grade | None) -> None:
    assert worst(grades) is expected


@pytest.mark.parametrize("grade", list(Grade))
@pytest.mark.parametrize("cap", list(Grade))
def test_capped_at_never_raises_and_never_exceeds_the_cap(grade: Grade, cap: Grade) -> None:
    expected = WORST_FIRST[min(WORST_FIRST.index(grade), WORST_FIRST.index(cap))]
    assert grade.capped_at(cap) is expected


@pytest.mark.parametrize(
    ("grade", "cap", "expected"),
    [
        (O, RI, RI),
        (G, RI, RI),
        (I, RI, I),  # a cap never lifts a grade
        (RI, G, RI),
        (G, I, I),
        (O, O, O),
    ],
)
def test_capped_at_examples(grade: Grade, cap: Grade, expected: Grade) -> None:
    assert grade.capped_at(cap) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words, any case, extra spaces, hyphens and underscores
        ("Outstanding", O),
        ("OUTSTANDING", O),
        ("good", G),
        ("  Good  ", G),
        ("Requires Improvement", RI),
        ("requires improvement", RI),
        ("REQUIRES IMPROVEMENT", RI),
        ("Requires-Improvement", RI),
        ("requires   improvement", RI),
        ("  requires - improvement ", RI),
        ("Requires improvement to be good", RI),
        ("requires-improvement-to-be-good", RI),
        ("Inadequate", I),
        # stored values
        ("outstanding", O),
        ("requires_improvement", RI),
        ("inadequate", I),
        # initials, any case
        ("O", O),
        ("o", O),
        ("G", G),
        ("g", G),
        ("RI", RI),
        ("ri", RI),
        ("Ri", RI),
        (" rI ", RI),
        ("I", I),
        ("i", I),
    ],
)
def test_parse_accepts_words_values_and_initials(text: str, expected: Grade) -> None:
    assert Grade.parse(text) is expected


@pytest.mark.parametrize("grade", list(Grade))
def test_parse_round_trips_value_label_and_short(grade: Grade) -> None:
    assert Grade.parse(grade.value) is grade
    assert Grade.parse(grade.label) is grade
    assert Grade.parse(grade.short) is grade


@pytest.mark.parametrize(
    "text", ["", "   ", "Excellent", "R", "good-ish", "5", "Requires", "O G", "Inadequat"]
)
def test_parse_refuses_other_text_and_names_what_was_given(text: str) -> None:
    with pytest.raises(ValueError) as info:
        Grade.parse(text)
    message = str(info.value)
    assert f"'{text}'" in message
    assert "is not a grade" in message
    assert "Requires Improvement" in message and "RI" in message


@pytest.mark.parametrize("grade", [O, G, I])
@pytest.mark.parametrize("suggested", [*Grade, None])
def test_outstanding_good_and_inadequate_always_need_a_rationale(
    grade: Grade, suggested: Grade | None
) -> None:
    assert rationale_required(grade, suggested) is True


@pytest.mark.parametrize(
    ("suggested", "expected"),
    [
        (RI, False),  # agrees with the suggestion
        (None, False),  # nothing to differ from
        (G, True),
        (I, True),
        (O, True),
    ],
)
def test_requires_improvement_needs_a_rationale_only_when_it_differs(
    suggested: Grade | None, expected: bool
) -> None:
    assert rationale_required(RI, suggested) is expected

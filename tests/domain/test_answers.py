"""Yes / Partly / No / N/A answers: how people write them and how they score."""

from __future__ import annotations

import pytest

from qa_desktop.domain.answers import Answer, score
from qa_desktop.domain.forms import PartlyCounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", Answer.YES),
        ("Yes", Answer.YES),
        ("YES", Answer.YES),
        (" y ", Answer.YES),
        ("Y", Answer.YES),
        ("partly", Answer.PARTLY),
        ("Partly", Answer.PARTLY),
        ("p", Answer.PARTLY),
        ("no", Answer.NO),
        ("No", Answer.NO),
        ("N", Answer.NO),
        ("N/A", Answer.NA),
        ("n/a", Answer.NA),
        (" N/A ", Answer.NA),
        ("na", Answer.NA),
        ("NA", Answer.NA),
        ("not applicable", Answer.NA),
        ("Not Applicable", Answer.NA),
    ],
)
def test_parse(text: str, expected: Answer) -> None:
    assert Answer.parse(text) is expected


@pytest.mark.parametrize("text", ["", "maybe", "yes please", "nope", "1", "partially"])
def test_parse_refuses_other_text_and_names_it(text: str) -> None:
    with pytest.raises(ValueError) as info:
        Answer.parse(text)
    assert f"'{text}' is not an answer" in str(info.value)


@pytest.mark.parametrize(
    ("answer", "label"),
    [(Answer.YES, "Yes"), (Answer.PARTLY, "Partly"), (Answer.NO, "No"), (Answer.NA, "N/A")],
)
def test_label(answer: Answer, label: str) -> None:
    assert answer.label == label
    assert Answer.parse(label) is answer


@pytest.mark.parametrize(
    ("answer", "partly", "expected"),
    [
        (Answer.YES, PartlyCounts.HALF, 1.0),
        (Answer.YES, PartlyCounts.EXCLUDE, 1.0),
        (Answer.NO, PartlyCounts.HALF, 0.0),
        (Answer.NO, PartlyCounts.YES, 0.0),
        (Answer.PARTLY, PartlyCounts.HALF, 0.5),
        (Answer.PARTLY, PartlyCounts.YES, 1.0),
        (Answer.PARTLY, PartlyCounts.NO, 0.0),
        (Answer.PARTLY, PartlyCounts.EXCLUDE, None),
        (Answer.NA, PartlyCounts.HALF, None),
        (Answer.NA, PartlyCounts.YES, None),
        (Answer.NA, PartlyCounts.NO, None),
        (Answer.NA, PartlyCounts.EXCLUDE, None),
    ],
)
def test_score(answer: Answer, partly: PartlyCounts, expected: float | None) -> None:
    assert score(answer, partly) == expected
    if expected is None:
        assert score(answer, partly) is None

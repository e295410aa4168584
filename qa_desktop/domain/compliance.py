"""Compliance arithmetic, in two layouts.

- Yes / (Yes + No): Partly as the form says, N/A left out (``compliance_percent``).
- The council's layout: met, not met and not applicable as shares of every audited case
  (every question answered Yes, Partly, No or N/A), adding up to 100 (``council_shares``). The
  council's tool has no Partly: a Partly answer did not fully meet the standard, so it counts
  as not met here. Unanswered questions count in neither layout.

Which of the two is held against the standard is the form's choice, per question
(:class:`qa_desktop.domain.forms.StandardMeasure`).
"""

from __future__ import annotations

from dataclasses import dataclass

from qa_desktop.domain.forms import PartlyCounts

STANDARD_PERCENT = 90.0  # the standard that good authorities reach


@dataclass(frozen=True)
class AnswerCounts:
    yes: int = 0
    partly: int = 0
    no: int = 0
    na: int = 0

    def __add__(self, other: AnswerCounts) -> AnswerCounts:
        return AnswerCounts(
            self.yes + other.yes,
            self.partly + other.partly,
            self.no + other.no,
            self.na + other.na,
        )

    @property
    def answered(self) -> int:
        return self.yes + self.partly + self.no + self.na


def compliance_percent(counts: AnswerCounts, partly: PartlyCounts) -> float | None:
    """The share of applicable answers that comply, as a percentage; None if none apply.

    N/A is always left out. Partly counts as the form says: half a Yes, a Yes, a No, or
    left out altogether.
    """
    weight = partly.weight
    if weight is None:
        denominator = counts.yes + counts.no
        numerator = float(counts.yes)
    else:
        denominator = counts.yes + counts.partly + counts.no
        numerator = counts.yes + weight * counts.partly
    if denominator == 0:
        return None
    return 100.0 * numerator / denominator


@dataclass(frozen=True)
class CouncilShares:
    """Met, not met and not applicable as percentages of all audited cases (adding to 100)."""

    cases: int
    met: float
    not_met: float
    na: float


def council_shares(counts: AnswerCounts) -> CouncilShares | None:
    """The council's layout of one question's answers; None when no case answered it."""
    cases = counts.answered
    if cases == 0:
        return None
    met, not_met, na = (
        100.0 * n / cases for n in (counts.yes, counts.partly + counts.no, counts.na)
    )
    return CouncilShares(cases, met, not_met, na)


def rounded_to_100(values: tuple[float, ...], places: int = 0) -> tuple[float, ...]:
    """Percentages adding to 100 rounded so that the rounded ones still add to 100 (largest
    remainder), as a published table shows them."""
    scale = 10**places
    scaled = [v * scale for v in values]
    floors = [int(v) for v in scaled]
    short = round(100 * scale) - sum(floors)
    order = sorted(range(len(values)), key=lambda i: scaled[i] - floors[i], reverse=True)
    for i in order[: max(0, short)]:
        floors[i] += 1
    return tuple(f / scale for f in floors)


def meets_standard(percent: float | None, standard: float = STANDARD_PERCENT) -> bool | None:
    return None if percent is None else percent >= standard


def change(current: float | None, previous: float | None) -> float | None:
    """Percentage points of change from the previous period; None if either is missing."""
    if current is None or previous is None:
        return None
    return current - previous

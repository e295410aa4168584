"""Compliance arithmetic: Yes / (Yes + No), Partly as the form says, N/A left out."""

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


def meets_standard(percent: float | None, standard: float = STANDARD_PERCENT) -> bool | None:
    return None if percent is None else percent >= standard


def change(current: float | None, previous: float | None) -> float | None:
    """Percentage points of change from the previous period; None if either is missing."""
    if current is None or previous is None:
        return None
    return current - previous

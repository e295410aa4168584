"""Ofsted's four grades, their order, and how people write them."""

from __future__ import annotations

from enum import StrEnum


class Grade(StrEnum):
    """A grade for a practice area or a whole audit. The value is what the store keeps."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"

    @property
    def rank(self) -> int:
        """Higher is better: Outstanding 4 ... Inadequate 1."""
        return _RANK[self]

    @property
    def label(self) -> str:
        """The English label (the interface translates it)."""
        return _LABELS[self]

    @property
    def short(self) -> str:
        return _SHORT[self]

    def capped_at(self, cap: Grade) -> Grade:
        """This grade, but no better than ``cap``."""
        return self if self.rank <= cap.rank else cap

    @classmethod
    def parse(cls, text: str) -> Grade:
        """Read a grade written as a word, a value or its initials (O/G/RI/I), any case.

        Raises ValueError naming what was given.
        """
        key = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        try:
            return _ALIASES[key]
        except KeyError:
            raise ValueError(
                f"'{text}' is not a grade (use Outstanding, Good, Requires Improvement, "
                "Inadequate, or O, G, RI, I)"
            ) from None

    @classmethod
    def best_first(cls) -> list[Grade]:
        return sorted(cls, key=lambda g: -g.rank)


_RANK = {
    Grade.OUTSTANDING: 4,
    Grade.GOOD: 3,
    Grade.REQUIRES_IMPROVEMENT: 2,
    Grade.INADEQUATE: 1,
}
_LABELS = {
    Grade.OUTSTANDING: "Outstanding",
    Grade.GOOD: "Good",
    Grade.REQUIRES_IMPROVEMENT: "Requires Improvement",
    Grade.INADEQUATE: "Inadequate",
}
_SHORT = {
    Grade.OUTSTANDING: "O",
    Grade.GOOD: "G",
    Grade.REQUIRES_IMPROVEMENT: "RI",
    Grade.INADEQUATE: "I",
}
_ALIASES: dict[str, Grade] = {}
for _grade in Grade:
    _ALIASES[_grade.value.replace("_", " ")] = _grade
    _ALIASES[_grade.label.lower()] = _grade
    _ALIASES[_grade.short.lower()] = _grade
_ALIASES["requires improvement to be good"] = Grade.REQUIRES_IMPROVEMENT


def worst(grades: list[Grade]) -> Grade | None:
    return min(grades, key=lambda g: g.rank) if grades else None


def rationale_required(grade: Grade, suggested: Grade | None) -> bool:
    """A grade needs written evidence when it differs from the suggestion, and always when it
    is Outstanding, Good or Inadequate (PRODUCT.md section 3)."""
    if grade in (Grade.OUTSTANDING, Grade.GOOD, Grade.INADEQUATE):
        return True
    return suggested is not None and grade != suggested

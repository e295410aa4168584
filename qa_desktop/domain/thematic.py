"""Thematic audits: what triggers a theme, the scope its sample is drawn from, and the rule
that the terms of reference are agreed by the lead head of service before audits start."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class ThemeTrigger(StrEnum):
    """Why the council audits a theme."""

    NATIONAL_FOCUS = "national_focus"
    REGIONAL_FOCUS = "regional_focus"
    PERFORMANCE_DATA = "performance_data"
    PRACTICE_PRIORITY = "practice_priority"

    @property
    def label(self) -> str:
        return {
            "national_focus": "National focus",
            "regional_focus": "Regional focus",
            "performance_data": "Performance data",
            "practice_priority": "Practice improvement priority",
        }[self.value]


class AgeBand(StrEnum):
    UNBORN = "unborn"
    UNDER_5 = "0-4"
    FROM_5_TO_10 = "5-10"
    FROM_11_TO_15 = "11-15"
    FROM_16 = "16+"

    @property
    def label(self) -> str:
        return {
            "unborn": "Unborn",
            "0-4": "0 to 4",
            "5-10": "5 to 10",
            "11-15": "11 to 15",
            "16+": "16 and over",
        }[self.value]


def age_band(age_years: int | None, unborn: bool) -> AgeBand | None:
    """The band of a child's age (None: the age is not known)."""
    if unborn:
        return AgeBand.UNBORN
    if age_years is None:
        return None
    if age_years < 5:
        return AgeBand.UNDER_5
    if age_years <= 10:
        return AgeBand.FROM_5_TO_10
    if age_years <= 15:
        return AgeBand.FROM_11_TO_15
    return AgeBand.FROM_16


@dataclass(frozen=True)
class ScopedCase:
    """What the scope looks at in an open case."""

    legal_status: str
    service_id: str
    team_id: str
    age_years: int | None
    unborn: bool


@dataclass(frozen=True)
class ThematicScope:
    """The cases a theme's sample is drawn from. An empty part sets no limit; the parts
    together narrow it (a case must match every part that is set)."""

    legal_statuses: frozenset[str] = frozenset()
    service_ids: frozenset[str] = frozenset()
    team_ids: frozenset[str] = frozenset()
    age_bands: frozenset[AgeBand] = frozenset()

    def admits(self, case: ScopedCase) -> bool:
        if self.legal_statuses and case.legal_status not in self.legal_statuses:
            return False
        if self.service_ids and case.service_id not in self.service_ids:
            return False
        if self.team_ids and case.team_id not in self.team_ids:
            return False
        return not self.age_bands or age_band(case.age_years, case.unborn) in self.age_bands

    @property
    def unlimited(self) -> bool:
        return not (self.legal_statuses or self.service_ids or self.team_ids or self.age_bands)


def joined(values: Iterable[str]) -> str:
    """A set of values as stored: comma-separated, sorted."""
    return ",".join(sorted(values))


def split(text: str) -> frozenset[str]:
    return frozenset(v for v in text.split(",") if v)

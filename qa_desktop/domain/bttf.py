"""Back to the Floor: every team is visited once a year by an inspection team of senior
leaders, who look at a sample of the team's cases and talk with staff and families."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The practice areas the consolidated findings are written under (the learning audit's areas).
PRACTICE_AREAS = (
    "Assessment",
    "Planning",
    "Intervention",
    "Review",
    "Supervision and Management Oversight",
)
DEFAULT_CASE_SAMPLE = 6


@dataclass(frozen=True)
class TeamRef:
    id: str
    name: str
    service: str


def unscheduled(teams: Iterable[TeamRef], scheduled_team_ids: Iterable[str]) -> list[TeamRef]:
    """The teams with no visit in the year's schedule, by name."""
    done = set(scheduled_team_ids)
    return sorted((t for t in teams if t.id not in done), key=lambda t: t.name)

"""What the quarterly QA report is made from (two dashboards, the scope, the commentary) and
the figures both its tables (:mod:`.quarterly`) and its charts (:mod:`.quarterly_charts`)
read from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from qa_desktop.domain.dashboard import GRADE_ORDER, OVERALL, Dashboard


@dataclass(frozen=True)
class QuarterlyReportData:
    quarter: str  # "2026/27-Q2"
    previous_quarter: str
    this: Dashboard
    last: Dashboard
    scope: str  # the slice in words: "County", "Area: West"...
    author: str
    commentary: Mapping[str, str] = field(default_factory=dict)


def overall_counts(dash: Dashboard) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in dash.grades:
        if row.section_id == OVERALL:
            for grade in GRADE_ORDER:
                counts[grade.value] = counts.get(grade.value, 0) + row.count(grade)
    return counts

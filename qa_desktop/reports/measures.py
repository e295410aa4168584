"""How the leadership papers (the quarterly report, the monthly board pack and scorecard)
write a figure and its change, and the overall-grade shares they all show."""

from __future__ import annotations

from qa_desktop.domain.dashboard import GRADE_ORDER, Dashboard, GradeRow
from qa_desktop.domain.report_tables import share
from qa_desktop.reports.quarterly_data import overall_counts


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def pts(this: float | None, last: float | None) -> str:
    if this is None or last is None:
        return "—"
    return f"{this - last:+.1f} pts"


def diff(this: int, last: int) -> str:
    return f"{this - last:+d}"


def asked(dash: Dashboard) -> int:
    """Questions with a figure in the period."""
    return sum(1 for q in dash.compliance if q.percent is not None)


def overall_share(dash: Dashboard, grade: str) -> float | None:
    counts = overall_counts(dash)
    return share(counts.get(grade, 0), sum(counts.values()))


def good_or_better(dash: Dashboard) -> float | None:
    counts = overall_counts(dash)
    return share(counts.get("outstanding", 0) + counts.get("good", 0), sum(counts.values()))


def good_share(row: GradeRow) -> float | None:
    """A row's share graded Outstanding or Good."""
    return share(row.count(GRADE_ORDER[0]) + row.count(GRADE_ORDER[1]), row.total)

"""The performance extract tab's tables as text, without Qt: the imported figures one row per
team and month, and each figure beside its audit question (the triangulation service's
rows). A figure that is missing is blank, never 0%."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desktop.domain.performance_extract import ExtractProblem, Measure
from qa_desktop.errors import Translate
from qa_desktop.services.triangulation import TriangulationRow


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def points(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f} pts"


def figure_rows(rows: Sequence[TriangulationRow]) -> list[tuple[str, ...]]:
    """Team, month and each measure's figure, one row per team and month, in the order the
    service gives them (newest month first)."""
    figures: dict[tuple[str, str], dict[Measure, float | None]] = {}
    for row in rows:
        figures.setdefault((row.team, row.month), {})[row.measure] = row.extract
    return [
        (team, month, *(percent(values.get(m)) for m in Measure))
        for (team, month), values in figures.items()
    ]


def triangulation_rows(
    rows: Sequence[TriangulationRow], translate: Translate
) -> list[tuple[str, ...]]:
    """Team, month, measure, the extract's figure, the audits' compliance, the difference
    (the audits' less the extract's), how many answers it rests on, and the question (last:
    the longest)."""
    return [
        (
            r.team,
            r.month,
            translate(r.measure.label),
            percent(r.extract),
            percent(r.audited),
            points(r.difference),
            str(r.answers),
            f"{r.question_id} {r.question}".strip(),
        )
        for r in rows
    ]


def problem_rows(
    problems: Sequence[ExtractProblem], translate: Translate
) -> list[tuple[str, str, str]]:
    """Each problem of a refused file: its row, its column and what is wrong."""
    return [
        (
            str(p.row),
            p.column or translate("(the whole file)"),
            translate(p.template).format(**p.params),
        )
        for p in problems
    ]

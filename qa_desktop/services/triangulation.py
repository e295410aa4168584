"""Triangulation: per team and month, each figure of the performance extract beside the
audits' compliance on the questions that look at the same practice, with the difference.

The audits' figure is the one the form holds against the standard (``QuestionCompliance.held``),
from the same compliance queries as the Reports screen, for the team's audits counted in that
calendar month. Which questions match which measure is data beside the forms
(``forms/performance-measures.csv``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.performance_extract import Measure, difference, parse_question_map
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.domain.roles import Capability
from qa_desktop.errors import ValidationError
from qa_desktop.formdefs.loader import FORMS_DIR
from qa_desktop.services.actors import Caller, require
from qa_desktop.services.reporting import ReportingService
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store

QUESTION_MAP = FORMS_DIR / "performance-measures.csv"


@dataclass(frozen=True)
class TriangulationRow:
    """One measure of one team's month beside one matching audit question."""

    team: str
    month: str  # YYYY-MM
    measure: Measure
    extract: float | None  # the extract's figure; None: left blank in the extract
    question_id: str  # "" when the measure matches no question
    question: str  # the question's text ("" when no audit in the month asked it)
    audited: float | None  # the audits' compliance; None: no applicable answer that month
    answers: int  # answers behind ``audited``

    @property
    def difference(self) -> float | None:
        return difference(self.extract, self.audited)


def read_question_map(path: Path = QUESTION_MAP) -> dict[Measure, tuple[str, ...]]:
    try:
        return parse_question_map(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(
            "The list of which audit questions match the performance extract ({file}) cannot "
            "be read ({reason}).",
            file=path.name,
            reason=str(exc),
        ) from exc


class TriangulationService:
    def __init__(
        self, store: Store, reporting: ReportingService, question_map: Path = QUESTION_MAP
    ) -> None:
        self._store = store
        self._reporting = reporting
        self._question_map = question_map

    def rows(self, actor: Caller) -> tuple[TriangulationRow, ...]:
        """Every imported team and month, newest month first, then by team and measure."""
        require(actor, Capability.REPORT, "Only managers and the QA team can see reports.")
        questions = read_question_map(self._question_map)
        with self._store.reader() as session:
            figures = session.execute(
                select(
                    m.PerformanceFigure.team_id,
                    m.Team.name,
                    m.PerformanceFigure.month,
                    m.PerformanceFigure.measure,
                    m.PerformanceFigure.value,
                ).join(m.Team, m.Team.id == m.PerformanceFigure.team_id)
            ).all()
        by_team_month: dict[tuple[str, str, str], dict[Measure, float | None]] = defaultdict(dict)
        for team_id, team, month, measure, value in figures:
            by_team_month[(month, team, team_id)][Measure(measure)] = value
        out: list[TriangulationRow] = []
        for (month, team, team_id), values in sorted(
            by_team_month.items(), key=lambda item: (_negated(item[0][0]), item[0][1].lower())
        ):
            if all(v is None for v in values.values()):
                continue  # every figure cleared by a re-import
            year, number = (int(part) for part in month.split("-"))
            compliance = {
                q.question_id: q
                for q in self._reporting.compliance(
                    Period.month(year, number), ReportSlice(team_id=team_id), actor
                )
            }
            for measure in Measure:
                extract = values.get(measure)
                for qid in questions[measure] or ("",):
                    found = compliance.get(qid)
                    out.append(
                        TriangulationRow(
                            team=team,
                            month=month,
                            measure=measure,
                            extract=extract,
                            question_id=qid,
                            question=found.text if found else "",
                            audited=found.held if found else None,
                            answers=found.counts.answered if found else 0,
                        )
                    )
        return tuple(out)


def _negated(month: str) -> tuple[int, int]:
    year, number = (int(part) for part in month.split("-"))
    return (-year, -number)

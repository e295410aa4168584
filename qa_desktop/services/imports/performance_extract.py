"""Importing the monthly performance extract (the format: ``domain/performance_extract.py``).

All or nothing: the whole file is checked first, and a file with any problem imports
nothing; every problem names its row and column. A clean file is applied in one transaction.
Re-importing a team and month replaces its figures: each measure takes the new file's value,
and a measure the new file leaves blank is cleared. Only the QA team imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from qa_desktop.domain.identity import one_per_parent_id
from qa_desktop.domain.performance_extract import (
    ExtractProblem,
    Measure,
    check_extract,
    decode,
)
from qa_desktop.domain.roles import Capability
from qa_desktop.errors import Translate, ValidationError
from qa_desktop.services.actors import Caller, require
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

TABLE = m.PerformanceFigure.__tablename__


class ExtractRefused(ValidationError):
    """The extract has problems; nothing was imported. ``problems`` lists each one."""

    def __init__(self, file: str, problems: tuple[ExtractProblem, ...]) -> None:
        self.problems = problems
        super().__init__(
            "Nothing was imported: the performance extract {file} has {count} problem(s). "
            "The first: {first}",
            file=file,
            count=len(problems),
            first=problems[0].render() if problems else "",
        )

    def lines(self, translate: Translate = lambda text: text) -> list[str]:
        return [p.render(translate) for p in self.problems]


@dataclass(frozen=True)
class ExtractImported:
    team_months: int  # rows of the file
    figures: int  # measures with a value
    replaced_months: tuple[str, ...]  # "Team YYYY-MM" that had figures before, now replaced

    @property
    def replaced(self) -> int:
        return len(self.replaced_months)


def figure_id(team_id: str, month: str, measure: Measure) -> str:
    """The one row of a team's measure for a month, the same on every laptop."""
    return one_per_parent_id(TABLE, team_id, f"{month}:{measure.value}")


class PerformanceExtractImport:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    @writes(Change.EXTRACT)
    def import_file(self, path: Path, actor: Caller) -> ExtractImported:
        _may_import(actor)  # before the file is read: a refusal says so, not "cannot be read"
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(
                "The performance extract {file} cannot be read ({reason}); nothing was imported.",
                file=str(path),
                reason=exc.strerror or type(exc).__name__,
            ) from exc
        return self.import_bytes(data, path.name, actor)

    @writes(Change.EXTRACT)
    def import_bytes(self, data: bytes, file: str, actor: Caller) -> ExtractImported:
        """Check the whole file, then apply it in one transaction (all or nothing)."""
        _may_import(actor)
        with self._store.session() as session:
            names = {tid: name for tid, name in session.execute(select(m.Team.id, m.Team.name))}
            teams = {name.lower(): tid for tid, name in names.items()}
            checked = check_extract(decode(data), teams)
            if checked.problems:
                raise ExtractRefused(file, checked.problems)
            now = self._clock()
            recorder = Recorder(session, actor.id, now)
            by_id = {f.id: f for f in session.scalars(select(m.PerformanceFigure))}
            figures = 0
            replaced: list[str] = []
            for row in checked.rows:
                had_figures = False
                for measure in Measure:
                    value = row.figures.get(measure)
                    figures += value is not None
                    key = figure_id(row.team_id, row.month, measure)
                    existing = by_id.get(key)
                    if existing is None:
                        if value is not None:
                            recorder.insert(
                                m.PerformanceFigure,
                                id=key,
                                team_id=row.team_id,
                                month=row.month,
                                measure=measure.value,
                                value=value,
                                imported_by_id=actor.id,
                                imported_at=now,
                            )
                        continue
                    had_figures = had_figures or existing.value is not None
                    if recorder.update(existing, value=value):
                        recorder.update(existing, imported_by_id=actor.id, imported_at=now)
                if had_figures:
                    replaced.append(f"{names[row.team_id]} {row.month}")
        return ExtractImported(len(checked.rows), figures, tuple(replaced))


def _may_import(actor: Caller) -> None:
    require(
        actor, Capability.MANAGE_PROGRAMME, "Only the QA team can import the performance extract."
    )

"""The counts the database keeps by triggers for county-wide reports agree with counting the
audits themselves, whatever changes: the confirmed grades (section reviews added, re-graded and
removed; moderations decided, changed and withdrawn; audits completed, re-dated, re-graded,
cancelled, deleted) and the roll-up of the answer counts over teams and audit types."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.store.reporting import queries as rq
from tests.services.reporting.reporting_world import World

SPAN = Period(date(2026, 4, 1), date(2026, 6, 30))
QUARTERS = [
    Period(date(2025, 10, 1), date(2025, 12, 31)),
    Period(date(2026, 1, 1), date(2026, 3, 31)),
    SPAN,
    Period(date(2026, 7, 1), date(2026, 9, 30)),
]

DIRECT_GRADES = """
SELECT a.completed_on, a.form_version_id, s.section_id, coalesce(mo.moderated_grade, s.grade),
       count(*)
FROM audits a JOIN section_reviews s ON s.audit_id = a.id
LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = s.section_id
WHERE a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
  AND coalesce(mo.moderated_grade, s.grade) IS NOT NULL
GROUP BY 1, 2, 3, 4
UNION ALL
SELECT a.completed_on, a.form_version_id, 'overall', coalesce(mo.moderated_grade, a.overall_grade),
       count(*)
FROM audits a LEFT JOIN moderations mo ON mo.audit_id = a.id AND mo.section_id = 'overall'
WHERE a.completed_on IS NOT NULL AND a.state != 'cancelled' AND a.deleted_at IS NULL
  AND coalesce(mo.moderated_grade, a.overall_grade) IS NOT NULL
GROUP BY 1, 2, 3, 4
"""


@pytest.fixture
def world(store, clock) -> World:
    return World(store, clock)


def _by_team(world: World, query, *args):  # type: ignore[no-untyped-def]
    """A query's rows for the county, added up from each team's (which count the audits)."""
    totals: dict[tuple, int] = {}
    with world.store.reader() as session:
        for team in world.teams.values():
            for *key, count in query(session, *args, ReportSlice(team_id=team)):
                totals[tuple(key)] = totals.get(tuple(key), 0) + count
    return sorted((*key, n) for key, n in totals.items() if n)


def agree(world: World) -> None:
    with world.store.reader() as session:
        kept = sorted(
            tuple(row)
            for row in session.execute(
                text(
                    "SELECT day, form_version_id, section_id, grade, n FROM report_grade_counts"
                    " WHERE n != 0"
                )
            )
        )
        direct = sorted(tuple(row) for row in session.execute(text(DIRECT_GRADES)))
        assert kept == direct
        rolled = sorted(
            tuple(row)
            for row in session.execute(
                text(
                    "SELECT day, form_version_id, question_id, value, n"
                    " FROM report_answer_day_counts WHERE n != 0"
                )
            )
        )
        summed = sorted(
            tuple(row)
            for row in session.execute(
                text(
                    "SELECT day, form_version_id, question_id, value, sum(n) FROM"
                    " report_answer_counts GROUP BY 1, 2, 3, 4 HAVING sum(n) != 0"
                )
            )
        )
        assert rolled == summed
        for slc in (ReportSlice(), ReportSlice(form_key="learning-audit")):
            assert (
                sorted(rq.section_grade_counts(session, SPAN, slc))
                == _by_team(world, rq.section_grade_counts, SPAN)
                or slc.form_key
            )
            assert (
                sorted(rq.overall_grade_counts(session, SPAN, slc))
                == _by_team(world, rq.overall_grade_counts, SPAN)
                or slc.form_key
            )
        assert sorted(rq.overall_grade_trend(session, QUARTERS, ReportSlice())) == _by_team(
            world, rq.overall_grade_trend, QUARTERS
        )
        comments = sorted(rq.even_better_if_texts(session, SPAN, ReportSlice()))
        assert comments == _by_team(world, rq.even_better_if_texts, SPAN)
        assert comments == sorted(
            rq.even_better_if_texts(session, SPAN, ReportSlice(form_key="learning-audit"))
        )


def change(world: World, model, row_id: str, **values) -> None:  # type: ignore[no-untyped-def]
    with world.store.session() as session:
        Recorder(session, None, datetime(2026, 11, 20, tzinfo=UTC)).update(
            session.get(model, row_id), **values
        )


def row_id(world: World, model, audit_id: str, section: str) -> str:  # type: ignore[no-untyped-def]
    with world.store.reader() as session:
        return session.scalar(
            select(model.id).where(model.audit_id == audit_id, model.section_id == section)
        )


def test_grade_counts_follow_every_change(world: World) -> None:
    first = world.audit(date(2026, 5, 1), {"A1": "yes"}, sections={"A": "good", "B": "outstanding"})
    second = world.audit(
        date(2026, 1, 10), {"A1": "no"}, team="east", grade="inadequate", sections={"A": "good"}
    )
    planned = world.audit(
        None, {"A1": "no"}, state="in_progress", grade=None, sections={"A": "good"}
    )
    third = world.audit(
        date(2026, 6, 2),
        sections={"A": "requires_improvement", "B": "good"},
        team="east",
        even_better_if="Record the child's words",
    )
    world.audit(date(2026, 6, 3), even_better_if="Record the child's words")
    agree(world)
    change(
        world,
        m.SectionReview,
        row_id(world, m.SectionReview, third, "B"),
        even_better_if="Plan with the family",
    )
    agree(world)
    world.moderate(first, "A", "good", "requires_improvement")  # a section moderated
    agree(world)
    world.moderate(first, m.OVERALL, "good", "outstanding")  # the overall grade moderated
    agree(world)
    world.moderate(second, m.OVERALL, "inadequate", "requires_improvement")
    agree(world)
    change(world, m.Moderation, row_id(world, m.Moderation, first, "A"), moderated_grade="good")
    agree(world)
    change(world, m.SectionReview, row_id(world, m.SectionReview, first, "B"), grade="good")
    agree(world)
    change(world, m.SectionReview, row_id(world, m.SectionReview, third, "A"), grade=None)
    agree(world)
    change(world, m.Audit, planned, completed_on=date(2026, 6, 30), state="closed")  # completed
    agree(world)
    change(world, m.Audit, first, completed_on=date(2026, 3, 31))  # re-dated
    agree(world)
    change(world, m.Audit, third, overall_grade="outstanding")  # re-graded
    agree(world)
    change(world, m.Audit, second, audit_type="thematic", case_id=world.cases["west"])
    agree(world)
    change(world, m.Audit, planned, state="cancelled")  # cancelled
    agree(world)
    with world.store.session() as session:
        Recorder(session, None, datetime(2026, 11, 20, tzinfo=UTC)).delete(
            session.get(m.Audit, second)
        )  # deleted (a tombstone)
    agree(world)
    with world.store.session() as session:  # rows removed outright
        session.execute(
            text("DELETE FROM moderations WHERE id = :id"),
            {"id": row_id(world, m.Moderation, first, m.OVERALL)},
        )
        session.execute(
            text("DELETE FROM section_reviews WHERE id = :id"),
            {"id": row_id(world, m.SectionReview, first, "A")},
        )
        session.execute(text("DELETE FROM answers WHERE audit_id = :id"), {"id": third})
    agree(world)
    with world.store.session() as session:
        session.execute(text("DELETE FROM section_reviews WHERE audit_id = :id"), {"id": third})
        session.execute(text("DELETE FROM audits WHERE id = :id"), {"id": third})
    agree(world)
    with world.store.reader() as session:
        # What is left: the first audit's B (Good) and overall (Good), re-dated out of the span,
        # and the last audit (Good overall, no graded areas, one comment).
        assert rq.section_grade_counts(session, SPAN, ReportSlice()) == []
        assert [row[1:] for row in rq.overall_grade_counts(session, SPAN, ReportSlice())] == [
            ("good", 1)
        ]
        trend = rq.overall_grade_trend(session, QUARTERS, ReportSlice())
        assert sorted(trend) == [(1, "good", 1), (2, "good", 1)]
        assert rq.even_better_if_texts(session, SPAN, ReportSlice()) == [
            ("Record the child's words", 1)
        ]

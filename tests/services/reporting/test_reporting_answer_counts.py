"""The answer counts the database keeps by triggers agree with counting the answers
themselves, whatever changes: answers added, changed and removed; audits completed, re-dated,
cancelled, deleted, moved to another case; cases moved to another team."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.store.reporting.queries import answer_tallies
from tests.services.reporting.oracle import answer_tallies_from_answers
from tests.services.reporting.reporting_world import World

SPAN = Period(date(2026, 4, 1), date(2026, 6, 30))
BEFORE = SPAN.previous()


@pytest.fixture
def world(store, clock) -> World:
    return World(store, clock)


def agree(world: World) -> None:
    slices = [
        ReportSlice(),
        ReportSlice(team_id=world.teams["west"]),
        ReportSlice(area_id=world.areas["East"]),
        ReportSlice(form_key="learning-audit", audit_type="routine"),
    ]
    with world.store.reader() as session:
        for slc in slices:
            kept = answer_tallies(session, SPAN, BEFORE, slc)
            counted = answer_tallies_from_answers(session, SPAN, BEFORE, slc)
            assert sorted(kept, key=repr) == sorted(counted, key=repr), slc


def change(world: World, model, row_id: str, **values) -> None:  # type: ignore[no-untyped-def]
    with world.store.session() as session:
        Recorder(session, None, datetime(2026, 11, 20, tzinfo=UTC)).update(
            session.get(model, row_id), **values
        )


def answer_id(world: World, audit_id: str, question: str) -> str:
    with world.store.reader() as session:
        return session.scalar(
            select(m.Answer.id).where(
                m.Answer.audit_id == audit_id, m.Answer.question_id == question
            )
        )


def test_counts_follow_every_change(world: World) -> None:
    first = world.audit(date(2026, 5, 1), {"A1": "yes", "A2": "no", "A3": "na"})
    second = world.audit(date(2026, 1, 10), {"A1": "partly", "A2": None}, team="east")
    planned = world.audit(None, {"A1": "no"}, state="in_progress", grade=None)
    agree(world)
    change(world, m.Answer, answer_id(world, first, "A1"), value="no")  # an answer changes
    agree(world)
    change(world, m.Answer, answer_id(world, second, "A2"), value="yes")  # blank answered
    agree(world)
    change(world, m.Audit, planned, completed_on=date(2026, 6, 30), state="closed")  # completed
    agree(world)
    change(world, m.Audit, first, completed_on=date(2026, 3, 31))  # re-dated
    agree(world)
    change(world, m.Audit, second, audit_type="thematic")  # another type
    agree(world)
    change(world, m.Case, world.cases["west"], team_id=world.teams["east"])  # case moves team
    agree(world)
    change(world, m.Audit, planned, state="cancelled")  # cancelled
    agree(world)
    change(world, m.Audit, first, case_id=world.cases["east"])  # another case
    agree(world)
    with world.store.session() as session:
        Recorder(session, None, datetime(2026, 11, 20, tzinfo=UTC)).delete(
            session.get(m.Audit, second)
        )  # deleted (a tombstone)
    agree(world)
    with world.store.session() as session:  # an answer removed outright
        session.execute(
            text("DELETE FROM answers WHERE id = :id"), {"id": answer_id(world, first, "A2")}
        )
    agree(world)
    with world.store.reader() as session:
        kept = answer_tallies(session, SPAN, BEFORE, ReportSlice())
    # What is left: the first audit's A1 (now No) and A3 (N/A), re-dated into the period before.
    assert sum(sum(t.previous) for t in kept) == 2 and sum(sum(t.current) for t in kept) == 0

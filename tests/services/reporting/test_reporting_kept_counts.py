"""The counts SQLite triggers keep for reports (one row per audit and per action, grades per
team and type, answers per team and month) agree with counting directly after every kind of
change: audits made, completed, re-dated, re-graded, moved, reopened, cancelled, deleted;
answers, reviews and moderations changed; actions and meetings made, done and removed; a case
moving team; a historic import; the demo build; a store migrated from the counts before."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from qa_desktop.demo.county import build_demo
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.imports.historic_audits import HistoricImport
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store, alembic_config, open_store
from qa_desktop.store.recorder import Recorder
from tests.conftest import NOW
from tests.services.reporting.kept_counts_check import assert_kept_counts_agree
from tests.services.reporting.reporting_world import World

AT = datetime(2026, 11, 20, tzinfo=UTC)


@pytest.fixture
def world(store, clock) -> World:
    return World(store, clock)


def change(world: World, model, row_id: str, **values) -> None:  # type: ignore[no-untyped-def]
    with world.store.session() as session:
        Recorder(session, None, AT).update(session.get(model, row_id), **values)


def tombstone(world: World, model, row_id: str) -> None:  # type: ignore[no-untyped-def]
    with world.store.session() as session:
        Recorder(session, None, AT).delete(session.get(model, row_id))


def row_id(world: World, model, audit_id: str, section: str) -> str:  # type: ignore[no-untyped-def]
    with world.store.reader() as session:
        return session.scalar(
            select(model.id).where(model.audit_id == audit_id, model.section_id == section)
        )


def only(world: World, model, **where) -> str:  # type: ignore[no-untyped-def]
    with world.store.reader() as session:
        return session.scalar(
            select(model.id).where(*(getattr(model, k) == v for k, v in where.items()))
        )


def test_kept_counts_follow_every_change(world: World) -> None:
    def agree(store: Store, *, figures: bool = False) -> None:
        assert_kept_counts_agree(store, figures=figures)

    first = world.audit(
        date(2026, 5, 1),
        {"A1": "yes", "A2": "no", "B1": "partly"},
        sections={"A": "good", "B": "outstanding"},
        even_better_if="Record the child's words",
    )
    inadequate = world.audit(
        date(2026, 4, 20),
        {"A1": "no"},
        team="east",
        grade="inadequate",
        sections={"A": "inadequate"},
        voice="",
        due_on=date(2026, 4, 30),
    )
    planned = world.audit(None, {"A1": "no"}, state="planned", grade=None, due_on=date(2026, 6, 30))
    world.audit(date(2026, 6, 3), {"A1": "na"}, auditor="bob", audit_type="thematic")
    world.action(first, date(2026, 5, 20))
    world.action(first, date(2026, 6, 20), status="done", completed_on=date(2026, 6, 1))
    world.action(inadequate, date(2026, 5, 2), status="done", completed_on=date(2026, 5, 9))
    meeting = world.meeting(inadequate, date(2026, 4, 27), date(2026, 4, 28), date(2026, 6, 9))
    with world.store.session() as session:  # an action agreed at the reflective meeting
        Recorder(session, None, AT).insert(
            m.Action,
            meeting_id=meeting,
            description="Visit the child at school",
            owner_id=world.people["sam"],
            due_on=date(2026, 5, 28),
            status="open",
            created_at=AT,
        )
    agree(world.store, figures=True)

    # Moderation: decided, changed, withdrawn.
    world.moderate(first, m.OVERALL, "good", "good")
    world.moderate(first, "A", "good", "requires_improvement")
    world.moderate(inadequate, m.OVERALL, "inadequate", "inadequate")
    agree(world.store)
    change(
        world,
        m.Moderation,
        row_id(world, m.Moderation, first, m.OVERALL),
        moderated_grade="outstanding",
    )
    agree(world.store)

    # The re-audit of the Inadequate audit: begun, then completed better.
    reaudit = world.audit(
        None, {"A1": "yes"}, team="east", state="in_progress", grade=None, reaudit_of=inadequate
    )
    agree(world.store)
    change(
        world, m.Audit, reaudit, state="closed", completed_on=date(2026, 6, 5), overall_grade="good"
    )
    agree(world.store)
    change(world, m.Audit, reaudit, overall_grade="inadequate")  # re-graded: not moved up
    agree(world.store, figures=True)

    # Answers and reviews change.
    change(world, m.Answer, only(world, m.Answer, audit_id=first, question_id="A1"), value="no")
    change(world, m.SectionReview, row_id(world, m.SectionReview, first, "B"), grade="good")
    change(
        world,
        m.SectionReview,
        row_id(world, m.SectionReview, first, "A"),
        even_better_if="Plan with the family",
    )
    agree(world.store)

    # Audits change: completed, re-dated, another type, practitioner, case; voice recorded.
    change(
        world,
        m.Audit,
        planned,
        state="closed",
        completed_on=date(2026, 6, 30),
        overall_grade="good",
    )
    agree(world.store)
    change(world, m.Audit, first, completed_on=date(2026, 3, 31))
    change(world, m.Audit, inadequate, voice_of_child="Says school is better now.")
    agree(world.store)
    change(world, m.Audit, first, audit_type="thematic", practitioner_id=world.people["sam"])
    change(world, m.Audit, planned, case_id=world.cases["east"], due_on=date(2026, 5, 31))
    agree(world.store)

    # A case moves team: its audits and their actions go with it.
    change(world, m.Case, world.cases["east"], team_id=world.teams["west"])
    agree(world.store, figures=True)

    # Actions: done late, moved, removed; the meeting moves to another audit.
    action = only(world, m.Action, audit_id=first, due_on=date(2026, 5, 20))
    change(world, m.Action, action, status="done", completed_on=date(2026, 5, 25))
    agree(world.store)
    change(world, m.Action, action, due_on=date(2026, 7, 1), status="open", completed_on=None)
    change(world, m.Meeting, meeting, audit_id=first)
    agree(world.store)
    tombstone(world, m.Action, only(world, m.Action, audit_id=inadequate))
    agree(world.store)

    # Reopened (a closed audit back in progress), then cancelled; another deleted.
    change(world, m.Audit, planned, state="in_progress", closed_on=None)
    agree(world.store)
    change(world, m.Audit, planned, state="cancelled")
    agree(world.store)
    tombstone(world, m.Audit, inadequate)
    agree(world.store, figures=True)

    # Rows removed outright (as a damaged store might be repaired).
    with world.store.session() as session:
        session.execute(text("DELETE FROM moderations WHERE audit_id = :id"), {"id": first})
        session.execute(text("DELETE FROM actions WHERE meeting_id = :id"), {"id": meeting})
        session.execute(text("DELETE FROM meetings WHERE id = :id"), {"id": meeting})
        session.execute(text("DELETE FROM answers WHERE audit_id = :id"), {"id": reaudit})
        session.execute(text("DELETE FROM section_reviews WHERE audit_id = :id"), {"id": reaudit})
        session.execute(text("DELETE FROM audits WHERE id = :id"), {"id": reaudit})
    agree(world.store)
    with world.store.reader() as session:
        kept = session.execute(text("SELECT count(*), count(day) FROM report_audits")).one()
    # Left: the first audit (completed), the thematic one (completed), the cancelled one.
    assert tuple(kept) == (3, 2)


def test_the_demo_build_keeps_counts(store: Store, clock) -> None:
    build_demo(store, audits=150, seed=3, clock=clock)
    assert_kept_counts_agree(store, today=NOW.date())


def test_a_historic_import_keeps_counts(world: World, store: Store, clock) -> None:
    world.audit(date(2019, 6, 2), {"A1": "yes"}, sections={"A": "good"})
    HistoricImport(store, clock).import_bytes(
        (
            b"audit_ref,case_ref,team,completed_on,overall_grade,auditor,practitioner,grade:A,A1,A2"
            b"\nH-001,CR-west,West Early Help,2019-05-01,Good,Ann Auditor,Pat Worker,g,yes,no"
            b"\nH-002,CR-east,east early help,2019-06-30,ri,,,Requires Improvement,partly,"
            b"\nH-003,CR-new,New Team,2019-07-01,I,,,O,N/A,yes\n"
        ),
        SYSTEM,
        create_missing=True,
    )
    assert_kept_counts_agree(store)


def downgrade(store: Store, revision: str) -> None:
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_a_store_migrated_from_the_counts_before_gets_them_all(tmp_path: Path) -> None:
    path = tmp_path / "old.qadb"
    old = open_store(path, create=True)
    downgrade(old, "0009")
    build_demo(old, audits=120, seed=5, clock=fixed_clock(NOW))
    with old.reader() as session:
        assert session.scalar(text("SELECT count(*) FROM report_grade_counts")) > 0
    old.close()
    migrated = open_store(path)  # upgraded to the head at open
    try:
        assert_kept_counts_agree(migrated, today=NOW.date())
        # And back: the county-wide grade counts keep themselves again.
        downgrade(migrated, "0009")
        with migrated.session() as session:
            audit_id = session.scalar(
                select(m.Audit.id).where(m.Audit.completed_on.is_not(None)).limit(1)
            )
            Recorder(session, None, AT).update(
                session.get(m.Audit, audit_id), overall_grade="outstanding"
            )
            answer = session.scalar(
                select(m.Answer.id).where(m.Answer.audit_id == audit_id, m.Answer.value == "yes")
            )
            Recorder(session, None, AT).update(session.get(m.Answer, answer), value="no")
        with migrated.reader() as session:
            rolled = session.execute(
                text(
                    "SELECT day, form_version_id, question_id, value, n"
                    " FROM report_answer_day_counts WHERE n != 0 ORDER BY 1, 2, 3, 4"
                )
            ).all()
            summed = session.execute(
                text(
                    "SELECT day, form_version_id, question_id, value, sum(n)"
                    " FROM report_answer_counts GROUP BY 1, 2, 3, 4 HAVING sum(n) != 0"
                    " ORDER BY 1, 2, 3, 4"
                )
            ).all()
            assert rolled == summed
            names = {row[0] for row in session.execute(text("SELECT name FROM sqlite_master"))}
            assert "report_audits" not in names and "report_grade_team_counts" not in names
            kept = sorted(
                tuple(r)
                for r in session.execute(
                    text(
                        "SELECT day, form_version_id, grade, n FROM report_grade_counts"
                        " WHERE section_id = 'overall' AND n != 0"
                    )
                )
            )
            direct = sorted(
                tuple(r)
                for r in session.execute(
                    text(
                        "SELECT a.completed_on, a.form_version_id,"
                        " coalesce(mo.moderated_grade, a.overall_grade) AS g, count(*)"
                        " FROM audits a LEFT JOIN moderations mo ON mo.audit_id = a.id"
                        " AND mo.section_id = 'overall'"
                        " WHERE a.completed_on IS NOT NULL AND a.state != 'cancelled'"
                        " AND a.deleted_at IS NULL AND g IS NOT NULL GROUP BY 1, 2, 3"
                    )
                )
            )
            assert kept == direct
    finally:
        migrated.close()


def test_a_roll_up_follows_a_changed_key(world: World) -> None:
    """Nothing changes a counted row's key today, but if anything did the roll-ups follow."""
    world.audit(date(2026, 5, 1), {"A1": "yes"}, sections={"A": "good"})
    world.audit(date(2026, 5, 2), {"A1": "no"}, team="east", sections={"A": "good"})
    with world.store.session() as session:
        session.execute(
            text(
                "UPDATE report_grade_team_counts SET day = '2026-06-01', n = n + 1"
                " WHERE day = '2026-05-01'"
            )
        )
        session.execute(
            text("UPDATE report_answer_counts SET team_id = :team WHERE day = '2026-05-02'"),
            {"team": world.teams["west"]},
        )
    with world.store.reader() as session:

        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(tuple(r) for r in session.execute(text(sql)))

        assert rows(
            "SELECT day, form_version_id, section_id, grade, n FROM report_grade_counts"
            " WHERE n != 0"
        ) == rows(
            "SELECT day, form_version_id, section_id, grade, sum(n) FROM report_grade_team_counts"
            " GROUP BY 1, 2, 3, 4 HAVING sum(n) != 0"
        )
        assert rows(
            "SELECT team_id, month, section_id, grade, n FROM report_grade_month_counts"
            " WHERE n != 0"
        ) == rows(
            "SELECT team_id, substr(day, 1, 8) || '01', section_id, grade, sum(n)"
            " FROM report_grade_team_counts GROUP BY 1, 2, 3, 4 HAVING sum(n) != 0"
        )
        assert rows(
            "SELECT team_id, month, question_id, value, n FROM report_answer_month_counts"
            " WHERE n != 0"
        ) == rows(
            "SELECT team_id, substr(day, 1, 8) || '01', question_id, value, sum(n)"
            " FROM report_answer_counts GROUP BY 1, 2, 3, 4 HAVING sum(n) != 0"
        )
        # Both audits' answers now count for the west team in May.
        assert rows(
            "SELECT question_id, value, n FROM report_answer_month_counts"
            " WHERE team_id = :t AND n != 0".replace(":t", f"'{world.teams['west']}'")
        ) == [("A1", "no", 1), ("A1", "yes", 1)]

"""The central database does not trust clients: tried through raw SQL connections as each
person's own login, every forbidden write is refused, tables cannot be touched directly, and
each person pulls only what their role may read. Old clients are refused and keep their work."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb
from sqlalchemy import select

from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.central.sql import CLIENT_FORMAT, PROTOCOL_VERSION
from qa_desktop.sync.connection import CentralAddress, ClientTooOld, connect
from tests.conftest import NOW
from tests.sync.conftest import Central, Laptop
from tests.sync.world import World, add_audit, build_world, edit, pending

TABLES = {
    "rows": "table_name",
    "changes": "seq",
    "logins": "login",
    "audit_access": "audit_id",
    "counter": "last",
    "meta": "key",
    "refused": "change_id",
}
INTERNAL = (
    "qa_central.next_seq()",
    "qa_central.apply_change(NULL::qa_central.logins, '{}'::jsonb)",
    "qa_central.refuse('{}'::jsonb, 'x')",
)


class Setup:
    def __init__(self, central: Central, laptops: Callable[[str, CentralAddress], Laptop]):
        self.central = central
        qa_address = central.add_login("qa", "pending", ["qa_team"])
        self.qa = laptops("qa", qa_address)
        self.world: World = build_world(self.qa.store)
        w = self.world
        self.mine = add_audit(self.qa.store, w, "QA-0000001")
        self.theirs = add_audit(
            self.qa.store,
            w,
            "QA-0000002",
            auditor=w.other_auditor,
            practitioner=w.other_practitioner,
        )
        with self.qa.store.session() as s:
            r = Recorder(s, w.qa, NOW)
            self.review = r.insert(m.SectionReview, audit_id=self.mine, section_id="assessment").id
            self.their_review = r.insert(
                m.SectionReview, audit_id=self.theirs, section_id="assessment"
            ).id
            self.meeting = r.insert(
                m.Meeting, audit_id=self.mine, head_of_service_id=w.head, due_on=date(2026, 12, 1)
            ).id
        self.moderated = add_audit(self.qa.store, w, "QA-0000003")
        edit(self.qa.store, w.qa, m.Audit, self.moderated, state="in_moderation")
        self.qa.sync()
        self.logins = {
            "practitioner": central.add_login("prac", w.practitioner, ["practitioner"]),
            "auditor": central.add_login("aud", w.auditor, ["team_manager", "auditor"]),
            "moderator": central.add_login(
                "mod", w.moderator, ["service_manager", "auditor", "moderator"]
            ),
            "head_of_service": central.add_login("hos", w.head, ["head_of_service"]),
        }

    def raw(self, role: str) -> psycopg.Connection:
        return connect(self.logins[role])

    def push(self, conn: psycopg.Connection, change: dict[str, Any]) -> dict[str, Any]:
        full = {"change_id": str(uuid.uuid4()), "actor_id": None, "at": "2026-11-20T10:00:00"}
        full.update(change)
        row = conn.execute(
            "SELECT qa_central.push(%s, %s, %s)",
            (PROTOCOL_VERSION, CLIENT_FORMAT, Jsonb([full])),
        ).fetchone()
        conn.commit()
        assert row is not None
        return dict(row[0][0])

    def central_state(self) -> list[tuple[Any, ...]]:
        with self.central.admin_connection() as conn:
            return conn.execute(
                "SELECT table_name, row_id, fields FROM qa_central.rows ORDER BY 1, 2"
            ).fetchall()


@pytest.fixture
def setup(central: Central, laptops) -> Setup:
    return Setup(central, laptops)


def _current(setup: Setup, table: str, row_id: str, field: str) -> Any:
    with setup.central.admin_connection() as conn:
        row = conn.execute(
            "SELECT fields -> %s FROM qa_central.rows WHERE table_name = %s AND row_id = %s",
            (field, table, row_id),
        ).fetchone()
    return None if row is None else row[0]


def _upd(setup: Setup, table: str, row_id: str, field: str, value: Any) -> dict[str, Any]:
    return {
        "op": "update",
        "table": table,
        "row_id": row_id,
        "field": field,
        "value": value,
        "base": _current(setup, table, row_id, field),
    }


def _ins(table: str, **fields: Any) -> dict[str, Any]:
    row_id = str(uuid.uuid4())
    return {"op": "insert", "table": table, "row_id": row_id, "value": {"id": row_id, **fields}}


def forbidden(setup: Setup, role: str) -> list[dict[str, Any]]:
    w = setup.world
    theirs, mine = setup.theirs, setup.mine
    common = [
        _upd(setup, "people", w.practitioner, "name", "Renamed Person"),
        _ins("forms", key="x", title="New form", kind="case_file"),
        _ins("settings_like", key="x"),
        _upd(setup, "audits", theirs, "impact", "not my audit"),
        _upd(setup, "audits", mine, "auditor_id", w.other_auditor),
        _ins(
            "audits",
            reference="QA-9999999",
            case_id=w.case,
            auditor_id=w.other_auditor,
            practitioner_id=w.practitioner,
        ),
    ]
    by_role = {
        "practitioner": [
            _upd(setup, "audits", mine, "impact", "practitioner writing the auditor's part"),
            _upd(setup, "audits", mine, "overall_grade", "outstanding"),
            _upd(setup, "audits", theirs, "practitioner_disagreement", "someone else's audit"),
            _upd(setup, "section_reviews", setup.review, "grade", "outstanding"),
            _upd(setup, "section_reviews", setup.their_review, "practitioner_reflection", "x"),
            _ins("moderations", audit_id=mine, moderator_id=w.practitioner, section_id="overall"),
            _ins("meetings", audit_id=mine, head_of_service_id=w.practitioner),
            _ins("actions", audit_id=mine, owner_id=w.practitioner, description="x"),
        ],
        "auditor": [
            _upd(setup, "audits", mine, "practitioner_signed_at", "2026-11-20T10:00:00"),
            _upd(setup, "audits", mine, "practitioner_disagreement", "for them"),
            _upd(setup, "section_reviews", setup.their_review, "grade", "good"),
            _ins("moderations", audit_id=mine, moderator_id=w.auditor, section_id="overall"),
            _upd(setup, "meetings", setup.meeting, "barriers", "not my meeting"),
            _ins("actions", audit_id=theirs, owner_id=w.auditor, description="x"),
        ],
        "moderator": [
            _upd(setup, "audits", mine, "impact", "moderator rewriting"),
            _upd(setup, "section_reviews", setup.review, "grade", "good"),
            _ins("moderations", audit_id=mine, moderator_id=w.other_auditor, section_id="x"),
            _upd(setup, "meetings", setup.meeting, "barriers", "not my meeting"),
        ],
        "head_of_service": [
            _upd(setup, "audits", mine, "impact", "head rewriting"),
            _ins("meetings", audit_id=theirs, head_of_service_id=w.other_auditor),
            _ins("moderations", audit_id=mine, moderator_id=w.head, section_id="overall"),
            _ins("actions", audit_id=mine, owner_id=w.head, description="x"),
        ],
    }
    return common + by_role[role]


def allowed(setup: Setup, role: str) -> dict[str, Any]:
    w = setup.world
    return {
        "practitioner": _upd(
            setup, "section_reviews", setup.review, "practitioner_reflection", "I see it"
        ),
        "auditor": _upd(setup, "audits", setup.mine, "impact", "the auditor's words"),
        "moderator": _ins(
            "moderations",
            audit_id=setup.moderated,
            moderator_id=w.moderator,
            section_id="overall",
            moderated_grade="good",
        ),
        "head_of_service": _upd(setup, "meetings", setup.meeting, "barriers", "Caseloads"),
    }[role]


@pytest.mark.parametrize("role", ["practitioner", "auditor", "moderator", "head_of_service"])
def test_every_forbidden_write_is_refused(setup: Setup, role: str) -> None:
    before = setup.central_state()
    with setup.raw(role) as conn:
        for change in forbidden(setup, role):
            answer = setup.push(conn, change)
            assert answer["status"] == "refused", (role, change)
        assert setup.central_state() == before  # nothing applied
        assert (
            setup.push(conn, allowed(setup, role))["status"] == "accepted"
        )  # the role itself works
    assert setup.central_state() != before


@pytest.mark.parametrize("role", ["practitioner", "auditor", "moderator", "head_of_service", "qa"])
def test_a_client_login_cannot_touch_tables_or_internal_functions(setup: Setup, role: str) -> None:
    address = (
        setup.qa.address
        if role == "qa"
        else setup.logins[role]  # every kind of login, the QA team's included
    )
    statements = []
    for table, column in TABLES.items():
        statements += [
            f"SELECT * FROM qa_central.{table}",
            f"DELETE FROM qa_central.{table}",
            f"UPDATE qa_central.{table} SET {column} = NULL",
            f"INSERT INTO qa_central.{table} DEFAULT VALUES",
            f"TRUNCATE qa_central.{table}",
        ]
    statements += [f"SELECT {call}" for call in INTERNAL]
    statements += ["CREATE TABLE qa_central.mine (x int)", "CREATE TABLE public.mine (x int)"]
    with connect(address) as conn:
        for statement in statements:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()


def test_each_person_pulls_only_what_their_role_may_read(setup: Setup, laptops) -> None:
    practitioner = laptops("practitioner", setup.logins["practitioner"])
    practitioner.sync()
    with practitioner.store.reader() as s:
        audits = set(s.scalars(select(m.Audit.id)))
        reviews = set(s.scalars(select(m.SectionReview.id)))
    assert audits == {setup.mine, setup.moderated}
    assert reviews == {setup.review}
    auditor = laptops("auditor", setup.logins["auditor"])
    auditor.sync()
    with auditor.store.reader() as s:
        assert set(s.scalars(select(m.Audit.id))) == {setup.mine, setup.theirs, setup.moderated}


def test_practitioner_reflection_syncs_through_the_app(setup: Setup, laptops) -> None:
    practitioner = laptops("practitioner", setup.logins["practitioner"])
    practitioner.sync()
    edit(
        practitioner.store,
        setup.world.practitioner,
        m.SectionReview,
        setup.review,
        practitioner_reflection="I read it differently",
    )
    report = practitioner.sync()
    assert report.accepted == 1 and report.refused == 0
    setup.qa.sync()
    with setup.qa.store.reader() as s:
        row = s.get(m.SectionReview, setup.review)
        assert row is not None and row.practitioner_reflection == "I read it differently"


def test_a_refused_change_is_kept_not_lost(setup: Setup, laptops) -> None:
    practitioner = laptops("practitioner", setup.logins["practitioner"])
    practitioner.sync()
    edit(practitioner.store, setup.world.practitioner, m.Audit, setup.mine, impact="Not mine")
    report = practitioner.sync()
    assert report.refused == 1
    with practitioner.store.reader() as s:
        kept = s.scalars(select(m.SyncRefused)).one()
    assert kept.field == "impact" and kept.value == '"Not mine"'
    with setup.central.admin_connection() as conn:
        assert conn.execute("SELECT count(*) FROM qa_central.refused").fetchone() == (1,)


def test_an_older_client_is_refused_and_keeps_its_changes(setup: Setup) -> None:
    qa = setup.qa
    edit(qa.store, setup.world.qa, m.Audit, setup.mine, impact="Written on an old copy")
    with setup.central.admin_connection() as conn:
        conn.execute("UPDATE qa_central.meta SET value = '2' WHERE key = 'min_client_format'")
    with pytest.raises(ClientTooOld) as refused:
        qa.sync()
    assert "update QA Desktop" in str(refused.value)
    assert pending(qa.store) == 1
    with setup.central.admin_connection() as conn:
        conn.execute("UPDATE qa_central.meta SET value = '1' WHERE key = 'min_client_format'")
    # An older protocol is refused the same way, by push and pull too, not only by hello.
    with connect(qa.address) as conn:
        for call in (
            "SELECT qa_central.hello(0, 1)",
            "SELECT qa_central.push(0, 1, '[]'::jsonb)",
            "SELECT qa_central.pull(0, 1, 0, 10)",
        ):
            with pytest.raises(psycopg.Error) as raw:
                conn.execute(call)
            assert raw.value.sqlstate == "QA001"
            assert "update QA Desktop" in str(raw.value)
            conn.rollback()
    assert qa.sync().accepted == 1
    assert pending(qa.store) == 0


def test_a_login_cannot_write_in_someone_elses_name(setup: Setup) -> None:
    with setup.raw("practitioner") as conn:
        change = _upd(setup, "section_reviews", setup.review, "practitioner_reflection", "Mine")
        change["actor_id"] = setup.world.auditor  # claims to be the auditor
        assert setup.push(conn, change)["status"] == "accepted"
    with setup.central.admin_connection() as conn:
        actor = conn.execute(
            "SELECT actor_id FROM qa_central.changes WHERE field = 'practitioner_reflection'"
        ).fetchone()
    assert actor == (setup.world.practitioner,)


def test_someone_given_an_audit_later_receives_what_happened_before(setup: Setup, laptops) -> None:
    w = setup.world
    newcomer = setup.central.add_login("newcomer", w.other_practitioner, ["practitioner"])
    laptop = laptops("newcomer", newcomer)
    laptop.sync()
    with laptop.store.reader() as s:
        assert setup.mine not in set(s.scalars(select(m.Audit.id)))
    edit(setup.qa.store, w.qa, m.Audit, setup.mine, impact="Written before they joined")
    setup.qa.sync()
    with setup.qa.store.session() as s:
        Recorder(s, w.qa, NOW).insert(
            m.Participant, audit_id=setup.mine, person_id=w.other_practitioner, role="observer"
        )
    setup.qa.sync()
    report = laptop.sync()
    with laptop.store.reader() as s:
        row = s.get(m.Audit, setup.mine)
        assert row is not None and row.impact == "Written before they joined"
        assert s.get(m.SectionReview, setup.review) is not None
    assert report.applied >= 3  # the audit, its review, the edit, the participant
    assert laptop.sync().pulled == 0  # once only


def test_an_author_must_be_the_person_or_a_participant_and_the_time_is_the_centrals(
    setup: Setup,
) -> None:
    w = setup.world
    with setup.raw("practitioner") as conn:
        forged = _upd(setup, "section_reviews", setup.review, "reflection_author_id", w.auditor)
        answer = setup.push(conn, forged)
        assert answer["status"] == "refused"
        assert "author" in answer["reason"]
        own = _upd(setup, "section_reviews", setup.review, "reflection_author_id", w.practitioner)
        own["at"] = "1999-01-01T00:00:00"  # a forged time is kept as claimed, never as the time
        assert setup.push(conn, own)["status"] == "accepted"
    with setup.central.admin_connection() as conn:
        at, claimed = conn.execute(
            "SELECT at, claimed_at FROM qa_central.changes WHERE field = 'reflection_author_id'"
        ).fetchone()
    assert claimed == "1999-01-01T00:00:00" and not at.startswith("1999")


def test_an_insert_over_an_existing_row_is_checked_like_an_update(setup: Setup) -> None:
    with setup.raw("practitioner") as conn:
        again = _ins("section_reviews", audit_id=setup.mine, section_id="assessment")
        again["row_id"] = again["value"]["id"] = setup.review
        again["value"]["grade"] = "outstanding"  # the auditor's part: not theirs to write
        assert setup.push(conn, again)["status"] == "refused"
    assert _current(setup, "section_reviews", setup.review, "grade") is None


def test_settling_a_conflict_needs_the_right_to_write_its_field(setup: Setup) -> None:
    with setup.raw("auditor") as conn:
        first = _upd(setup, "audits", setup.mine, "impact", "First")
        second = dict(first, value="Second", change_id=str(uuid.uuid4()))
        assert setup.push(conn, first)["status"] == "accepted"
        conflict = setup.push(conn, second)
        assert conflict["status"] == "conflict"
    with setup.raw("practitioner") as conn:
        settle = {
            "op": "settle",
            "table": "audits",
            "row_id": setup.mine,
            "conflict_id": second["change_id"],
        }
        assert setup.push(conn, settle)["status"] == "refused"
    with setup.raw("auditor") as conn:
        assert setup.push(conn, dict(settle))["status"] == "accepted"

"""The rulebook's parity: for every audit state, every record of an audit the collaborative
audit writes, every field of it and every kind of person (by their relation to the audit),
the central database, through that person's own login on the real PostgreSQL, accepts
exactly the changes the declaration allows; and the workspace's check, for the relations it
works out itself, gives the same answer. Each change is pushed and rolled back, so the audit
stays in the state being tried."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from qa_desktop.domain import rights
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.rights import Op, Relation
from qa_desktop.domain.roles import PersonRoles, Role, capabilities
from qa_desktop.services.audit.rights import TARGET_TABLES, audit_rights
from qa_desktop.services.audit.workspace_data import (
    ANSWER_FIELDS,
    AREA_FIELDS,
    AUDIT_FIELDS,
    FieldRef,
    Target,
)
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.queries.audits import PersonInfo
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.central.sql import CLIENT_FORMAT, PROTOCOL_VERSION
from qa_desktop.sync.connection import CentralAddress, connect
from qa_desktop.sync.rows import TABLES, row_snapshot
from tests.conftest import NOW
from tests.sync.conftest import Central, Laptop
from tests.sync.world import add_audit, build_world, edit

R = Relation
# Each login: its role names, and the relations its person holds to the audit tried (the
# auditor and the practitioner are in the child's team; the others are not).
PEOPLE: dict[str, tuple[list[str], frozenset[Relation]]] = {
    "auditor": (["team_manager", "auditor"], frozenset({R.AUDITOR, R.TEAM_MANAGER, R.MANAGER})),
    "practitioner": (["practitioner"], frozenset({R.PRACTITIONER, R.ALLOCATED_WORKER})),
    "moderator": (["service_manager", "auditor", "moderator"], frozenset({R.MANAGER, R.MODERATOR})),
    "other_practitioner": (["practitioner"], frozenset()),
}
TABLES_TRIED = ("audits", "section_reviews", "answers", "actions")


def _push(conn: psycopg.Connection, change: dict[str, Any]) -> str:
    full = {"change_id": str(uuid.uuid4()), "actor_id": None, "at": "2026-11-20T10:00:00"}
    full.update(change)
    row = conn.execute(
        "SELECT qa_central.push(%s, %s, %s)", (PROTOCOL_VERSION, CLIENT_FORMAT, Jsonb([full]))
    ).fetchone()
    conn.rollback()
    assert row is not None
    return str(row[0][0]["status"])


def test_the_central_database_and_the_workspace_give_the_rulebooks_answer(
    central: Central, laptops: Callable[[str, CentralAddress], Laptop]
) -> None:
    qa = laptops("qa", central.add_login("qa", "pending", ["qa_officer"]))
    w = build_world(qa.store)
    rows: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {}
    for n, state in enumerate(AuditState):
        audit_id = add_audit(qa.store, w, f"QA-00000{n:02d}")
        with qa.store.session() as s:
            r = Recorder(s, w.qa, NOW)
            made = {
                "section_reviews": r.insert(
                    m.SectionReview, audit_id=audit_id, section_id="assessment"
                ),
                "answers": r.insert(m.Answer, audit_id=audit_id, question_id="A1"),
                "actions": r.insert(
                    m.Action,
                    audit_id=audit_id,
                    description="Visit",
                    owner_id=w.auditor,
                    due_on=NOW.date(),
                    status="open",
                    created_at=NOW,
                ),
            }
            s.flush()
            rows[state.value] = {
                t: (row.id, row_snapshot(t, {c.name: getattr(row, c.name) for c in TABLES[t].c}))
                for t, row in made.items()
            }
        edit(qa.store, w.qa, m.Audit, audit_id, state=state.value)
        with qa.store.reader() as s:
            found = s.get(m.Audit, audit_id)
            assert found is not None
            snapshot = {c.name: getattr(found, c.name) for c in TABLES["audits"].c}
        rows[state.value]["audits"] = (audit_id, row_snapshot("audits", snapshot))
    qa.sync()

    tried = disagreements = 0
    wrong: list[tuple[str, str, str, str, str, str]] = []
    ids = {
        "auditor": w.auditor,
        "practitioner": w.practitioner,
        "moderator": w.moderator,
        "other_practitioner": w.other_practitioner,
    }
    for who, (roles, relations) in PEOPLE.items():
        with connect(central.add_login(who[:10], ids[who], roles)) as conn:
            for state, records in rows.items():
                for table in TABLES_TRIED:
                    row_id, current = records[table]
                    held = set(relations)
                    if table == "actions" and who == "auditor":
                        held.add(R.OWNER)
                    # Every field, each changed.
                    for field in sorted(TABLES[table].c.keys()):
                        if field in ("id", "deleted_at"):
                            continue
                        want = rights.may(held, table, Op.CHANGE, field, state)
                        got = _push(
                            conn,
                            {
                                "op": "update",
                                "table": table,
                                "row_id": row_id,
                                "field": field,
                                # An author field names the person themselves (who else
                                # it may name is the author rule's, tried elsewhere).
                                "value": ids[who]
                                if field == rights.AUTHOR_FIELDS.get(table)
                                else "changed",
                                "base": current[field],
                            },
                        )
                        tried += 1
                        if (got != "refused") != want:
                            wrong.append((who, state, table, field, got, str(want)))
                    # A new row of it, in this audit.
                    if table != "audits":
                        new_id = str(uuid.uuid4())
                        value = {**current, "id": new_id}
                        if table == "section_reviews":
                            value["section_id"] = "planning"
                        if table == "answers":
                            value["question_id"] = "A2"
                        want = rights.may(held, table, Op.CREATE, None, state)
                        got = _push(
                            conn, {"op": "insert", "table": table, "row_id": new_id, "value": value}
                        )
                        tried += 1
                        if (got != "refused") != want:
                            wrong.append((who, state, table, "(new row)", got, str(want)))
    assert wrong == [], wrong
    assert tried > 500

    # The workspace: for the relations it works out itself, every field, every state.
    for who in ("auditor", "practitioner", "other_practitioner"):
        person = {
            "auditor": (w.auditor, Role.TEAM_MANAGER, True),
            "practitioner": (w.practitioner, Role.PRACTITIONER, False),
            "other_practitioner": (w.other_practitioner, Role.PRACTITIONER, False),
        }[who]
        info = PersonInfo(person[0], "Test", person[1], person[2], False, None, "", "", "")
        actor = Actor(info, capabilities(PersonRoles(person[1], person[2], False)))
        for state in AuditState:
            may = audit_rights(actor, w.auditor, w.practitioner, state.value)
            held = PEOPLE[who][1] & {R.AUDITOR, R.PRACTITIONER}
            for target, names in (
                (Target.AUDIT, AUDIT_FIELDS),
                (Target.AREA, AREA_FIELDS),
                (Target.ANSWER, ANSWER_FIELDS),
            ):
                for name in names:
                    table = TARGET_TABLES[target]
                    want = rights.may(held, table, Op.CHANGE, name, state.value) and (
                        target is Target.AUDIT
                        or rights.may(held, table, Op.CREATE, None, state.value)
                    )
                    if may.may_edit(FieldRef(target, "", name)) != want:
                        disagreements += 1
    assert disagreements == 0

"""Two laptops edit one audit offline, then sync with a real central PostgreSQL."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from sqlalchemy import select

from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.connection import CentralAddress
from tests.conftest import NOW
from tests.sync.conftest import Central, Laptop
from tests.sync.world import add_audit, audit, build_world, edit, pending, remove


def _two(central: Central, laptops: Callable[[str, CentralAddress], Laptop]):
    qa = central.add_login("qa", "qa-person", ["qa_team"])
    one, two = laptops("one", qa), laptops("two", qa)
    world = build_world(one.store)
    audit_id = add_audit(one.store, world, "QA-0000001")
    one.sync()
    two.sync()
    return one, two, world, audit_id


def test_different_fields_merge_on_both(central: Central, laptops) -> None:
    one, two, world, audit_id = _two(central, laptops)
    assert audit(two.store, audit_id).reference == "QA-0000001"

    edit(one.store, world.auditor, m.Audit, audit_id, impact="Plans are clearer")
    edit(two.store, world.practitioner, m.Audit, audit_id, voice_of_child="Child's words kept")
    for laptop in (one, two, one):
        laptop.sync()

    for laptop in (one, two):
        row = audit(laptop.store, audit_id)
        assert row.impact == "Plans are clearer"
        assert row.voice_of_child == "Child's words kept"
        assert pending(laptop.store) == 0


def test_same_field_is_a_conflict_with_both_values_on_both(central: Central, laptops) -> None:
    one, two, world, audit_id = _two(central, laptops)
    edit(one.store, world.auditor, m.Audit, audit_id, impact="First version")
    edit(two.store, world.qa, m.Audit, audit_id, impact="Second version")
    first = one.sync()
    second = two.sync()
    one.sync()
    assert first.accepted == 1 and second.conflicts_made == 1

    for laptop in (one, two):
        assert audit(laptop.store, audit_id).impact == "First version"
        with laptop.store.reader() as s:
            conflicts = s.scalars(select(m.SyncConflict)).all()
        assert len(conflicts) == 1
        kept = conflicts[0]
        assert (kept.table_name, kept.row_id, kept.field) == ("audits", audit_id, "impact")
        assert kept.current_value == '"First version"'
        assert kept.current_actor_id == world.auditor
        assert kept.other_value == '"Second version"'
        assert kept.other_actor_id == world.qa
        assert kept.settled_at is None


def test_delete_against_edit_is_a_conflict(central: Central, laptops) -> None:
    one, two, world, audit_id = _two(central, laptops)
    edit(one.store, world.auditor, m.Audit, audit_id, impact="Still needed")
    remove(two.store, world.qa, m.Audit, audit_id)
    one.sync()
    report = two.sync()
    one.sync()
    assert report.conflicts_made == 1
    for laptop in (one, two):
        row = audit(laptop.store, audit_id)
        assert row.deleted_at is None  # the edit reached the server first and stays
        assert row.impact == "Still needed"
        with laptop.store.reader() as s:
            kept = s.scalars(select(m.SyncConflict)).one()
        assert kept.field == "deleted_at" and kept.other_actor_id == world.qa


def test_edit_against_delete_is_a_conflict(central: Central, laptops) -> None:
    one, two, world, audit_id = _two(central, laptops)
    remove(two.store, world.qa, m.Audit, audit_id)
    edit(one.store, world.auditor, m.Audit, audit_id, impact="Written while deleted")
    two.sync()
    report = one.sync()
    two.sync()
    assert report.conflicts_made == 1
    for laptop in (one, two):
        assert audit(laptop.store, audit_id).deleted_at is not None
        with laptop.store.reader() as s:
            kept = s.scalars(select(m.SyncConflict)).one()
        assert kept.field == "impact" and kept.other_value == '"Written while deleted"'


def test_resent_batch_makes_no_duplicates(central: Central, laptops) -> None:
    one, two, world, audit_id = _two(central, laptops)
    edit(one.store, world.auditor, m.Audit, audit_id, impact="Once")

    def cut(step: str) -> None:
        if step == "after_server_commit":
            raise ConnectionError("lid closed")

    with contextlib.suppress(ConnectionError):
        one.sync(fault=cut)
    assert pending(one.store) == 1  # the client never heard: it keeps the change
    report = one.sync()
    assert report.pushed == 1 and report.accepted == 1
    with central.admin_connection() as conn:
        rows = conn.execute(
            "SELECT count(*) FROM qa_central.changes WHERE field = 'impact'"
        ).fetchone()
    assert rows == (1,)
    two.sync()
    with two.store.reader() as s:
        history = s.scalars(
            select(m.History).where(m.History.field == "impact", m.History.row_id == audit_id)
        ).all()
    assert [h.new_value for h in history] == ['"Once"']


def test_the_same_record_made_twice_under_two_ids_is_a_kept_conflict_and_sync_goes_on(
    central: Central, laptops
) -> None:
    """Rows made with random ids (as before one-per-parent ids, or by an older copy) that
    clash on a unique key: the pulled one is kept as a conflict, the pull moves on."""
    one, two, world, audit_id = _two(central, laptops)
    for laptop, grade in ((one, "good"), (two, "outstanding")):
        with laptop.store.session() as s:
            Recorder(s, world.moderator, NOW).insert(
                m.Moderation,
                audit_id=audit_id,
                section_id="overall",
                moderator_id=world.moderator,
                moderated_grade=grade,
                decided_at=NOW,
            )
    one.sync()
    report = two.sync()  # no longer stops
    with two.store.reader() as s:
        kept = s.scalars(select(m.Moderation)).one()
        conflict = s.scalars(
            select(m.SyncConflict).where(m.SyncConflict.table_name == "moderations")
        ).one()
    assert kept.moderated_grade == "outstanding"
    assert '"good"' in (conflict.other_value or "") and conflict.field == "*"
    edit(one.store, world.qa, m.Audit, audit_id, impact="Still flowing")
    one.sync()
    assert two.sync().applied >= 1 and report.cursor > 0
    with central.admin_connection() as conn:
        grades = sorted(
            g
            for (g,) in conn.execute(
                "SELECT fields ->> 'moderated_grade' FROM qa_central.rows "
                "WHERE table_name = 'moderations'"
            )
        )
    assert grades == ["good", "outstanding"]  # both reached the central database

"""Every write records history and change capture in the same transaction."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder, bundle_rows

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def _history(session):
    return session.scalars(select(m.History).order_by(m.History.id)).all()


def _outbox(session):
    return session.scalars(select(m.OutboxChange).order_by(m.OutboxChange.seq)).all()


def test_insert_records_one_history_row_and_captures_the_row(store) -> None:
    with store.session() as session:
        area = Recorder(session, "person-1", NOW).insert(m.Area, name="North")
    with store.reader() as session:
        (history,) = _history(session)
        (change,) = _outbox(session)
    assert (history.table_name, history.row_id, history.field, history.actor_id) == (
        "areas",
        area.id,
        "*",
        "person-1",
    )
    assert json.loads(history.new_value) == {"name": "North", "id": area.id}
    assert history.old_value is None
    assert (change.op, change.row_id, json.loads(change.value)["name"]) == (
        "insert",
        area.id,
        "North",
    )


def test_update_records_each_changed_field_with_old_and_new(store) -> None:
    with store.session() as session:
        recorder = Recorder(session, "a", NOW)
        area = recorder.insert(m.Area, name="North")
        service = recorder.insert(m.Service, name="Early Help")
        session.flush()
        team = recorder.insert(m.Team, name="North EH", area_id=area.id, service_id=service.id)
    with store.session() as session:
        row = session.get(m.Team, team.id)
        changed = Recorder(session, "b", NOW).update(row, name="North Early Help", area_id=area.id)
    assert changed == {"name": ("North EH", "North Early Help")}  # area_id did not change
    with store.reader() as session:
        history = [h for h in _history(session) if h.field == "name" and h.table_name == "teams"]
        change = _outbox(session)[-1]
    assert [(h.actor_id, json.loads(h.old_value), json.loads(h.new_value)) for h in history] == [
        ("b", "North EH", "North Early Help")
    ]
    assert (change.op, change.field, json.loads(change.value), json.loads(change.base_value)) == (
        "update",
        "name",
        "North Early Help",
        "North EH",
    )


def test_dates_are_recorded_as_iso_text(store) -> None:
    with store.session() as session:
        recorder = Recorder(session, "a", NOW)
        owner = recorder.insert(m.Person, name="Alex Test", role="practitioner")
        session.flush()
        action = recorder.insert(
            m.Action,
            description="Update the plan",
            owner_id=owner.id,
            due_on=date(2026, 12, 1),
            created_at=NOW,
        )
        session.flush()
        recorder.update(action, due_on=date(2026, 12, 8))
    with store.reader() as session:
        last = _history(session)[-1]
    assert (last.field, json.loads(last.old_value), json.loads(last.new_value)) == (
        "due_on",
        "2026-12-01",
        "2026-12-08",
    )


def test_delete_is_a_tombstone_that_travels(store) -> None:
    with store.session() as session:
        recorder = Recorder(session, "a", NOW)
        owner = recorder.insert(m.Person, name="Alex Test", role="practitioner")
        session.flush()
        action = recorder.insert(
            m.Action, description="x", owner_id=owner.id, due_on=date(2026, 12, 1), created_at=NOW
        )
        session.flush()
        recorder.delete(action)
        recorder.delete(action)  # twice changes nothing more
    with store.reader() as session:
        row = session.get(m.Action, action.id)
        deletes = [c for c in _outbox(session) if c.op == "delete"]
    assert row is not None and row.deleted_at is not None
    assert len(deletes) == 1 and deletes[0].row_id == action.id


def test_rows_without_tombstones_cannot_be_deleted(store) -> None:
    with store.session() as session:
        area = Recorder(session, "a", NOW).insert(m.Area, name="North")
        session.flush()
        with pytest.raises(AttributeError, match="cannot be deleted"):
            Recorder(session, "a", NOW).delete(area)


def test_a_failed_transaction_leaves_no_history_and_nothing_to_push(store) -> None:
    with pytest.raises(RuntimeError), store.session() as session:
        Recorder(session, "a", NOW).insert(m.Area, name="North")
        session.flush()
        raise RuntimeError("power cut")
    with store.reader() as session:
        assert _history(session) == [] and _outbox(session) == []
        assert session.scalar(select(m.Area.id)) is None


def test_capture_off_keeps_history_but_nothing_to_push(store) -> None:
    with store.session() as session:
        Recorder(session, None, NOW, capture=False).insert_many(
            m.Area, [{"name": "A"}, {"name": "B"}]
        )
    with store.reader() as session:
        assert len(_history(session)) == 2
        assert _outbox(session) == []


def test_a_bulk_insert_stores_what_one_insert_stores(store) -> None:
    """insert_many writes plain rows straight through the driver: the columns left out get
    the models' defaults (booleans as 0/1), and history and outbox carry the same JSON."""
    fields = {"name": "Test Person", "role": "practitioner", "team_id": None}
    with store.session() as session:
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        recorder = Recorder(session, "person-1", NOW)
        one = recorder.insert(m.Person, **fields).id
        session.flush()
        many = m.new_id()
        assert recorder.insert_many(m.Person, [{"id": many, **fields}]) == 1
    with store.reader() as session:
        rows = {
            r[0]: r[1:]
            for r in session.execute(
                text("SELECT id, *, typeof(active), typeof(is_auditor) FROM people")
            )
        }
        changes = {c.row_id: c for c in _outbox(session)}
        history = {h.row_id: h for h in _history(session)}
    assert rows[one][1:] == rows[many][1:]
    assert rows[many][-4:] == (0, 1, "integer", "integer")  # is_moderator, active, their types
    for texts in (
        {k: c.value for k, c in changes.items()},
        {k: h.new_value for k, h in history.items()},
    ):
        assert json.loads(texts[many]) == {"id": many, **fields}
        assert json.loads(texts[one]) == {**fields, "id": one}


def test_a_bundle_is_one_change_that_gives_back_each_row_as_written(store) -> None:
    """Rows written with capture off and captured as one bundle: one outbox change, kept
    compactly, that reads back every row (a table of one field too) in order; with the
    recorder's capture off there is nothing to push at all."""
    area, services = m.new_id(), [{"id": m.new_id(), "name": n} for n in ("S1", "S2")]
    parts = {"areas": [{"id": area, "name": "Bundled"}], "services": services, "teams": []}
    with store.session() as session:
        recorder = Recorder(session, "person-1", NOW)
        recorder.insert_many(m.Area, parts["areas"], capture=False)
        recorder.insert_many(m.Service, services, history=False, capture=False)
        recorder.capture_bundles("areas", [(area, parts)])
        Recorder(session, None, NOW, capture=False).capture_bundles("areas", [(area, parts)])
    with store.reader() as session:
        [change] = _outbox(session)
        assert len(_history(session)) == 1  # the area's; the services' history was left out
    assert (change.op, change.table_name, change.row_id) == (m.BUNDLE, "areas", area)
    assert list(bundle_rows(json.loads(change.value or ""))) == [
        ("areas", {"id": area, "name": "Bundled"}),
        *(("services", row) for row in services),
    ]
    assert list(bundle_rows({"cases": {"fields": ["id"], "rows": [["c1"]]}})) == [
        ("cases", {"id": "c1"})
    ]


def test_a_bulk_insert_missing_a_field_of_its_first_row_is_refused_as_before(store) -> None:
    with pytest.raises(StatementError), store.session() as session:
        Recorder(session, None, NOW).insert_many(m.Area, [{"name": "A"}, {"id": "x"}])
    with store.reader() as session:
        assert session.scalar(select(m.Area.id)) is None and _outbox(session) == []

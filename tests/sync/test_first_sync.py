"""The first sync into an empty store applies the snapshot in bulk: the same rows, refusals and
report figures as the batch-by-batch pull, with history kept compactly (one row per audit, one
for the rest), while every later pulled change keeps its own history row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from qa_desktop.services.audit.workspace import WorkspaceService
from qa_desktop.services.audit.workspace_data import FieldRef, Target
from qa_desktop.services.clock import fixed_clock
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store, open_store
from qa_desktop.store.recorder import Recorder
from qa_desktop.store.reporting.tables import FAMILIES
from qa_desktop.sync import client as sync_client
from qa_desktop.sync.connection import CentralAddress
from qa_desktop.sync.rows import TABLES, row_snapshot
from tests.conftest import NOW
from tests.services.reporting.kept_counts_check import assert_kept_counts_agree
from tests.sync.conftest import Central, Laptop
from tests.sync.test_report_counts import _complete
from tests.sync.world import World, add_audit, build_world, edit

Laptops = Callable[[str, CentralAddress], Laptop]


def _county(central: Central, laptops: Laptops) -> tuple[Laptop, World, list[str]]:
    """The QA team's laptop with three audits pushed: two completed (answers, reviews, a
    moderation, a meeting and actions each), the second with another practitioner (who reads
    only that one), the third a re-audit of the second."""
    qa = laptops("qa", central.add_login("qa", "qa-person", ["qa_team"]))
    world = build_world(qa.store)
    first = add_audit(qa.store, world, "QA-0000001")
    second = add_audit(
        qa.store,
        world,
        "QA-0000002",
        auditor=world.other_auditor,
        practitioner=world.other_practitioner,
    )
    _complete(qa, world, first, date(2026, 11, 3), "inadequate")
    _complete(qa, world, second, date(2026, 10, 20), "good")
    with qa.store.session() as s:
        third = (
            Recorder(s, world.other_auditor, NOW)
            .insert(
                m.Audit,
                reference="QA-0000003",
                case_id=world.case,
                form_version_id=world.version,
                audit_type="case_file",
                state="in_progress",
                auditor_id=world.other_auditor,
                practitioner_id=world.practitioner,
                due_on=date(2026, 12, 1),
                created_at=NOW,
                reaudit_of_id=second,
                overall_rationale="The plan is reviewed monthly",
                escalation=True,
            )
            .id
        )
    qa.sync()
    return qa, world, [first, second, third]


def _records(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced and derived table's rows, and the conflicts kept, in a fixed order."""
    names = [*TABLES, *(f.name for f in FAMILIES), "sync_conflicts"]
    with store.reader() as s:
        return {
            name: sorted(
                (tuple(row) for row in s.execute(text(f'SELECT * FROM "{name}"'))), key=repr
            )
            for name in names
        }


def _history(store: Store, table: str) -> list[m.History]:
    with store.reader() as s:
        rows = s.scalars(select(m.History).where(m.History.table_name == table)).all()
        s.expunge_all()
        return list(rows)


def _answer_id(store: Store, audit_id: str, question: str) -> str:
    with store.reader() as s:
        return str(
            s.scalar(
                select(m.Answer.id).where(
                    m.Answer.audit_id == audit_id, m.Answer.question_id == question
                )
            )
        )


def test_history_of_a_first_sync_says_where_it_came_from_and_later_changes_have_their_own(
    central: Central, laptops: Laptops
) -> None:
    qa, world, (first, second, third) = _county(central, laptops)
    laptop = laptops("new", qa.address)
    report = laptop.sync()
    assert report.applied > 0 and report.conflicts_received == 0

    audits = _history(laptop.store, "audits")
    assert sorted(h.row_id for h in audits if h.field == "*") == sorted([first, second, third])
    # Each marked as come with the first sync.
    assert all(m.FIRST_SYNC in (h.new_value or "") for h in audits if h.field == "*")
    for table in ("answers", "section_reviews", "moderations", "meetings", "actions"):
        assert _history(laptop.store, table) == [], table  # the audit's row stands for them
    (snapshot,) = _history(laptop.store, "store")
    assert snapshot.row_id == m.FIRST_SYNC
    assert '"answers": 6' in (snapshot.new_value or "")
    assert '"audits": 3' in (snapshot.new_value or "")

    service = WorkspaceService(laptop.store, fixed_clock(NOW))
    answer = FieldRef(Target.ANSWER, "A1", "value")
    (arrived,) = service.field_history(first, answer)
    assert (arrived.new, arrived.origin) == ("yes", m.FIRST_SYNC)
    (rationale,) = service.field_history(third, FieldRef(Target.AUDIT, "", "overall_rationale"))
    assert (rationale.new, rationale.origin) == ("The plan is reviewed monthly", m.FIRST_SYNC)
    assert rationale.actor == "Test Other Auditor"  # who made it, on the laptop it was made on
    (grade,) = service.field_history(second, FieldRef(Target.AREA, "B", "grade"))
    assert (grade.new, grade.origin) == ("good", m.FIRST_SYNC)
    # Changes made after the insert on the QA team's laptop came as updates: their own rows.
    overall = service.field_history(first, FieldRef(Target.AUDIT, "", "overall_grade"))
    assert [(h.old, h.new, h.origin) for h in overall] == [(None, "inadequate", None)]

    # A later pulled change of one field has its own history row, after the value it came with.
    answer_id = _answer_id(qa.store, first, "A1")
    edit(qa.store, world.auditor, m.Answer, answer_id, value="partly")
    qa.sync()
    assert laptop.sync().applied == 1
    (own,) = _history(laptop.store, "answers")
    assert (own.row_id, own.field, own.actor_id) == (answer_id, "value", world.auditor)
    assert [(h.old, h.new, h.origin, h.actor) for h in service.field_history(first, answer)] == [
        (None, "yes", m.FIRST_SYNC, ""),
        ("yes", "partly", None, "Test Auditor"),
    ]
    # An answer made after the first sync keeps its own insert row, as before.
    with qa.store.session() as s:
        Recorder(s, world.auditor, NOW).insert(
            m.Answer, audit_id=third, question_id="A1", value="no"
        )
    qa.sync()
    laptop.sync()
    made = service.field_history(third, answer)
    assert [(h.new, h.origin) for h in made] == [("no", None)]


@pytest.mark.parametrize(
    "who", ["qa", "practitioner"], ids=["QA team, every audit", "practitioner, own audits only"]
)
def test_a_bulk_first_sync_applies_what_the_batch_by_batch_pull_applies(
    central: Central, laptops: Laptops, monkeypatch: pytest.MonkeyPatch, who: str
) -> None:
    qa, world, (first, second, third) = _county(central, laptops)
    address = (
        qa.address
        if who == "qa"
        else central.add_login("prac", world.other_practitioner, ["practitioner"])
    )
    bulk = laptops("bulk", address)
    bulk.client(pull_batch=7).sync()  # small batches: a batch may hold children before parents
    ordinary = laptops("ordinary", address)
    with monkeypatch.context() as patch:
        patch.setattr(sync_client, "_empty_tables", lambda _session: frozenset())
        ordinary.client(pull_batch=7).sync()

    got, expected = _records(bulk.store), _records(ordinary.store)
    assert got == expected
    audits = {row[0] for row in got["audits"]}
    assert audits == ({first, second, third} if who == "qa" else {second})
    assert got["report_audits"], "the report tables were rebuilt"
    assert_kept_counts_agree(bulk.store, today=NOW.date())

    # What comes after the first sync is applied row by row by both, with the same result.
    edit(qa.store, world.qa, m.Audit, first, overall_grade="requires_improvement")
    qa.sync()
    bulk.sync()
    ordinary.sync()
    assert _records(bulk.store) == _records(ordinary.store)
    assert_kept_counts_agree(bulk.store, today=NOW.date())


def test_a_cut_first_sync_leaves_the_store_empty_and_the_next_one_completes(
    central: Central, laptops: Laptops
) -> None:
    qa, _world, _audits = _county(central, laptops)
    laptop = laptops("new", qa.address)
    batches = 0

    def cut_on_the_third_batch(step: str) -> None:
        nonlocal batches
        if step == "mid_pull":
            batches += 1
            if batches == 3:
                raise ConnectionError("the lid closed")

    with pytest.raises(ConnectionError):
        laptop.client(cut_on_the_third_batch, pull_batch=5).sync()
    with laptop.store.reader() as s:
        assert s.scalar(text("SELECT count(*) FROM audits")) == 0
        assert s.scalar(text("SELECT count(*) FROM history")) == 0
        assert s.get(m.SyncState, sync_client.CURSOR) is None
    laptop.client(pull_batch=5).sync()
    assert _records(laptop.store)["audits"] == _records(qa.store)["audits"]
    assert_kept_counts_agree(laptop.store, today=NOW.date())


def test_a_row_pulled_twice_in_a_first_sync_goes_the_ordinary_way(tmp_path: Path) -> None:
    """The bulk statement refuses a batch holding the same row twice; the batch is then
    applied as the ordinary pull applies it, its history included."""

    def event(seq: int, name: str) -> dict[str, Any]:
        return {
            "seq": seq,
            "change_id": f"change-{seq}",
            "kind": "insert",
            "table_name": "areas",
            "row_id": "area-1",
            "value": row_snapshot("areas", {"id": "area-1", "name": name}),
            "actor_id": None,
            "at": NOW.isoformat(),
        }

    events = [event(1, "West"), event(2, "West and North")]
    results = []
    for first in (frozenset(TABLES), frozenset()):
        store = open_store(tmp_path / f"{len(first)}.qadb", create=True)
        tally = sync_client._Tally()
        with store.session() as s:
            sync_client._defer_foreign_keys(s)  # as the pull does: the transaction is open
            sync_client._Applier(s, NOW, first=first).apply(events, tally)
        history = [(h.row_id, h.field) for h in _history(store, "areas")]
        results.append((_records(store)["areas"], history, tally.applied))
        store.close()
    assert results[0] == results[1]
    assert results[0][1:] == ([("area-1", "*")], 1)

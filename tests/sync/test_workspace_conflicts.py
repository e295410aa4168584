"""Real conflicts (two laptops, the central PostgreSQL database) reach the workspace's load:
each field changed on both laptops is named with the other value, until it is settled."""

from __future__ import annotations

from pathlib import Path

from qa_desktop.services.audit.workspace import WorkspaceService
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.credentials import Credentials
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.services.sync import SyncService
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder
from tests.conftest import NOW
from tests.sync.world import add_audit, build_world, edit

FORM = Path(__file__).resolve().parents[2] / "forms" / "learning-audit.yaml"


def _answer(store: Store, actor: str, audit_id: str, question_id: str, value: str) -> str:
    with store.session() as session:
        return (
            Recorder(session, actor, NOW)
            .insert(m.Answer, audit_id=audit_id, question_id=question_id, value=value)
            .id
        )


def test_the_workspace_load_names_each_field_in_conflict_until_settled(central, laptops) -> None:
    qa = central.add_login("qa", "qa-person", ["qa_team"])
    one, two = laptops("one", qa), laptops("two", qa)
    world = build_world(one.store)
    edit(one.store, None, m.FormVersion, world.version, source=FORM.read_text(encoding="utf-8"))
    audit_id = add_audit(one.store, world, "QA-0000001")
    answer_id = _answer(one.store, world.auditor, audit_id, "A1", "yes")
    one.sync()
    two.sync()
    edit(one.store, world.auditor, m.Audit, audit_id, impact="From laptop one")
    edit(two.store, world.qa, m.Audit, audit_id, impact="From laptop two")
    edit(one.store, world.auditor, m.Answer, answer_id, value="partly")
    edit(two.store, world.qa, m.Answer, answer_id, value="no")
    one.sync()
    two.sync()

    workspace = WorkspaceService(two.store, lambda: NOW)
    actor = DirectoryService(two.store).actor(world.qa)
    ws = workspace.load(audit_id, actor)
    assert set(ws.conflicts) == {FieldRef.audit("impact"), FieldRef.answer("A1")}
    impact = ws.conflicts[FieldRef.audit("impact")]
    assert ws.impact == impact.current_value == "From laptop one"
    assert impact.other_value == "From laptop two"
    assert impact.other_actor_id == world.qa and impact.other_author == "Test Qa"
    assert impact.current_author == "Test Auditor"
    answer = ws.conflicts[FieldRef.answer("A1")]
    assert ws.answers["A1"].value == answer.current_value == "partly"
    assert answer.other_value == "no"
    # Laptop one knows the conflict too, once it has pulled it.
    one.sync()
    seen_on_one = WorkspaceService(one.store, lambda: NOW).load(
        audit_id, DirectoryService(one.store).actor(world.qa)
    )
    assert set(seen_on_one.conflicts) == set(ws.conflicts)

    sync = SyncService(two.store, lambda: NOW, Credentials())
    conflict = sync.conflicts_on("answers", answer_id)["value"]
    sync.settle(conflict.id, world.qa, "other")
    settled = workspace.load(audit_id, actor)
    assert set(settled.conflicts) == {FieldRef.audit("impact")}
    assert settled.answers["A1"].value == "no"

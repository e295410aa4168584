"""Two workspace windows on two stores (the auditor's laptop and the practitioner's), each
syncing as its own login with the real central PostgreSQL and going live: a field saved in
one appears in the other within moments, and each window names who else is in the audit and
where, until they close it. A field typed in on one that the other saves becomes a choice,
never a silent overwrite; a field changed in place is marked with who changed it; undo never
writes an old value back over the other's newer one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qa_desktop.services.audit.workspace_data import FieldRef, Value
from qa_desktop.services.container import Services, build_services
from qa_desktop.store import models as m
from qa_desktop.sync.connection import CentralAddress
from qa_desktop.ui.announce import listen
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.sync.status import SyncController
from qa_desktop.ui.screens.workspace.live import LiveHub
from qa_desktop.ui.screens.workspace.window import WorkspaceWindow
from qa_desktop.ui.settings import AppSettings
from tests.conftest import NOW
from tests.sync.conftest import Central, Laptop, central_database
from tests.sync.world import add_audit, build_world, edit

FORM = Path(__file__).resolve().parents[2] / "forms" / "learning-audit.yaml"
IMPACT = FieldRef.audit("impact")


@pytest.fixture
def central(postgres_url: str) -> Iterator[Central]:
    yield from central_database(postgres_url, "live_")


@dataclass
class Side:
    laptop: Laptop
    services: Services
    runner: Runner
    controller: SyncController
    hub: LiveHub
    window: WorkspaceWindow


def _side(laptop: Laptop, person: str, audit_id: str, tmp_path: Path, qtbot) -> Side:
    laptop.sync()
    services = build_services(laptop.store, lambda: NOW)
    services.sync.save_settings(laptop.address.display(), laptop.address.user, None)
    failures: list[BaseException] = []
    runner = Runner(failures.append)
    controller = SyncController(services.sync, runner)
    actor = services.directory.actor(person)
    ws = services.workspace.load(audit_id, actor)
    settings = AppSettings(tmp_path / f"{laptop.name}.ini")
    window = WorkspaceWindow(ws, services.workspace, runner, actor, settings, lambda: NOW.date())
    qtbot.addWidget(window)
    hub = LiveHub(services.sync, controller)
    hub.start()
    hub.attach(window)
    window.show()
    return Side(laptop, services, runner, controller, hub, window)


@pytest.fixture
def sides(
    central: Central, laptops: Callable[[str, CentralAddress], Laptop], tmp_path: Path, qtbot
) -> Iterator[tuple[Side, Side]]:
    qa = laptops("qa", central.add_login("qa", "pending", ["qa_officer"]))
    world = build_world(qa.store)
    edit(qa.store, None, m.FormVersion, world.version, source=FORM.read_text("utf-8"))
    audit_id = add_audit(qa.store, world, "QA-0000001")
    qa.sync()
    auditor = laptops(
        "auditor", central.add_login("aud", world.auditor, ["team_manager", "auditor"])
    )
    practitioner = laptops(
        "practitioner", central.add_login("prac", world.practitioner, ["practitioner"])
    )
    one = _side(auditor, world.auditor, audit_id, tmp_path, qtbot)
    two = _side(practitioner, world.practitioner, audit_id, tmp_path, qtbot)
    qtbot.waitUntil(lambda: one.hub.online and two.hub.online, timeout=5000)
    yield one, two
    for side in (one, two):
        side.hub.stop()
        side.controller.wait()
        side.runner.wait()


def test_a_field_saved_in_one_window_appears_in_the_other(sides, qtbot) -> None:
    one, two = sides
    qtbot.wait(400)  # both links listen
    one.window.edited(IMPACT, "Visits are now weekly")
    one.window.flush()
    qtbot.waitUntil(
        lambda: two.window.bindings[IMPACT].value() == "Visits are now weekly", timeout=4000
    )
    # It came by the ordinary pull: in the practitioner's store, with the auditor's history.
    history = two.services.workspace.field_history(two.window.ws.id, IMPACT)
    assert history[-1].new == "Visits are now weekly"
    assert history[-1].actor == "Test Auditor"


def test_presence_names_who_else_is_in_the_audit_and_clears_on_close(sides, qtbot) -> None:
    one, two = sides
    label = two.hub.labels[two.window.ws.id]
    qtbot.waitUntil(lambda: "Test Auditor" in label.text(), timeout=8000)
    first_area = one.window.ws.form.sections[0].title
    assert first_area in label.text()
    one.window.reveal_page(1)
    second_area = one.window.ws.form.sections[1].title
    qtbot.waitUntil(lambda: second_area in label.text(), timeout=4000)
    one.window.close()
    qtbot.waitUntil(lambda: label.text() == "", timeout=4000)


def test_a_cut_mid_edit_loses_nothing_and_the_outbox_catches_up(sides, central, qtbot) -> None:
    one, two = sides
    login = one.services.sync.settings().user
    with central.admin_connection() as admin:
        admin.execute(f'ALTER ROLE "{login}" NOLOGIN')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (login,)
        )
    qtbot.waitUntil(lambda: not one.hub.online, timeout=4000)
    one.window.edited(IMPACT, "Typed while offline")
    one.window.flush()
    qtbot.wait(300)
    assert one.services.sync.status().waiting > 0  # kept in the outbox
    with central.admin_connection() as admin:
        admin.execute(f'ALTER ROLE "{login}" LOGIN')
    # The link comes back by itself and the outbox goes at once, without the timed sync.
    qtbot.waitUntil(lambda: one.services.sync.status().waiting == 0, timeout=10000)
    qtbot.waitUntil(
        lambda: two.window.bindings[IMPACT].value() == "Typed while offline", timeout=4000
    )


def _reflection(side: Side, area: int = 0) -> FieldRef:
    return FieldRef.area(side.window.ws.form.sections[area].id, "practitioner_reflection")


def _stored(side: Side, ref: FieldRef) -> Value:
    """What the side's own store holds now (read afresh, not what its window shows)."""
    return side.services.workspace.load(side.window.ws.id, side.window.actor).value(ref)


def _typed_on_both(one: Side, two: Side, qtbot) -> FieldRef:
    """The practitioner is typing their reflection (no pause yet) when the auditor, on the
    other laptop, saves the same field."""
    qtbot.wait(400)  # both links listen
    ref = _reflection(two)
    two.window.timer.setInterval(60_000)  # still typing: the pause does not come
    box = two.window.bindings[ref].widgets()[0]
    box.setPlainText("Mine: we met at school")
    one.window.edited(ref, "Theirs: seen at home")
    one.window.flush()
    qtbot.waitUntil(lambda: ref in two.window.choice_bar.rows, timeout=6000)
    return ref


def test_the_same_field_typed_on_both_becomes_a_choice_and_keep_mine_saves_it(sides, qtbot) -> None:
    one, two = sides
    ref = _typed_on_both(one, two, qtbot)
    row = two.window.choice_bar.rows[ref]
    assert two.window.choice_bar.isVisible() and row.use.isVisible() and row.keep.isVisible()
    assert row.label.text().startswith("Also changed by Test Auditor: “Theirs: seen at home”")
    assert two.window.choice_badges[ref].isVisibleTo(two.window)  # the field says so too
    box = two.window.bindings[ref].widgets()[0]
    assert box.toPlainText() == "Mine: we met at school"  # the typed text stays in its box
    # Held: neither a pause nor leaving the field saves it over theirs until the choice.
    two.window.flush()
    qtbot.wait(300)
    assert _stored(two, ref) == "Theirs: seen at home"
    assert two.window.save_status.text() == "Not saved: choose yours or theirs"

    qtbot.mouseClick(row.keep, Qt.MouseButton.LeftButton)
    assert not two.window.choice_bar.isVisible()
    assert not two.window.choice_badges[ref].isVisibleTo(two.window)
    qtbot.waitUntil(lambda: _stored(one, ref) == "Mine: we met at school", timeout=6000)
    assert _stored(two, ref) == "Mine: we met at school"
    qtbot.waitUntil(
        lambda: one.window.bindings[ref].value() == "Mine: we met at school", timeout=4000
    )
    assert two.window.save_status.text() == "All changes saved"
    # History keeps both, in the order they were saved.
    values = [e.new for e in one.services.workspace.field_history(one.window.ws.id, ref)]
    assert values[-2:] == ["Theirs: seen at home", "Mine: we met at school"]


def test_use_theirs_drops_the_typed_text_and_nothing_goes_back(sides, qtbot) -> None:
    one, two = sides
    ref = _typed_on_both(one, two, qtbot)
    qtbot.mouseClick(two.window.choice_bar.rows[ref].use, Qt.MouseButton.LeftButton)
    box = two.window.bindings[ref].widgets()[0]
    assert box.toPlainText() == "Theirs: seen at home"
    assert two.window.save_status.text() == "All changes saved"
    two.window.flush()
    two.controller.sync_in_background()
    qtbot.waitUntil(lambda: not two.controller.running, timeout=6000)
    assert two.services.sync.status().waiting == 0  # nothing of the typed text travels
    assert _stored(one, ref) == _stored(two, ref) == "Theirs: seen at home"
    assert all(
        e.new != "Mine: we met at school"
        for e in two.services.workspace.field_history(two.window.ws.id, ref)
    )


def test_a_field_changed_on_one_is_marked_with_who_on_the_other(sides, qtbot) -> None:
    one, two = sides
    qtbot.wait(400)
    ref = _reflection(two)
    evidence = FieldRef.answer(two.window.ws.form.sections[0].questions[0].id, "evidence")
    said: list[str] = []
    with listen(lambda _source, text: said.append(text)):
        one.window.edited(ref, "Written on the auditor's laptop")
        one.window.edited(IMPACT, "Not on the practitioner's screen")
        one.window.flush()
        qtbot.waitUntil(lambda: ref in two.window.changed_badges, timeout=6000)
    badge = two.window.changed_badges[ref]
    assert badge.text() == "Changed by Test Auditor just now"
    assert badge.isVisibleTo(two.window)
    assert two.window.bindings[ref].widgets()[0].accessibleDescription() == badge.text()
    assert "Changed by Test Auditor just now" in said
    assert two.window.bindings[IMPACT].value() == "Not on the practitioner's screen"
    assert IMPACT not in two.window.changed_badges  # it came, but not where they are looking
    # Their own edit takes the mark away.
    two.window.bindings[ref].widgets()[0].setPlainText("My reflection now")
    assert not badge.isVisibleTo(two.window) and badge.message == ""
    # Leaving the area takes the others' away.
    one.window.edited(evidence, "Seen the plan")
    one.window.flush()
    qtbot.waitUntil(lambda: evidence in two.window.changed_badges, timeout=6000)
    assert two.window.changed_badges[evidence].isVisibleTo(two.window)
    two.window.reveal_page(1)
    two.window.reveal_page(0)
    assert not two.window.changed_badges[evidence].isVisibleTo(two.window)


def test_undo_after_another_laptop_changed_the_field_does_not_write_back(sides, qtbot) -> None:
    one, two = sides
    qtbot.wait(400)
    first, second = _reflection(two, 0), _reflection(two, 1)
    two.window.edited(first, "Practitioner's first words")
    two.window.edited(second, "Second area, practitioner")
    two.window.flush()
    assert two.window.undo_stack.count() == 2
    qtbot.waitUntil(lambda: _stored(one, first) == "Practitioner's first words", timeout=6000)
    qtbot.waitUntil(
        lambda: one.window.bindings[first].value() == "Practitioner's first words", timeout=4000
    )
    one.window.edited(first, "The auditor's newer words")
    one.window.flush()
    qtbot.waitUntil(
        lambda: two.window.bindings[first].value() == "The auditor's newer words", timeout=6000
    )
    assert two.window.undo_stack.count() == 1  # the step of the field changed elsewhere went
    two.window.undo()  # takes back the second area's reflection only
    two.window.undo()  # nothing more: the first area's step is gone
    qtbot.waitUntil(lambda: _stored(one, second) == "", timeout=6000)
    assert _stored(two, first) == _stored(one, first) == "The auditor's newer words"
    assert two.window.bindings[first].value() == "The auditor's newer words"


def test_closing_with_a_choice_open_keeps_what_was_typed(sides, qtbot) -> None:
    one, two = sides
    ref = _typed_on_both(one, two, qtbot)
    two.window.close()  # what the person wrote is never lost; history keeps theirs too
    assert _stored(two, ref) == "Mine: we met at school"
    values = [e.new for e in two.services.workspace.field_history(two.window.ws.id, ref)]
    assert values[-2:] == ["Theirs: seen at home", "Mine: we met at school"]

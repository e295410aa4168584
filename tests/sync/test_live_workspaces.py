"""Two workspace windows on two stores (the auditor's laptop and the practitioner's), each
syncing as its own login with the real central PostgreSQL and going live: a field saved in
one appears in the other within moments, and each window names who else is in the audit and
where, until they close it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.container import Services, build_services
from qa_desktop.store import models as m
from qa_desktop.sync.connection import CentralAddress
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
    return Side(services, runner, controller, hub, window)


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

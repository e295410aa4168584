"""Sync runs on a worker of its own: with the central database stalled (another connection
holding the counter every push must lock), the app's saves still complete at once, and the
stalled sync finishes once the central database lets go."""

from __future__ import annotations

import time
from pathlib import Path

from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.container import build_services
from qa_desktop.store import models as m
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.sync.status import SyncController
from tests.sync.conftest import Central
from tests.sync.world import add_audit, build_world, edit

FORM = Path(__file__).resolve().parents[2] / "forms" / "learning-audit.yaml"


def _push_waiting_on_a_lock(central: Central) -> bool:
    with central.admin_connection() as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
            "AND application_name = 'qa-desktop' AND wait_event_type = 'Lock'",
            (central.database,),
        ).fetchone()
    return bool(row and row[0])


def test_a_save_during_a_stalled_sync_completes_at_once(
    central: Central, laptops, qtbot, clock
) -> None:
    laptop = laptops("one", central.add_login("qa", "qa-person", ["qa_team"]))
    world = build_world(laptop.store)
    edit(laptop.store, None, m.FormVersion, world.version, source=FORM.read_text("utf-8"))
    audit_id = add_audit(laptop.store, world, "QA-0000001")
    services = build_services(laptop.store, clock)
    services.sync.save_settings(laptop.address.display(), laptop.address.user, None)
    auditor = services.directory.actor(world.auditor)
    failures: list[BaseException] = []
    runner = Runner(failures.append)  # the real runners, threads and all
    controller = SyncController(services.sync, runner)
    assert controller.worker is not runner

    holder = central.admin_connection()
    holder.autocommit = False
    holder.execute("SELECT 1 FROM qa_central.counter WHERE id = 1 FOR UPDATE")  # the stall
    try:
        controller.sync_now()
        qtbot.waitUntil(lambda: _push_waiting_on_a_lock(central), timeout=4000)
        saved: list[object] = []
        started = time.monotonic()
        ops.write(
            runner,
            services.workspace.save,
            audit_id,
            auditor,
            FieldRef.audit("impact"),
            "Saved while the sync waits",
            on_done=saved.append,
        )
        qtbot.waitUntil(lambda: bool(saved), timeout=2000)
        took = time.monotonic() - started
        assert took < 1.0, f"the save waited {took:.1f} s behind the sync"
        assert controller.running and _push_waiting_on_a_lock(central)  # still stalled
    finally:
        holder.rollback()
        holder.close()
    with qtbot.waitSignal(controller.synced, timeout=10000) as done:
        pass
    assert done.args[0].report.accepted > 0
    assert failures == []
    controller.wait()
    runner.wait()

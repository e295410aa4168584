"""The quick start: the person and My work read with plain SQL before the services are built
show the same as the services then do; what the person clicks in between waits and is done
once the services are there; a whole start logs no error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from qa_desktop.app import Application
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.my_work import WorkKind
from qa_desktop.logs import log_file
from qa_desktop.services.clock import today
from qa_desktop.services.container import build_services
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.store.quick_start import quick_start
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import NAV_AUDITS, NAV_MY_WORK
from tests.followup_helpers import cast, in_moderation
from tests.store_access import store_of

ROOT = Path(__file__).resolve().parents[3]


def test_the_quick_rows_are_the_services_rows_for_everyone_in_every_role(demo_store, clock) -> None:
    services = build_services(demo_store, clock)
    # Work of every kind: one audit waiting for moderation, one Inadequate confirmed (its
    # reflective meeting to hold, its actions).
    in_moderation(store_of(services), clock, Grade.GOOD)
    confirmed = in_moderation(store_of(services), clock, Grade.INADEQUATE)
    people = cast(services, confirmed)
    case = services.moderation.case(confirmed, people.moderator)
    services.moderation.moderate(
        confirmed, [Decision(a.section_id, a.auditor_grade) for a in case.areas], people.moderator
    )
    assert demo_store.path is not None
    on = today(clock)
    roles, kinds = set(), set()
    for person in services.directory.people():
        quick = quick_start(demo_store.path, on, person.id)
        assert quick is not None, person
        quick.instance.release()
        actor = services.directory.actor(person.id)
        assert quick.actor == actor  # the same person, with the same published rights
        assert quick.work == services.my_work.for_person(actor), person.role
        roles.add(person.role)
        work = quick.work
        lists = {
            WorkKind.AUDIT: work.audits,
            WorkKind.WAITING: work.waiting,
            WorkKind.MODERATION: work.moderation,
            WorkKind.MEETING: work.meetings,
            WorkKind.ACTION: work.actions,
            WorkKind.REVIEW: work.programme,
        }
        kinds |= {kind for kind, items in lists.items() if items}
    assert roles == {p.role for p in services.directory.people()} and len(roles) >= 5
    assert kinds >= {
        WorkKind.AUDIT,
        WorkKind.WAITING,
        WorkKind.MODERATION,
        WorkKind.MEETING,
        WorkKind.ACTION,
    }


def test_a_store_to_migrate_or_a_person_to_ask_for_is_left_to_the_ordinary_open(
    demo_store, clock
) -> None:
    assert demo_store.path is not None
    on = today(clock)
    assert quick_start(demo_store.path, on, None) is None  # the demo county asks who you are
    assert quick_start(demo_store.path, on, "nobody-of-that-id") is None
    with demo_store.session() as session:
        session.connection().exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    someone = build_services(demo_store, clock).directory.people()[0].id
    assert quick_start(demo_store.path, on, someone) is None  # migrated first, by the open
    # Nothing is held after a refusal: the ordinary open takes the store's lock.
    from qa_desktop.store.instance_lock import lock_store

    lock_store(demo_store.path).release()


def _auditor_with_work(services) -> tuple[str, str]:
    """A person with an audit to do, and that audit."""
    for person in services.directory.people():
        work = services.my_work.for_person(services.directory.actor(person.id))
        if work.audits:
            return person.id, work.audits[0].id
    raise LookupError("no audits to do in the demo county")


def test_clicking_at_once_after_the_quick_fill_waits_for_the_services_and_is_then_done(
    demo_store, clock, isolated_home, tmp_path, qtbot
) -> None:
    person_id, _audit = _auditor_with_work(build_services(demo_store, clock))
    store = tmp_path / "county.qadb"
    shutil.copy(demo_store.path, store)
    settings = AppSettings(isolated_home / "settings.ini")
    settings.remember_identity(store, person_id)
    application = Application(None, settings)  # the real background runner
    said: list[str] = []
    application.errors.show_box = said.append  # type: ignore[method-assign]
    window = application.new_window(store)
    qtbot.addWidget(window)
    opened: list[str] = []

    def click_at_once() -> None:
        assert window.is_usable and not window.is_ready  # the services are still coming
        nav = window.nav
        qtbot.mouseClick(
            nav.viewport(),
            Qt.MouseButton.LeftButton,
            pos=nav.visualItemRect(nav.item(NAV_AUDITS)).center(),
        )
        stand_in = window.stack.currentWidget()
        assert window.stack.currentIndex() == NAV_AUDITS
        assert isinstance(stand_in, QLabel) and stand_in.text() == "Opening your store…"
        qtbot.mouseClick(
            nav.viewport(),
            Qt.MouseButton.LeftButton,
            pos=nav.visualItemRect(nav.item(NAV_MY_WORK)).center(),
        )
        my_work = window.my_work
        table = my_work.tables[WorkKind.AUDIT]
        my_work.tabs.setCurrentWidget(table)
        table.setFocus()
        table.selectRow(0)
        qtbot.keyClick(table, Qt.Key.Key_Return)  # open it
        opened.append(my_work.models[WorkKind.AUDIT].row_at(0).id)
        assert "Opening your store" in window.statusBar().currentMessage()
        assert not my_work.done_button.isEnabled()

    window.usable.connect(click_at_once)
    application.open_store(store)
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    qtbot.waitUntil(lambda: window.is_ready, timeout=60_000)
    # The audit asked for opened once the services came; My work was read again from them.
    qtbot.waitUntil(lambda: opened[0] in window.opener.workspaces, timeout=60_000)
    assert window.my_work.done_button.isEnabled()
    window.go_to(NAV_AUDITS)
    assert window.stack.currentWidget() is window.audits
    qtbot.waitUntil(lambda: not application.runner.pending, timeout=60_000)
    assert said == []
    window.opener.close_all()
    application.shutdown()


def test_a_start_is_usable_before_it_is_loaded_and_logs_no_error(
    demo_template, tmp_path, isolated_home
) -> None:
    store = tmp_path / "county.qadb"
    shutil.copy(demo_template, store)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "qa_desktop", "--store", str(store), "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("qa-desktop:")]
    assert lines == [
        "qa-desktop: main window shown",
        "qa-desktop: My work usable",
        "qa-desktop: screens loaded",
    ]
    log = log_file().read_text(encoding="utf-8")
    assert " ERROR " not in log and " CRITICAL " not in log and "Traceback" not in log
    assert "quick start skipped" not in log  # the window was filled by the quick start

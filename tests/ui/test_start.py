"""The start: the window's frame is on screen before the store is open, then fills in; each
screen is built when first shown; a store that cannot be opened is said plainly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from qa_desktop.app import Application, open_services
from qa_desktop.ui.main_window import NAV_AUDITS, NAV_MY_WORK, NAV_REPORTS
from qa_desktop.ui.settings import AppSettings

ROOT = Path(__file__).resolve().parents[2]


def _start(tmp_path: Path, demo_template: Path, clock, isolated_home: Path):
    store = tmp_path / "demo.qadb"
    shutil.copy(demo_template, store)
    application = Application(None, AppSettings(isolated_home / "settings.ini"))
    application.errors.show_box = lambda message: None  # type: ignore[method-assign]
    window = application.new_window(store)
    return application, window, store


def test_the_frame_shows_at_once_and_fills_in_when_the_store_is_open(
    tmp_path, demo_template, clock, isolated_home, qtbot
) -> None:
    application, window, store = _start(tmp_path, demo_template, clock, isolated_home)
    qtbot.addWidget(window)
    # Before the store is open: the frame, saying what it is doing, nothing to click yet.
    assert window.isVisible() and not window.is_ready
    assert window.windowTitle() == "QA Desktop"
    assert window.stack.currentWidget() is window.opening
    assert window.opening.text() == "Opening your store…"
    assert not window.nav.isEnabled() and not window.about_action.isEnabled()
    assert [window.nav.item(i).text() for i in range(3)] == ["My work", "Audits", "Moderation"]
    window.go_to(NAV_AUDITS)  # a shortcut pressed too early does nothing
    assert window.stack.currentIndex() == NAV_MY_WORK

    application.runner.submit(
        lambda: open_services(store, clock),
        lambda services: application.store_opened(services, smoke_test=True),
    )
    qtbot.waitUntil(lambda: window.is_ready, timeout=60_000)
    qtbot.waitUntil(lambda: not application.runner.pending, timeout=60_000)
    person = window.actor.person.name
    assert window.windowTitle() == f"QA Desktop — {person}"
    assert person in window.who.text()
    assert window.nav.isEnabled() and window.about_action.isEnabled()
    assert window.stack.currentWidget() is window.my_work
    assert window.my_work.work is not None  # its data came from the store
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[0] == "&File" and menus[-1] == "&Help" and "S&ync" in menus
    application.shutdown()


def test_each_screen_is_built_when_first_shown(application, qtbot) -> None:
    person = application.services.directory.people()[0]
    window = application.show_window(application.services.directory.actor(person.id))
    qtbot.addWidget(window)
    assert set(window._screens) == {NAV_MY_WORK}
    stand_in = window.stack.widget(NAV_REPORTS)
    window.go_to(NAV_REPORTS)
    assert set(window._screens) == {NAV_MY_WORK, NAV_REPORTS}
    assert window.stack.currentWidget() is window.reports is window.stack.widget(NAV_REPORTS)
    assert window.reports is not stand_in and window.stack.count() == 7
    window.go_to(NAV_AUDITS)
    assert window.stack.currentWidget() is window.audits
    assert window.audits.model.rowCount() > 0  # built and loaded


def test_a_damaged_store_is_said_plainly_and_left_as_it_was(tmp_path) -> None:
    damaged = tmp_path / "damaged.qadb"
    damaged.write_bytes(b"this is not a QA Desktop store " * 100)
    before = damaged.read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QA_DESKTOP_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [sys.executable, "-m", "qa_desktop", "--store", str(damaged), "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "main window shown" in result.stdout  # the frame came first
    assert "screens loaded" not in result.stdout
    assert "qa-desktop:" in result.stderr and "Traceback" not in result.stderr
    assert damaged.read_bytes() == before

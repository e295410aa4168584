"""The start: the window's frame is on screen before the store is open, then fills in; each
screen is built when first shown; a store that cannot be opened is said plainly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from qa_desktop.app import Application
from qa_desktop.store import models as m
from qa_desktop.store.backups import Backup, latest_backup, make_daily_backup
from qa_desktop.store.engine import open_store
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import NAV_AUDITS, NAV_MY_WORK, NAV_REPORTS

ROOT = Path(__file__).resolve().parents[3]


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

    application.open_store(store, smoke_test=True)
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


def test_each_start_makes_the_day_s_backup_beside_the_store(
    tmp_path, demo_template, clock, isolated_home, qtbot
) -> None:
    application, window, store = _start(tmp_path, demo_template, clock, isolated_home)
    qtbot.addWidget(window)
    assert latest_backup(store) is None
    application.open_store(store, smoke_test=True)
    qtbot.waitUntil(lambda: window.is_ready and not application.runner.pending, timeout=60_000)
    made = latest_backup(store)
    assert made is not None and made.path.parent == store.parent / "backups"
    application.shutdown()


def _lost_store_with_a_backup(tmp_path, demo_template, isolated_home):
    """A store with yesterday's backup and a remembered person, then overwritten."""
    store = tmp_path / "county.qadb"
    shutil.copy(demo_template, store)
    opened = open_store(store)
    make_daily_backup(opened, date(2026, 11, 19))
    with opened.reader() as session:
        person_id = session.scalars(select(m.Person.id).order_by(m.Person.name)).first()
    opened.close()
    settings = AppSettings(isolated_home / "settings.ini")
    settings.remember_identity(store, person_id)
    store.write_bytes(b"overwritten by a faulty disk " * 300)
    return store, settings, person_id


def test_a_lost_store_is_offered_its_newest_backup_and_opens_from_it(
    tmp_path, demo_template, isolated_home, qtbot
) -> None:
    store, settings, person_id = _lost_store_with_a_backup(tmp_path, demo_template, isolated_home)
    application = Application(None, settings)
    asked: list[tuple[str, date]] = []
    application.restore_choice = lambda message, backup: asked.append((message, backup.day)) or True
    window = application.new_window(store)
    qtbot.addWidget(window)
    application.open_store(store)
    qtbot.waitUntil(lambda: window.is_ready, timeout=60_000)
    assert len(asked) == 1 and "is not a QA Desktop store, or it is damaged" in asked[0][0]
    assert asked[0][1] == date(2026, 11, 19)
    assert window.actor.person.id == person_id  # the store is back, and so is the person
    kept = list(tmp_path.glob("county.qadb.replaced-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"overwritten")
    qtbot.waitUntil(lambda: not application.runner.pending, timeout=60_000)
    application.shutdown()


def test_declining_the_backup_changes_nothing(
    tmp_path, demo_template, isolated_home, qtbot
) -> None:
    store, settings, _person = _lost_store_with_a_backup(tmp_path, demo_template, isolated_home)
    before = store.read_bytes()
    application = Application(None, settings)
    application.restore_choice = lambda message, backup: False
    exits: list[int] = []
    application.quit = exits.append
    window = application.new_window(store)
    qtbot.addWidget(window)
    application.open_store(store)
    qtbot.waitUntil(lambda: exits == [1], timeout=60_000)
    assert not window.is_ready
    assert store.read_bytes() == before
    assert not list(tmp_path.glob("county.qadb.replaced-*"))


def test_the_question_names_the_backup_s_day_and_restores_on_the_first_button(
    tmp_path, isolated_home, qtbot
) -> None:
    application = Application(None, AppSettings(isolated_home / "settings.ini"))
    backup = Backup(tmp_path / "backups" / "county-2026-11-19.qadb", date(2026, 11, 19))
    seen: list[str] = []

    def answer(button_text: str) -> None:
        box = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        )
        seen.append(box.text() + " | " + box.informativeText())
        button = next(b for b in box.buttons() if b.text() == button_text)
        button.click()

    QTimer.singleShot(50, lambda: answer("&Restore that backup"))
    assert application.restore_choice("The store is damaged.", backup) is True
    QTimer.singleShot(50, lambda: answer("&Close QA Desktop"))
    assert application.restore_choice("The store is damaged.", backup) is False
    assert "The store is damaged." in seen[0] and "19 November 2026" in seen[0]
    assert "kept beside it, not deleted" in seen[0]


def _empty_store(tmp_path: Path) -> Path:
    """A store that opens, but with nobody in it to sign in as."""
    path = tmp_path / "empty.qadb"
    open_store(path, create=True).close()
    return path


def test_a_store_with_nobody_to_sign_in_is_said_as_its_message_and_quits(
    tmp_path, isolated_home, qtbot
) -> None:
    store = _empty_store(tmp_path)
    application = Application(None, AppSettings(isolated_home / "settings.ini"))
    exits: list[int] = []
    application.quit = exits.append
    said: list[str] = []

    def close_the_box() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                said.append(widget.text())
                widget.accept()

    poll = QTimer()
    poll.timeout.connect(close_the_box)
    poll.start(20)
    window = application.new_window(store)
    qtbot.addWidget(window)
    application.open_store(store)
    qtbot.waitUntil(lambda: exits == [1], timeout=60_000)
    poll.stop()
    assert said == [
        "This store has no people in it yet, so nobody can sign in. "
        "Open the demo county with 'qa-desktop --demo'."
    ]
    assert not window.is_ready
    application.shutdown()


def test_the_smoke_test_on_a_store_with_nobody_in_it_fails_promptly_and_plainly(
    tmp_path,
) -> None:
    store = _empty_store(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QA_DESKTOP_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [sys.executable, "-m", "qa_desktop", "--store", str(store), "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # it used to hang here
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "main window shown" in result.stdout and "screens loaded" not in result.stdout
    assert "qa-desktop: This store has no people in it yet" in result.stderr
    assert "Traceback" not in result.stderr

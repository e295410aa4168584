"""GUI fixtures: an Application on a demo store with the runner in immediate mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qa_desktop.app import Application
from qa_desktop.domain.roles import Role
from qa_desktop.services.container import build_services
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def application(
    demo_store, clock, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Application]:
    # Closing a window with notes the store refused asks first; at a test's end, close.
    monkeypatch.setattr(MainWindow, "_ask_close_anyway", lambda self, reason: True)
    app = Application(
        build_services(demo_store, clock),
        AppSettings(isolated_home / "settings.ini"),
        immediate=True,
    )
    app.errors.show_box = lambda message: None  # type: ignore[method-assign]
    yield app
    if app.window is not None:
        app.window.close()
    app.runner.wait()


def open_window_as(application: Application, qtbot, role: Role) -> MainWindow:
    person = next(p for p in application.services.directory.people() if p.role is role)
    window = application.show_window(application.services.directory.actor(person.id))
    qtbot.addWidget(window)
    return window


def open_on_a_short_screen(application: Application, qtbot, monkeypatch, role: Role) -> MainWindow:
    """The window shown for ``role`` on a screen the filters fold on: the 800x600 test screen
    stands for a short one (a 1366x768 laptop at 200% is 384 high)."""
    from qa_desktop.ui.widgets import filter_fold

    monkeypatch.setattr(filter_fold, "SHORT", 10_000)
    window = open_window_as(application, qtbot, role)
    window.show()
    return window

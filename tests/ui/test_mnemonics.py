"""Alt keys in sight. A control whose key is also a menu's lost its first press to the menu:
Alt+A on the Audits list opened the Audit menu, not the Area box (Qt takes turns between
controls that share a key). So no label, button or tab in sight shares its key with the menu
bar, on any screen or tab; and on the screens of every working day (the Audits list, the
moderation queue, the meetings) no two share one at all. Where a busy tab has more commands
than letters (the Reports screen with its quarterly tab, a thematic audit's terms and
findings), two controls may share a key, and Alt then moves between them."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QTabWidget

from qa_desktop.app import Application
from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.main_window import NAV_AUDITS, NAV_MEETINGS, NAV_MODERATION, MainWindow
from tests.followup_helpers import actor_with

EVERY_DAY = {NAV_AUDITS, NAV_MODERATION, NAV_MEETINGS}


def _key(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _keys_in_sight(window: MainWindow) -> dict[str, list[str]]:
    """Each Alt key of the screen in sight, with the controls that claim it."""
    keys: dict[str, list[str]] = defaultdict(list)

    def add(text: str, what: str) -> None:
        key = _key(text)
        if key:
            keys[key].append(f"{what} {text!r}")

    shown = window.centralWidget()
    for label in shown.findChildren(QLabel):
        if label.buddy() is not None and label.isVisibleTo(window):
            add(label.text(), "label")
    for button in shown.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            add(button.text(), "button")
    for bar in shown.findChildren(QTabBar):
        if bar.isVisibleTo(window):
            for index in range(bar.count()):
                add(bar.tabText(index), "tab")
    return keys


@pytest.mark.parametrize("moderator", [False, True])
def test_no_control_in_sight_shares_its_alt_key_with_a_menu(
    application: Application, qtbot, moderator: bool
) -> None:
    services = application.services
    actor = (
        actor_with(services, Role.SERVICE_MANAGER, moderator=True)
        if moderator
        else services.directory.actor(
            next(p for p in services.directory.people() if p.role is Role.QA_OFFICER).id
        )
    )
    window = application.show_window(actor)
    qtbot.addWidget(window)
    window.show()
    menus = {_key(action.text()) for action in window.menuBar().actions()} - {None}
    assert {"f", "h"} <= menus
    found: dict[str, object] = {}
    for index, name in enumerate(window.screen_labels()):
        window.go_to(index)
        QApplication.processEvents()
        screen = window.nav_screen(index)
        tab_widgets = [t for t in screen.findChildren(QTabWidget) if t.isVisibleTo(window)]
        places = [(t, i) for t in tab_widgets for i in range(t.count()) if t.isTabEnabled(i)]
        for tabs, tab in places or [(None, 0)]:
            if tabs is not None:
                tabs.setCurrentIndex(tab)
                QApplication.processEvents()
            where = f"{name} / {tabs.tabText(tab)}" if tabs is not None else name
            keys = _keys_in_sight(window)
            with_menus = {k: v for k, v in keys.items() if k in menus}
            if with_menus:
                found[where] = with_menus
            twice = {k: v for k, v in keys.items() if len(v) > 1}
            if index in EVERY_DAY and twice:
                found[where + " (twice)"] = twice
    assert not found, found

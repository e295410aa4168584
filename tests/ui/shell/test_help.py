"""Help: the keyboard shortcuts read from the window itself, a guide per role opening on the
person's own, What's new; each shipped with the app."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence

from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.help import GuideWindow, ShortcutsDialog, WhatsNewWindow
from qa_desktop.ui.shell.help_content import GUIDES, guide_for, guide_text, help_dir
from qa_desktop.ui.shell.main_window import NAV_AUDITS, NAV_REPORTS
from tests.ui.conftest import open_window_as


def test_every_shortcut_of_the_window_is_listed_with_what_it_does(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    for screen in (NAV_AUDITS, NAV_REPORTS):  # their filters' folds hold mnemonics of their own
        window.go_to(screen)
    window.show_shortcuts()
    dialog = window.help_window
    assert isinstance(dialog, ShortcutsDialog)
    listed = {
        (dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
        for r in range(dialog.table.rowCount())
    }
    keyed = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(keyed) >= 9  # quit, new audit, sync now and the seven screens
    for action in keyed:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert any(keys in shown_keys and what for what, shown_keys in listed), action.text()
    assert ("Go to Settings", "Ctrl+7") in listed
    assert all(what for what, _keys in listed)  # no key listed without what it does
    assert any(what == "Sync now" and keys == "F5" for what, keys in listed)


@pytest.mark.parametrize(
    ("role", "auditor", "moderator", "guide"),
    [
        (Role.QA_OFFICER, True, True, "qa_officer"),
        (Role.SERVICE_MANAGER, True, True, "moderator"),
        (Role.TEAM_MANAGER, True, False, "auditor"),
        (Role.TEAM_MANAGER, False, False, "team_manager"),
        (Role.HEAD_OF_SERVICE, False, False, "head_of_service"),
        (Role.PRACTITIONER, False, False, "practitioner"),
    ],
)
def test_the_guide_opens_on_what_the_person_does(role, auditor, moderator, guide) -> None:
    assert guide_for(role, is_auditor=auditor, is_moderator=moderator) == guide


def test_every_guide_and_whats_new_is_shipped_written_for_people() -> None:
    for key, _title in GUIDES:
        assert guide_text(key).startswith("# Guide for")
    assert (help_dir() / "whats-new.md").read_text(encoding="utf-8").startswith("# What's new")


def test_the_guide_window_opens_on_the_persons_role_and_reaches_the_others(
    application, qtbot
) -> None:
    window = open_window_as(application, qtbot, Role.PRACTITIONER)
    window.show_guide()
    guide = window.help_window
    assert isinstance(guide, GuideWindow)
    assert guide.choice.currentData() == "practitioner"
    assert "Guide for practitioners" in guide.text.toPlainText()
    guide.choice.setCurrentIndex(guide.choice.findData("moderator"))
    assert "Guide for moderators" in guide.text.toPlainText()
    window.show_whats_new()
    assert isinstance(window.help_window, WhatsNewWindow)
    assert not guide.isVisible()  # one help window at a time
    assert "Published settings" in window.help_window.text.toPlainText()

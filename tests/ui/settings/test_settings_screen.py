"""The Settings screen: your own settings kept and applied at once (the timed sync, the
whole application's text size, the layout audits open in) and at the next start; the QA
team's published settings, a form for the QA team and read-only for everyone else."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QSpinBox

from qa_desktop.domain.published_settings import MONTHLY_TARGET
from qa_desktop.domain.roles import Role
from qa_desktop.ui.settings import PRESENTATION_MODE, AppSettings
from qa_desktop.ui.shell.main_window import NAV_SETTINGS
from qa_desktop.ui.text_size import apply_text_size
from tests.ui.conftest import open_window_as


def _screen(application, qtbot, role: Role):
    window = open_window_as(application, qtbot, role)
    window.go_to(NAV_SETTINGS)
    return window, window.settings_screen


def test_the_sync_interval_chosen_drives_the_timed_sync(application, qtbot, isolated_home) -> None:
    window, screen = _screen(application, qtbot, Role.PRACTITIONER)
    assert window.sync.base_interval == 5 * 60 * 1000
    screen.personal.sync_minutes.setValue(20)
    assert window.sync.base_interval == window.sync.interval == 20 * 60 * 1000
    kept = AppSettings(isolated_home / "settings.ini").personal()
    assert kept.sync_minutes == 20


def test_the_text_size_applies_at_once_to_the_whole_app_and_at_next_start(
    application, qtbot, isolated_home
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    standard_sheet, standard_points = app.styleSheet(), app.font().pointSizeF()
    try:
        _window, screen = _screen(application, qtbot, Role.PRACTITIONER)
        screen.personal.text_size.setCurrentIndex(screen.personal.text_size.findData(150))
        assert app.font().pointSizeF() == round(standard_points * 1.5 * 2) / 2
        if "font-size: 11pt" in standard_sheet:
            assert "font-size: 16.5pt" in app.styleSheet()
        assert AppSettings(isolated_home / "settings.ini").personal().text_size == 150
        # The next start reads it back (run_app applies it before the window is built).
        apply_text_size(app, 100)
        assert app.font().pointSizeF() == standard_points
        apply_text_size(app, AppSettings(isolated_home / "settings.ini").personal().text_size)
        assert app.font().pointSizeF() == round(standard_points * 1.5 * 2) / 2
    finally:
        apply_text_size(app, 100)
    assert app.styleSheet() == standard_sheet


def test_presentation_layout_is_where_audits_open(application, qtbot, isolated_home) -> None:
    _window, screen = _screen(application, qtbot, Role.PRACTITIONER)
    screen.personal.presenting.setChecked(True)
    assert AppSettings(isolated_home / "settings.ini").get(PRESENTATION_MODE) is True


def test_everyone_else_sees_the_published_settings_read_only(application, qtbot) -> None:
    _window, screen = _screen(application, qtbot, Role.PRACTITIONER)
    box = screen.published
    target = box.fields[MONTHLY_TARGET.key]
    assert isinstance(target, QSpinBox) and target.isReadOnly()
    assert box.publish_button.isHidden()
    assert "Only the QA team" in box.who_may.text()
    assert all(not f.isEnabled() for f in box.fields.values() if isinstance(f, QCheckBox))


def test_the_qa_team_publishes_from_the_screen(application, qtbot) -> None:
    _window, screen = _screen(application, qtbot, Role.QA_OFFICER)
    box = screen.published
    target = box.fields[MONTHLY_TARGET.key]
    assert isinstance(target, QSpinBox) and not target.isReadOnly()
    target.setValue(37)
    box.publish_button.click()
    assert "Published" in box.status.text()
    assert application.services.reporting.targets().current == 37


def test_a_refused_publish_says_why_and_keeps_what_was_typed(application, qtbot) -> None:
    _window, screen = _screen(application, qtbot, Role.QA_OFFICER)
    box = screen.published
    values = box.values()
    values[MONTHLY_TARGET.key] = -5  # past the spin box's limit: as a changed rule would be
    application.runner.submit(
        lambda: application.services.published.publish(values, application.window.actor),
        None,
        box._failed,
    )
    assert MONTHLY_TARGET.label in box.status.text()


def test_an_audit_window_opens_at_the_text_size_presentation_included(application, qtbot) -> None:
    from tests.ui.workspace.workspace_fixtures import open_workspace

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        apply_text_size(app, 150)
        _window, ws, _a = open_workspace(application, qtbot)
        assert "font-size: 8pt" not in ws.styleSheet()  # the badges' 8pt at 150%
        assert "font-size: 12pt" in ws.styleSheet()
        ws.presentation_action.setChecked(True)
        assert "font-size: 22.5pt" in ws.styleSheet()  # the presentation layout's 15pt
    finally:
        apply_text_size(app, 100)


def test_a_published_tick_box_wraps_its_words_and_they_tick_it(application, qtbot) -> None:
    """Its sentence on one line made the Settings screen wider than a laptop at 200% (683
    pixels), with a sideways scroll bar; wrapped, the box fits, and its words still tick it."""
    _window, screen = _screen(application, qtbot, Role.QA_OFFICER)
    box = screen.published
    checks = [f for f in box.fields.values() if isinstance(f, QCheckBox)]
    assert checks and all(c.accessibleName() for c in checks)
    assert box.minimumSizeHint().width() < 683 - 250  # beside the navigation
    check = checks[0]
    words = next(label for label in box.findChildren(QLabel) if label.buddy() is check)
    assert words.wordWrap() and words.text() == check.accessibleName()
    before = check.isChecked()
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert check.isChecked() is not before

"""Help > About: versions, where things are, the forms in use, and "Copy details"."""

from __future__ import annotations

import sqlcipher3
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QApplication

from qa_desktop import __version__
from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.about import AboutDialog
from tests.ui.conftest import open_window_as


def _open_about(window, qtbot) -> AboutDialog:
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text() == "&Help" and a.menu()
    )
    about = next(a for a in help_menu.actions() if a.text() == "&About QA Desktop")
    about.trigger()
    assert isinstance(window.about, AboutDialog)
    qtbot.addWidget(window.about)
    return window.about


def test_about_shows_versions_and_where_things_are(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.PRACTITIONER)
    dialog = _open_about(window, qtbot)
    shown = {label: value.text() for label, value in dialog.values.items()}
    assert shown["Version"] == f"QA Desktop {__version__}"
    assert shown["Store"] == str(application.services.store_path)
    assert shown["Log file"] == str(application.log_path)
    assert shown["Qt"].startswith(qVersion())
    # The store runs on SQLCipher's own SQLite, which encrypts it.
    assert shown["SQLite"].startswith(sqlcipher3.dbapi2.sqlite_version + " (SQLCipher 4.")
    assert shown["SQLite"].endswith(", encrypted)")
    forms = shown["Forms in use"].split(", ")
    assert "learning-audit v2" in forms and len(forms) == 8
    assert shown["Python"].split()[0].count(".") == 2


def test_copy_details_puts_them_all_on_the_clipboard(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    dialog = _open_about(window, qtbot)
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0] == f"Version: QA Desktop {__version__}"
    assert f"Store: {application.services.store_path}" in copied
    assert any(line.startswith("SQLite: ") for line in copied)
    assert len(copied) == len(dialog.details)
    assert dialog.copied.text().startswith("Copied.")

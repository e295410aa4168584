"""Help > About: versions, where things are, the forms in use, and "Copy details"."""

from __future__ import annotations

import platform
from importlib import metadata

import sqlcipher3
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QApplication, QLabel

from qa_desktop import __version__, licences
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


def test_the_licences_tab_lists_every_shipped_part_and_shows_its_text(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.PRACTITIONER)
    dialog = _open_about(window, qtbot)
    tab_names = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tab_names == ["&About", "&Licences"]
    dialog.tabs.setCurrentIndex(1)
    rows = [dialog.licence_list.item(i).text() for i in range(dialog.licence_list.count())]
    shipped = {licences.normalise(n) for n in licences.runtime_distributions()}
    assert len(rows) == len(shipped) + 1  # and Python itself
    essentials = f"PySide6_Essentials {metadata.version('PySide6_Essentials')}: "
    row = next(i for i, text in enumerate(rows) if text.startswith(essentials))
    assert "LGPL-3.0-only" in rows[row]
    assert any(text.startswith("psycopg-binary ") and "LGPL" in text for text in rows)
    assert any(text.startswith(f"Python {platform.python_version()}: PSF-2.0") for text in rows)

    dialog.licence_list.setCurrentRow(row)
    shown = dialog.licence_text.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in shown and "The Qt Company" in shown
    assert dialog.licence_text.isReadOnly()
    reportlab = next(i for i, text in enumerate(rows) if text.startswith("reportlab "))
    qtbot.mouseClick(
        dialog.licence_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dialog.licence_list.visualItemRect(dialog.licence_list.item(reportlab)).center(),
    )
    assert "Redistribution and use in source and binary forms" in (
        dialog.licence_text.toPlainText()
    )


def test_the_licences_tab_says_so_when_the_list_cannot_be_read(qtbot) -> None:
    dialog = AboutDialog([("Version", "QA Desktop")], licences=())
    qtbot.addWidget(dialog)
    assert dialog.licence_list.count() == 0
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "The list of parts could not be read: see the log." in labels

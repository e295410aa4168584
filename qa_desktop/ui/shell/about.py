"""Help > About: the version, where the store and the log are, the versions of the parts
underneath (Qt, Python, SQLite, the forms in use), and a button that copies it all for a
support call; on its Licences tab, every open-source part the program ships with its version,
licence and full text."""

from __future__ import annotations

import platform
import sys
from collections.abc import Sequence
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desktop import APP_NAME, __version__
from qa_desktop.licences import Licence
from qa_desktop.services.setup.about import StoreFacts, open_source_licences
from qa_desktop.ui.widgets.fit import FittedDialog


def _t(text: str) -> str:
    return QCoreApplication.translate("about", text)


def support_details(
    facts: StoreFacts, store_path: Path | None, log_path: Path
) -> list[tuple[str, str]]:
    """(label, value) pairs, in the order they are shown and copied."""
    forms = ", ".join(f"{f.key} v{f.version}" for f in facts.forms) or _t("none")
    return [
        (_t("Version"), f"{APP_NAME} {__version__}"),
        (_t("Store"), str(store_path) if store_path else _t("(in memory)")),
        (_t("Log file"), str(log_path)),
        (_t("Forms in use"), forms),
        (_t("Qt"), f"{qVersion()} (PySide6 {PySide6.__version__})"),
        (_t("Python"), f"{platform.python_version()} ({sys.platform})"),
        (_t("SQLite"), facts.sqlite_version),
        (_t("System"), platform.platform(terse=True)),
    ]


def details_text(details: list[tuple[str, str]]) -> str:
    """The details as plain text, one per line, for pasting into an email or a call log."""
    return "\n".join(f"{label}: {value}" for label, value in details) + "\n"


class AboutDialog(FittedDialog):
    def __init__(
        self,
        details: list[tuple[str, str]],
        parent: QWidget | None = None,
        licences: Sequence[Licence] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.details = details
        title = QLabel(f"{APP_NAME} {__version__}")
        title.setObjectName("screenTitle")
        blurb = QLabel(
            self.tr(
                "Case-file quality assurance for children's social care: audit, moderate, "
                "follow up and report, offline first."
            )
        )
        blurb.setWordWrap(True)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in details:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{label}:", shown)
            self.values[label] = shown
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setToolTip(self.tr("Copy these details, for a support call"))
        self.copy_button.clicked.connect(self.copy_details)
        self.copied = QLabel()
        self.copied.setAccessibleName(self.tr("Copy status"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        about_page = QWidget()
        about = QVBoxLayout(about_page)
        about.addWidget(title)
        about.addWidget(blurb)
        about.addLayout(form)
        about.addWidget(self.copied)
        about.addStretch(1)

        self.licences = tuple(open_source_licences() if licences is None else licences)
        self.tabs = QTabWidget()
        self.tabs.addTab(about_page, self.tr("&About"))
        self.tabs.addTab(self._licences_page(), self.tr("&Licences"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(720, 480)

    def _licences_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "{app} is built on these open-source parts, each under its own licence. "
                "Choose one to read its licence in full."
            ).format(app=APP_NAME)
        )
        intro.setWordWrap(True)
        self.licence_list = QListWidget()
        self.licence_list.setAccessibleName(self.tr("Open-source parts"))
        for licence in self.licences:
            self.licence_list.addItem(
                self.tr("{part}: {licence}").format(
                    part=licence.title, licence=licence.licence or self.tr("see its text")
                )
            )
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        self.licence_text.setAccessibleName(self.tr("Licence text"))
        self.licence_list.currentRowChanged.connect(self._show_licence)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        if not self.licences:
            layout.addWidget(QLabel(self.tr("The list of parts could not be read: see the log.")))
        layout.addWidget(self.licence_list, 1)
        layout.addWidget(self.licence_text, 2)
        if self.licences:
            self.licence_list.setCurrentRow(0)
        return page

    def _show_licence(self, row: int) -> None:
        if 0 <= row < len(self.licences):
            self.licence_text.setPlainText(self.licences[row].text)
        else:
            self.licence_text.clear()

    def copy_details(self) -> None:
        QApplication.clipboard().setText(details_text(self.details))
        self.copied.setText(self.tr("Copied. Paste them into your message to support."))

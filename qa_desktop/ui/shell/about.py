"""Help > About: the version, where the store and the log are, the versions of the parts
underneath (Qt, Python, SQLite, the forms in use), and a button that copies it all for a
support call."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qa_desktop import APP_NAME, __version__
from qa_desktop.services.setup.about import StoreFacts


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


class AboutDialog(QDialog):
    def __init__(self, details: list[tuple[str, str]], parent: QWidget | None = None) -> None:
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
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.resize(640, 380)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(details_text(self.details))
        self.copied.setText(self.tr("Copied. Paste them into your message to support."))

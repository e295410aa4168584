"""The box that asks for the store's key at start (no keyring entry, or the wrong key): what is
wrong, in lines that wrap to the screen, and the key typed unseen."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QWidget

from qa_desktop import APP_NAME
from qa_desktop.ui.widgets.fit import fit_window


def key_dialog(parent: QWidget | None, message: str, label: str) -> QInputDialog:
    """Qt's own input box, its text wrapped (a long message would make it wider than a laptop
    at 200%, its buttons off the screen) and its size fitted to the screen."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(APP_NAME)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setLabelText(f"{message}\n\n{label}")
    for text in dialog.findChildren(QLabel):
        text.setWordWrap(True)
    dialog.resize(560, dialog.sizeHint().height())  # as wide as "Who are you?"
    fit_window(dialog, parent.screen() if parent is not None else dialog.screen())
    return dialog


def ask_for_key(parent: QWidget | None, message: str, label: str) -> str | None:
    """The key typed, or None when the person cancelled or typed nothing."""
    dialog = key_dialog(parent, message, label)
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    typed = dialog.textValue()
    dialog.deleteLater()
    return typed if accepted and typed else None

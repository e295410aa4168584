"""Controls named for assistive technology: a label that names the control beside it (its
*buddy*, for rows built by hand; the label's mnemonic moves focus), and a named clear button."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QWidget


def buddy_label(text: str, control: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(control)
    return label


def with_clear_button(edit: QLineEdit) -> None:
    """A clear button in ``edit``, named (Qt's own has no name for a screen reader)."""
    edit.setClearButtonEnabled(True)
    name = QCoreApplication.translate("Fields", "Clear the text")
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(name)
        button.setToolTip(name)

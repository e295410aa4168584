"""The confirmation before a sign-off: what is being signed (grades, whether each has its
rationale, the actions, who signs) and that it cannot be undone without a reopen.

Every sign-off (the auditor's, the practitioner's, a reflective meeting's) asks through this
box. ``confirm`` shows it and answers whether the person chose to sign; screens keep it as a
replaceable attribute so that tests can read the real box and press its buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget


class SignOffBox(QMessageBox):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        summary: Sequence[str],
        signer: str,
        *,
        sign_label: str,
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(title)
        self.summary = list(summary)
        self.signer = signer
        items = "".join(f"<li>{escape(line)}</li>" for line in self.summary)
        self.setText(f"<b>{escape(title)}</b><ul>{items}</ul>")
        self.setInformativeText(
            self.tr(
                "Signed by {signer}. A sign-off cannot be undone: changing anything afterwards "
                "needs a reopen, with its reason kept."
            ).format(signer=signer)
        )
        self.sign_button = self.addButton(sign_label, QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = self.addButton(self.tr("&Not yet"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel_button)  # Enter never signs by accident
        self.setEscapeButton(self.cancel_button)
        self.setAccessibleName(title)
        self.setAccessibleDescription(" ".join([*self.summary, self.informativeText()]))

    def plain_text(self) -> str:
        """What the box says, as words (for the log of a test, or a screen reader)."""
        return "\n".join([self.windowTitle(), *self.summary, self.informativeText()])


def confirm(box: SignOffBox) -> bool:
    """Show the box and wait: True if the person chose to sign."""
    box.exec()
    return box.clickedButton() is box.sign_button

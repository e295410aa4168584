"""A tick box whose words wrap: Qt's own keeps its text on one line, so a long sentence
(a published setting) made its whole screen wider than a laptop at 200%."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget


class _Words(QLabel):
    """The tick box's words: clicking them ticks it, as clicking a tick box's own text does."""

    def __init__(self, text: str, check: QCheckBox) -> None:
        super().__init__(text)
        self._check = check
        self.setWordWrap(True)
        self.setBuddy(check)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._check.isEnabled():
            self._check.click()
        super().mouseReleaseEvent(event)


def wrapped_check(text: str) -> tuple[QWidget, QCheckBox]:
    """A row holding a tick box and its words beside it, wrapped; the box is named by them."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    check = QCheckBox()
    check.setAccessibleName(text.replace("&", ""))
    layout.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(_Words(text, check), 1)
    return row, check

"""A screen whose work is still to come says plainly what it will hold, and offers nothing
that does not work yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlannedScreen(QWidget):
    def __init__(
        self, title: str, purpose: str, coming: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("screenTitle")
        body = QLabel(purpose)
        body.setWordWrap(True)
        items = "".join(f"<li>{line}</li>" for line in coming)
        notice = QLabel(
            self.tr(
                "<p><b>Not available yet.</b> This screen will hold:</p><ul>{items}</ul>"
            ).format(items=items)
        )
        notice.setObjectName("plannedNotice")
        notice.setWordWrap(True)
        notice.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(notice)
        layout.addStretch(1)

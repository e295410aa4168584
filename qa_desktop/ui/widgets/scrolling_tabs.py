"""Tabs whose pages scroll rather than squash: at 200% on a laptop screen a busy page (the
monthly cycle's three tables and its planning form) is taller than the room, and a plain
QTabWidget squeezes its tables to slivers. Each page sits in a scroll area; the methods that
name pages (``widget``, ``currentWidget``, ``setCurrentWidget``, ``indexOf``) still speak of
the page itself, never of the scroll area around it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


class ScrollingTabs(QTabWidget):
    def addTab(self, page: QWidget, label: str) -> int:  # type: ignore[override]  # one form only
        area = QScrollArea()
        area.setWidget(page)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        return super().addTab(area, label)

    def widget(self, index: int) -> QWidget | None:
        area = super().widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:
        for index in range(self.count()):
            if self.widget(index) is page:
                return index
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)

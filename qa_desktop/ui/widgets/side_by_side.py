"""Two parts side by side where there is room, one above the other where there is not: the
Reports screen's chart-and-table and table-and-table pages at 200% on a laptop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget


class SideBySide(QSplitter):
    """Two parts side by side where there is room for both, else one above the other (at 200%
    on a laptop): it never asks for more width than its wider part needs."""

    def __init__(self, first: QWidget, second: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.addWidget(first)
        self.addWidget(second)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.setSizes([600, 600])

    def _parts(self) -> list[QWidget]:
        return [w for w in (self.widget(i) for i in range(self.count())) if w is not None]

    def _narrowest(self) -> list[int]:
        """Each part's smallest width: its own minimum where set, else what its layout needs."""
        return [w.minimumSizeHint().expandedTo(w.minimumSize()).width() for w in self._parts()]

    def width_for_both(self) -> int:
        return sum(self._narrowest()) + self.handleWidth()

    def minimumSizeHint(self):  # type: ignore[no-untyped-def]  # Qt's own signature
        hint = super().minimumSizeHint()
        hint.setWidth(max(self._narrowest(), default=0))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.width_for_both()
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.orientation() != wanted:
            self.setOrientation(wanted)
        super().resizeEvent(event)

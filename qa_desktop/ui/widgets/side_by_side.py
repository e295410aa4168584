"""Two parts side by side where there is room, one above the other where there is not: the
Reports screen's chart-and-table and table-and-table pages, the Programme tabs' form beside
its table, the moderator's record beside the decision, at 200% on a laptop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLayout, QSplitter, QWidget


def panel(layout: QLayout) -> QWidget:
    """A plain widget holding ``layout`` (a column of a page), to stand in a SideBySide."""
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


class SideBySide(QSplitter):
    """Two parts side by side where there is room for both, else one above the other (at 200%
    on a laptop): it never asks for more width than its wider part needs. One above the other,
    each part is as tall as it asks to be, and the page around them scrolls down. ``shares``:
    how the width is shared side by side; ``least``: the width below which they stack even where
    their smallest widths would fit (a record needs lines long enough to read)."""

    def __init__(
        self, first: QWidget, second: QWidget, shares: tuple[int, int] = (1, 1), least: int = 0
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._shares = shares
        self._least = least
        self.addWidget(first)
        self.addWidget(second)
        self.setChildrenCollapsible(False)
        for index, share in enumerate(shares):
            self.setStretchFactor(index, share)
        self.setSizes([600 * share for share in shares])

    def _all(self) -> list[QWidget]:
        return [w for w in (self.widget(i) for i in range(self.count())) if w is not None]

    def _parts(self) -> list[QWidget]:
        return [w for w in self._all() if not w.isHidden()]

    def _narrowest(self) -> list[int]:
        """Each part's smallest width: its own minimum where set, else what its layout needs."""
        return [w.minimumSizeHint().expandedTo(w.minimumSize()).width() for w in self._parts()]

    def width_for_both(self) -> int:
        return max(sum(self._narrowest()) + self.handleWidth(), self._least)

    def minimumSizeHint(self):  # type: ignore[no-untyped-def]  # Qt's own signature
        hint = super().minimumSizeHint()
        hint.setWidth(max(self._narrowest(), default=0))
        if self.orientation() is Qt.Orientation.Vertical:
            parts = self._parts()
            handles = self.handleWidth() * (len(parts) - 1)
            hint.setHeight(sum(w.sizeHint().height() for w in parts) + handles)
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.width_for_both()
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.orientation() != wanted:
            self.setOrientation(wanted)
            if wide:
                self.setSizes([600 * share for share in self._shares])
            self.updateGeometry()  # its smallest height is another now
        super().resizeEvent(event)
        if not wide:  # each part at its own height (as it asks now, a table filled since)
            self.setSizes([part.sizeHint().height() for part in self._all()])

"""A row of widgets that wraps onto more rows when it is narrow: the Reports screen's tiles and
slice boxes at 200% on a laptop (683 pixels for everything) would otherwise be cut off. The
widgets keep their order, left to right then top to bottom, in columns of equal width."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLayout, QWidget


class WrapGrid(QWidget):
    def __init__(self, items: Sequence[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = list(items)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # Its width is the parent's to give (it wraps); the layout would hold it at one row.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.columns = 0
        self._place(len(self.items))

    def columns_for(self, width: int) -> int:
        """As many columns as fit the widest items side by side at their smallest, at least
        one."""
        spacing = max(self._grid.horizontalSpacing(), 0)
        widths = sorted((item.minimumSizeHint().width() for item in self._shown()), reverse=True)
        columns, used = 0, -spacing
        for item_width in widths:
            used += item_width + spacing
            if used > width:
                break
            columns += 1
        return max(1, columns)

    def _shown(self) -> list[QWidget]:
        """The items not hidden on purpose (one not yet shown with its parent still counts)."""
        explicit = Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        return [i for i in self.items if not (i.isHidden() and i.testAttribute(explicit))]

    def refit(self) -> None:
        """Lay the items out again after their size changed (new text) or one was hidden."""
        self.columns = 0
        self._place(self.columns_for(self.width()))

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        for item in self.items:
            self._grid.removeWidget(item)
        for column in range(max(self.columns, columns, len(self.items), 1)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, item in enumerate(self._shown()):
            self._grid.addWidget(item, index // columns, index % columns)
        self.columns = columns

    def minimumSizeHint(self):  # type: ignore[no-untyped-def]  # Qt's own signature
        hint = super().minimumSizeHint()
        narrowest = max((item.minimumSizeHint().width() for item in self._shown()), default=0)
        hint.setWidth(narrowest)  # narrower than all in a row: it wraps, never forces a width
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(self.columns_for(event.size().width()))

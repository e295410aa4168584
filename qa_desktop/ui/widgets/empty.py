"""What an empty list says: what would be in it, and how something gets there.

:func:`set_empty_text` gives a table or list a sentence drawn in the middle of its empty
viewport and given as its accessible description while it is empty (a screen reader says it
on reaching the table), so that an empty table never looks like one that failed to load.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractItemView
from shiboken6 import isValid

EMPTY_TEXT = "emptyText"  # the property holding the sentence
MARGIN = 12  # around the sentence, where there is room for it


def _is_empty(view: QAbstractItemView) -> bool:
    model = view.model()
    return model is None or model.rowCount() == 0


class _EmptyPainter(QObject):
    """Draws the sentence and keeps the description in step; a child of its view, so that
    its connections end with the view."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        model = view.model()
        if model is not None:
            model.modelReset.connect(self.refresh)
            model.rowsInserted.connect(self.refresh)
            model.rowsRemoved.connect(self.refresh)

    def refresh(self) -> None:
        # A view's own model empties itself as the view is destroyed: nothing to describe.
        if isValid(self._view) and isValid(self):
            _describe(self._view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and _is_empty(self._view):
            viewport = self._view.viewport()
            painter = QPainter(viewport)
            painter.setPen(viewport.palette().color(viewport.foregroundRole()))
            text = str(self._view.property(EMPTY_TEXT))
            wrapped = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
            width = QRect(0, 0, viewport.width() - 2 * MARGIN, viewport.height())
            area, flags = text_place(
                viewport.rect(), painter.boundingRect(width, wrapped, text).height()
            )
            painter.drawText(area, flags, text)
            painter.end()
        return False


def text_place(viewport: QRect, text_height: int) -> tuple[QRect, int]:
    """Where the sentence goes in an empty viewport, and its drawing flags: in the middle
    where it fits; from the top where it does not (a short table at 200%), so that its first
    lines are read rather than the middle of a sentence cut above and below."""
    wrap = Qt.TextFlag.TextWordWrap
    inner = QRect(viewport).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    if text_height <= inner.height():
        return inner, int(Qt.AlignmentFlag.AlignCenter | wrap)
    top = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
    return QRect(viewport).adjusted(MARGIN, 2, -MARGIN, -2), int(top | wrap)


def set_empty_text(view: QAbstractItemView, text: str) -> None:
    """Give ``view`` (its model already set) the sentence it shows, and says, while it
    holds no rows."""
    first = view.property(EMPTY_TEXT) is None
    view.setProperty(EMPTY_TEXT, text)
    if first:
        view.viewport().installEventFilter(_EmptyPainter(view))
    _describe(view)


def _describe(view: QAbstractItemView) -> None:
    text = str(view.property(EMPTY_TEXT) or "")
    view.setAccessibleDescription(text if _is_empty(view) else "")
    view.viewport().update()

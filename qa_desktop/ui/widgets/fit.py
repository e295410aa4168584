"""Dialogs fitted to their screen: never larger than its room (a 1366x768 laptop at 200%
has 683x384 for everything), with no minimum size beyond it; what does not fit scrolls or
wraps inside the dialog. Every dialog of QA Desktop's own is a :class:`FittedDialog`, fitted
each time it is shown, on the screen it is shown on; Qt's message and input boxes size
themselves to their text, and the one with a long text (the store key box) is fitted too."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QScreen, QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

FRAME = QSize(16, 48)  # the title bar and borders, not yet known before the first show


def room_on(screen: QScreen | None) -> QSize | None:
    if screen is None:
        return None
    return screen.availableGeometry().size() - FRAME


def fit_window(window: QWidget, screen: QScreen | None) -> None:
    """``window`` (a dialog, the workspace) at its own size where there is room, else as
    large as ``screen`` allows, its minimum size never beyond it."""
    room = room_on(screen or window.screen())
    if room is None:
        return
    wanted = window.size().expandedTo(window.sizeHint())
    window.setMinimumSize(window.minimumSize().boundedTo(room))
    window.resize(wanted.boundedTo(room))


class FittedDialog(QDialog):
    """A dialog at its own size where there is room, else as large as its screen allows."""

    def showEvent(self, event: QShowEvent) -> None:
        fit_window(self, QWidget.screen(self))  # QWidget's: a subclass may name a screen "screen"
        super().showEvent(event)

"""Status changes told to assistive technology (WCAG 4.1.3, status messages).

A screen reader reads what has focus; a status that changes elsewhere ("Saving…", "All
changes saved", "Working…", "12 of 40 audits") is heard only if it is *announced*. Every
status label is a :class:`StatusLabel`, whose new text is announced through one function,
:func:`announce`, with Qt's ``QAccessibleAnnouncementEvent`` (Qt 6.8 and later). Tests hear
the announcements through :func:`listen`: there is no screen reader on a test machine, and
Qt sends nothing to assistive technology while none is listening.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel, QWidget

Listener = Callable[[QObject, str], None]
_listeners: list[Listener] = []


def announce(source: QObject, text: str, *, assertive: bool = False) -> None:
    """Tell assistive technology ``text`` (said after what it is saying, unless assertive:
    kept for what must interrupt, such as a failure)."""
    if not text:
        return
    for listener in list(_listeners):
        listener(source, text)
    if not QAccessible.isActive():
        return  # no screen reader: Qt would drop the event anyway
    event = QAccessibleAnnouncementEvent(source, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


@contextmanager
def listen(listener: Listener) -> Iterator[None]:
    """Hear every announcement while the block runs (tests)."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


class StatusLabel(QLabel):
    """A label that tells a status: each new text is announced, an unchanged one is not (a
    save mark set again after each save would otherwise be said over and over)."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, assertive: bool = False
    ) -> None:
        super().__init__(text, parent)
        self._assertive = assertive
        self.setProperty("status", True)

    def setText(self, text: str) -> None:
        changed = text != self.text()
        super().setText(text)
        if changed and text:
            announce(self, self._plain(text), assertive=self._assertive)

    def _plain(self, text: str) -> str:
        """What a listener hears: the text without the markup of a rich-text label."""
        if "<" not in text:
            return text
        from PySide6.QtGui import QTextDocumentFragment

        return QTextDocumentFragment.fromHtml(text).toPlainText()

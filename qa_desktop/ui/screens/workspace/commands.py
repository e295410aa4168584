"""Undo and redo across the whole audit. Each command writes through the workspace service
again (undo and redo are changes too, so the field's history stays true)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from qa_desktop.services.audit.workspace_data import ActionData, FieldRef, Value


class Writer(Protocol):
    def write(self, ref: FieldRef, value: Value, *, show: bool) -> None: ...

    def write_action(self, action: ActionData, *, present: bool) -> None: ...


class FieldEdit(QUndoCommand):
    """One field changed from ``old`` to ``new``."""

    def __init__(self, writer: Writer, ref: FieldRef, old: Value, new: Value, text: str) -> None:
        super().__init__(text)
        self.writer = writer
        self.ref = ref
        self.old = old
        self.new = new
        self._first = True

    def redo(self) -> None:
        # The first time, the widget already shows the new value (the person typed it).
        self.writer.write(self.ref, self.new, show=not self._first)
        self._first = False

    def undo(self) -> None:
        self.writer.write(self.ref, self.old, show=True)


class ActionEdit(QUndoCommand):
    """A SMART action added (``present`` True) or removed."""

    def __init__(self, writer: Writer, action: ActionData, present: bool, text: str) -> None:
        super().__init__(text)
        self.writer = writer
        self.action = action
        self.present = present
        self._first = True

    def redo(self) -> None:
        if self._first and self.present:
            self._first = False  # the action was just added by the service
            return
        self._first = False
        self.writer.write_action(self.action, present=self.present)

    def undo(self) -> None:
        self.writer.write_action(self.action, present=not self.present)


def due_text(day: date) -> str:
    return day.strftime("%d %b %Y")

"""Undo and redo across the whole audit, in plain Python (no Qt). Each step is a saved
change; undoing it writes the old value through the workspace service again (undo and redo
are changes too, so the history of each field stays true). The window applies the steps."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from qa_desktop.services.audit.workspace_data import ActionData, FieldRef, Value


@dataclass(frozen=True)
class FieldChange:
    """One field changed from ``old`` to ``new``."""

    ref: FieldRef
    old: Value
    new: Value
    text: str  # what it is called in the Undo menu ("change the area grade (Planning)")

    def reversed(self) -> FieldChange:
        return FieldChange(self.ref, self.new, self.old, self.text)


@dataclass(frozen=True)
class ActionChange:
    """A SMART action added (``present`` True) or removed."""

    action: ActionData
    present: bool
    text: str

    def reversed(self) -> ActionChange:
        return ActionChange(self.action, not self.present, self.text)


Step = FieldChange | ActionChange


class UndoStack:
    """Steps done and undone. :meth:`undo` and :meth:`redo` give the step to apply; a new
    step after an undo drops what could have been redone."""

    def __init__(self) -> None:
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._listeners: list[Callable[[], None]] = []

    def on_change(self, listener: Callable[[], None]) -> None:
        """Called after every push, undo, redo and clear (to enable the Undo and Redo keys)."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()

    def push(self, step: Step) -> None:
        """A change just made (and already written)."""
        self._done.append(step)
        self._undone.clear()
        self._changed()

    def undo(self) -> Step | None:
        """The step that takes back the last change, or None when there is nothing to undo."""
        if not self._done:
            return None
        step = self._done.pop()
        self._undone.append(step)
        self._changed()
        return step.reversed()

    def redo(self) -> Step | None:
        """The last undone change, to make again, or None."""
        if not self._undone:
            return None
        step = self._undone.pop()
        self._done.append(step)
        self._changed()
        return step

    def drop(self, refs: Collection[FieldRef]) -> None:
        """Forget every step of these fields, done or undone: another laptop changed them, and
        undoing or redoing a step from before would write an old value over theirs."""
        kept = [s for s in self._done if not (isinstance(s, FieldChange) and s.ref in refs)]
        again = [s for s in self._undone if not (isinstance(s, FieldChange) and s.ref in refs)]
        if len(kept) + len(again) == self.count():
            return
        self._done, self._undone = kept, again
        self._changed()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._changed()

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    def count(self) -> int:
        """Every step kept, done or undone."""
        return len(self._done) + len(self._undone)

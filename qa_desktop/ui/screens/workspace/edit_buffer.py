"""The workspace's edit buffer: what the store holds, what is typed but not yet saved, and the
grades held back for their rationale. Plain Python, no Qt, so the rules are tested without a
window; the window only shows this state.

- A choice (an answer, a grade, a tick) saves at once; typing waits for a pause, for the focus
  to leave the field or for the window to close (the window's timer and focus calls
  :meth:`EditBuffer.flush`). A choice saves whatever was typed before it first.
- A value equal to the stored one is not saved again (an empty text and no value are equal).
- A grade that needs a rationale is held (:mod:`.rationale`): not saved, still shown in its box,
  and saved as soon as its rationale is written.
- One state answers every question the screen asks: the value a field shows
  (:meth:`~EditBuffer.shown`), the value the navigation shows (:meth:`~EditBuffer.saved`), and the
  save mark (:attr:`~EditBuffer.mark`), which is ``SAVED`` only when nothing is typed, held,
  being written or failed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from qa_desktop.services.audit.workspace_data import FieldRef, Value
from qa_desktop.ui.screens.workspace.rationale import (
    RationaleGate,
    grade_of,
    is_grade,
    rationale_of,
)


class SaveMark(Enum):
    """What the save status says (the window words it)."""

    SAVED = "saved"  # everything shown is in the store
    EDITING = "editing"  # typing, not yet saved
    SAVING = "saving"  # written to the background worker, not yet confirmed
    HELD = "held"  # a grade waits for its rationale
    FAILED = "failed"  # the last save failed (the error path said why)


@dataclass(frozen=True)
class Save:
    """One field to write to the store, from ``old`` to ``new`` (what undo reverses)."""

    ref: FieldRef
    old: Value
    new: Value


def same(a: Value, b: Value) -> bool:
    """Whether two field values are the same to the store: "", None and False are "nothing"."""
    return (a or None) == (b or None)


class EditBuffer:
    def __init__(self, gate: RationaleGate | None = None) -> None:
        self.gate = gate or RationaleGate()
        self._stored: dict[FieldRef, Value] = {}
        self._pending: dict[FieldRef, Value] = {}
        self._held: dict[FieldRef, Value] = {}
        self._saving = 0
        self._failed = False

    # -- what the store holds ------------------------------------------------------------

    def load(self, values: Mapping[FieldRef, Value]) -> None:
        """The values as the store now holds them (at opening, after a reload). What is being
        typed and the grades held for their rationale are kept: a reload never loses them."""
        self._stored.update(values)

    @property
    def stored(self) -> Mapping[FieldRef, Value]:
        return self._stored

    def saved(self, ref: FieldRef) -> Value:
        """The value in the store (or on its way there): what the navigation shows."""
        return self._stored.get(ref)

    def shown(self, ref: FieldRef) -> Value:
        """The value the field's box shows: what is typed, else a held grade, else the stored."""
        if ref in self._pending:
            return self._pending[ref]
        if ref in self._held:
            return self._held[ref]
        return self._stored.get(ref)

    @property
    def pending(self) -> Mapping[FieldRef, Value]:
        return self._pending

    @property
    def held(self) -> Mapping[FieldRef, Value]:
        """Grades chosen but not saved: each needs its rationale written."""
        return self._held

    # -- the person's edits ----------------------------------------------------------------

    def type(self, ref: FieldRef, value: Value) -> None:
        """Text typed into a field: saved at the next :meth:`flush`."""
        self._pending[ref] = value

    def choose(self, ref: FieldRef, value: Value) -> list[Save]:
        """A choice made: saved at once, after whatever was typed before it."""
        self._pending.pop(ref, None)
        saves = self.flush()
        return saves + self._commit(ref, value)

    def flush(self) -> list[Save]:
        """Everything typed, to be saved now (a pause, the focus leaving, the window closing)."""
        waiting, self._pending = self._pending, {}
        saves: list[Save] = []
        for ref, value in waiting.items():
            saves += self._commit(ref, value)
        return saves

    def apply(self, ref: FieldRef, value: Value) -> None:
        """A value written without the gate (undo and redo put back what was saved before)."""
        self._pending.pop(ref, None)
        self._held.pop(ref, None)
        self._stored[ref] = value

    def discard(self) -> None:
        """Forget what is typed and held (the audit can no longer be edited)."""
        self._pending.clear()
        self._held.clear()

    def _commit(self, ref: FieldRef, value: Value) -> list[Save]:
        old = self._stored.get(ref)
        if same(old, value) and ref not in self._held:
            return []
        if is_grade(ref):
            if not self.gate.admits(ref, value, self.shown(rationale_of(ref))):
                self._held[ref] = value
                return []
            self._held.pop(ref, None)
        if same(old, value):
            return []
        self._stored[ref] = value
        saves = [Save(ref, old, value)]
        grade = grade_of(ref)
        if grade is not None and grade in self._held:  # its rationale is written now
            saves += self._commit(grade, self._held[grade])
        return saves

    # -- the writes --------------------------------------------------------------------------

    def started(self) -> None:
        """A save was handed to the background worker."""
        self._saving += 1
        self._failed = False

    def finished(self) -> None:
        """A save is in the store."""
        self._saving = max(0, self._saving - 1)

    def failed(self) -> None:
        """A save failed: the mark says so until the next save."""
        self._saving = max(0, self._saving - 1)
        self._failed = True

    @property
    def mark(self) -> SaveMark:
        if self._pending:
            return SaveMark.EDITING
        if self._failed:
            return SaveMark.FAILED
        if self._saving:
            return SaveMark.SAVING
        if self._held:
            return SaveMark.HELD
        return SaveMark.SAVED

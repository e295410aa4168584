"""The workspace's edit buffer: what the store holds, what is typed but not yet saved, and the
grades held back for their rationale. Plain Python, no Qt, so the rules are tested without a
window; the window only shows this state.

- A choice (an answer, a grade, a tick) saves at once; typing waits for a pause, for the focus
  to leave the field or for the window to close (the window's timer and focus calls
  :meth:`EditBuffer.flush`). A choice saves whatever was typed before it first.
- A value equal to the stored one is not saved again (an empty text and no value are equal).
- A grade that needs a rationale is held (:mod:`.rationale`): not saved, still shown in its box,
  and saved as soon as its rationale is written.
- A value another laptop saved (a reload after a sync, :meth:`EditBuffer.load`) into a field
  whose typed text differs is a choice (:attr:`~EditBuffer.choices`): the typed text stays in
  the box and is not saved over theirs until the person keeps it
  (:meth:`~EditBuffer.keep_mine`) or drops it (:meth:`~EditBuffer.use_theirs`).
- One state answers every question the screen asks: the value a field shows
  (:meth:`~EditBuffer.shown`), the value the navigation shows (:meth:`~EditBuffer.saved`), and the
  save mark (:attr:`~EditBuffer.mark`), which is ``SAVED`` only when nothing is typed, held,
  waiting for a choice, being written or failed.
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
    CHOICE = "choice"  # typed text waits: keep it, or use what another laptop saved
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
        self._theirs: dict[FieldRef, Value] = {}  # another laptop's value, typed over here
        self._writing: dict[FieldRef, list[Value]] = {}  # each save on its way: the old value
        self._failed = False

    # -- what the store holds ------------------------------------------------------------

    def load(self, values: Mapping[FieldRef, Value]) -> list[FieldRef]:
        """The values as the store now holds them (at opening, after a reload). What is being
        typed and the grades held for their rationale are kept: a reload never loses them.

        Gives the fields whose stored value changed under this window (another laptop's
        change, come by a sync). A field still being written from here keeps the value on its
        way: a reload read before that write is behind it, not a change. Typed text that
        differs from the new value becomes a choice; typed text equal to it is done."""
        arrived = []
        for ref, value in values.items():
            if ref in self._writing:
                continue
            if ref in self._stored and not same(self._stored[ref], value):
                arrived.append(ref)
                if ref in self._pending and not same(self._pending[ref], value):
                    self._theirs[ref] = value
                elif ref in self._pending:
                    self._pending.pop(ref)
                    self._theirs.pop(ref, None)
            self._stored[ref] = value
        return arrived

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

    @property
    def choices(self) -> Mapping[FieldRef, Value]:
        """Fields typed in here that another laptop changed meanwhile: their value, by field.
        The typed text is shown and held until the person chooses."""
        return self._theirs

    # -- the person's edits ----------------------------------------------------------------

    def type(self, ref: FieldRef, value: Value) -> None:
        """Text typed into a field: saved at the next :meth:`flush` (or, while it is a choice,
        when the person keeps it). Typed back to their value, the choice is gone."""
        self._pending[ref] = value
        if ref in self._theirs and same(value, self._theirs[ref]):
            self._theirs.pop(ref)

    def choose(self, ref: FieldRef, value: Value) -> list[Save]:
        """A choice made: saved at once, after whatever was typed before it."""
        self._pending.pop(ref, None)
        saves = self.flush()
        return saves + self._commit(ref, value)

    def flush(self) -> list[Save]:
        """Everything typed, to be saved now (a pause, the focus leaving), except what waits
        for a choice."""
        waiting = {r: v for r, v in self._pending.items() if r not in self._theirs}
        self._pending = {r: v for r, v in self._pending.items() if r in self._theirs}
        saves: list[Save] = []
        for ref, value in waiting.items():
            saves += self._commit(ref, value)
        return saves

    def keep_mine(self, ref: FieldRef) -> list[Save]:
        """The typed text saved over the other laptop's value (history keeps both)."""
        self._theirs.pop(ref, None)
        if ref not in self._pending:
            return []
        return self._commit(ref, self._pending.pop(ref))

    def use_theirs(self, ref: FieldRef) -> None:
        """The typed text dropped: the box shows the other laptop's value, as stored."""
        self._theirs.pop(ref, None)
        self._pending.pop(ref, None)

    def apply(self, ref: FieldRef, value: Value) -> None:
        """A value written without the gate (undo and redo put back what was saved before)."""
        self._pending.pop(ref, None)
        self._held.pop(ref, None)
        self._theirs.pop(ref, None)
        self._stored[ref] = value

    def discard(self) -> None:
        """Forget what is typed, held and waiting for a choice (the audit can no longer be
        edited)."""
        self._pending.clear()
        self._held.clear()
        self._theirs.clear()

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

    def started(self, save: Save) -> None:
        """A save was handed to the background worker."""
        self._writing.setdefault(save.ref, []).append(save.old)
        self._failed = False

    def finished(self, ref: FieldRef) -> None:
        """A save is in the store."""
        self._written(ref)

    def failed(self, ref: FieldRef) -> None:
        """A save failed: the store still holds what it held before, and the mark says so
        until the next save."""
        olds = self._writing.get(ref, [])
        if len(olds) == 1:  # the last write of this field on its way: nothing of it stored
            self._stored[ref] = olds[0]
        self._written(ref)
        self._failed = True

    def _written(self, ref: FieldRef) -> None:
        olds = self._writing.get(ref)
        if olds:
            olds.pop(0)
            if not olds:
                del self._writing[ref]

    @property
    def mark(self) -> SaveMark:
        if self._pending.keys() - self._theirs.keys():
            return SaveMark.EDITING
        if self._failed:
            return SaveMark.FAILED
        if self._writing:
            return SaveMark.SAVING
        if self._theirs:
            return SaveMark.CHOICE
        if self._held:
            return SaveMark.HELD
        return SaveMark.SAVED

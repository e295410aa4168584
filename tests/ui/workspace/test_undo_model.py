"""The audit-wide undo model, without a window."""

from __future__ import annotations

from datetime import date

from qa_desktop.services.audit.workspace_data import ActionData, FieldRef
from qa_desktop.ui.screens.workspace.undo import ActionChange, FieldChange, UndoStack

REF = FieldRef.answer("A1")
ACTION = ActionData("act-1", "Book a supervision", "p-1", "Alex Example", date(2026, 12, 1), "open")


def test_undo_gives_the_reverse_step_and_redo_the_step_again() -> None:
    stack = UndoStack()
    assert stack.undo() is None and stack.redo() is None
    stack.push(FieldChange(REF, None, "no", "change A1"))
    stack.push(ActionChange(ACTION, True, "add an action"))
    assert stack.count() == 2 and stack.undo_text() == "add an action"
    assert stack.undo() == ActionChange(ACTION, False, "add an action")
    assert stack.undo() == FieldChange(REF, "no", None, "change A1")
    assert not stack.can_undo and stack.can_redo and stack.count() == 2
    assert stack.redo() == FieldChange(REF, None, "no", "change A1")
    assert stack.redo_text() == "add an action"


def test_a_new_change_after_an_undo_drops_the_redo() -> None:
    stack = UndoStack()
    stack.push(FieldChange(REF, None, "no", "change A1"))
    stack.undo()
    stack.push(FieldChange(REF, None, "yes", "change A1"))
    assert not stack.can_redo and stack.count() == 1


def test_listeners_hear_every_change_and_clear_empties_it() -> None:
    stack = UndoStack()
    heard: list[tuple[bool, bool]] = []
    stack.on_change(lambda: heard.append((stack.can_undo, stack.can_redo)))
    stack.push(ActionChange(ACTION, False, "remove an action"))
    stack.undo()
    stack.clear()
    assert heard == [(True, False), (False, True), (False, False)]
    assert stack.count() == 0


def test_a_field_another_laptop_changed_loses_its_steps_done_and_undone() -> None:
    other = FieldRef.answer("A2", "evidence")
    stack = UndoStack()
    heard: list[int] = []
    stack.on_change(lambda: heard.append(stack.count()))
    stack.push(FieldChange(REF, None, "no", "change A1"))
    stack.push(ActionChange(ACTION, True, "add an action"))
    stack.push(FieldChange(other, "", "Seen", "change A2"))
    stack.push(FieldChange(REF, "no", "yes", "change A1"))
    stack.undo()  # A1 yes -> no, now undone
    stack.drop({REF})
    assert stack.count() == 2 and not stack.can_redo and heard[-1] == 2
    assert stack.undo() == FieldChange(other, "Seen", "", "change A2")
    assert stack.undo() == ActionChange(ACTION, False, "add an action")
    assert stack.undo() is None  # A1's steps are gone: nothing writes an old value over theirs
    before = len(heard)
    stack.drop({REF})  # nothing to drop: no listener called
    assert len(heard) == before

"""Who else is in an audit, without Qt: heard, moved, gone on "left", forgotten after the
timeout when a laptop stops without saying so."""

from __future__ import annotations

from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.live import Presence
from qa_desktop.ui.screens.workspace.live_model import ChangedBy, Here, PresenceBoard


def test_presence_comes_moves_and_goes() -> None:
    board = PresenceBoard(timeout=15)
    board.hear(Presence("a", "p2", "planning", True), now=0)
    board.hear(Presence("a", "p1", "assessment", True), now=1)
    assert board.present(now=2) == [Here("p1", "assessment"), Here("p2", "planning")]
    board.hear(Presence("a", "p1", "review", True), now=3)
    board.hear(Presence("a", "p2", "", False), now=4)
    assert board.present(now=5) == [Here("p1", "review")]
    assert board.present(now=17.9) == [Here("p1", "review")]
    assert board.present(now=18) == []  # not heard of for 15 s


def test_changed_by_marks_fields_on_screen_once_it_is_known_who() -> None:
    impact, reflection = FieldRef.audit("impact"), FieldRef.area("s1", "practitioner_reflection")
    changed = ChangedBy()
    changed.arrived([impact, reflection], marked=[reflection])
    assert changed.marks() == {} and changed.who(impact) is None  # who: not heard yet
    changed.heard({impact: "Test Auditor", reflection: "Test Practitioner"})
    assert changed.marks() == {reflection: "Test Practitioner"}  # impact is not on screen
    assert changed.who(impact) == "Test Auditor"
    changed.edited(reflection)  # this person edits it: the mark goes
    assert changed.marks() == {}
    changed.arrived([reflection], marked=[reflection])
    changed.heard({reflection: ""})  # nobody recorded: marked all the same
    assert changed.marks() == {reflection: ""}
    changed.left()  # the area left
    assert changed.marks() == {}

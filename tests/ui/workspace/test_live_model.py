"""Who else is in an audit, without Qt: heard, moved, gone on "left", forgotten after the
timeout when a laptop stops without saying so."""

from __future__ import annotations

from qa_desktop.services.live import Presence
from qa_desktop.ui.screens.workspace.live_model import Here, PresenceBoard


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

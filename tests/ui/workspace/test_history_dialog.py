"""The field history says where a value came from: a change made by someone, or the value this
laptop was given by its first sync (recorded compactly, one history row per audit)."""

from __future__ import annotations

from datetime import UTC, datetime

from qa_desktop.services.audit.workspace_data import HistoryEntry
from qa_desktop.ui.screens.workspace.history_dialog import HistoryDialog


def test_a_value_that_came_with_the_first_sync_says_so(qtbot) -> None:
    at = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    entries = [
        HistoryEntry(at, "Test Auditor", None, "yes", origin="first sync"),
        HistoryEntry(at, "Test Practitioner", "yes", "partly"),
    ]
    dialog = HistoryDialog("A1", entries)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "Test Auditor (came with this laptop's first sync)"
    assert dialog.table.item(1, 1).text() == "Test Practitioner"
    assert dialog.table.item(1, 3).text() == "Partly"

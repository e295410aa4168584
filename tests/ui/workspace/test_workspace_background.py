"""The workspace with the real background runner (a worker thread, as in the application):
the audit opens, an answer and typed text save off the GUI thread, and closing waits for them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qa_desktop.app import Application
from qa_desktop.services.container import build_services
from qa_desktop.ui.settings import AppSettings
from tests.services.audit.workspace_helpers import an_assignment


def test_saves_run_on_the_worker_thread(demo_store, clock, isolated_home, qtbot) -> None:
    app = Application(
        build_services(demo_store, clock), AppSettings(isolated_home / "settings.ini")
    )
    app.errors.show_box = lambda message: None  # type: ignore[method-assign]
    a = an_assignment(demo_store)
    window = app.show_window(a.auditor)
    qtbot.addWidget(window)
    window.open_audit(a.audit_id)
    qtbot.waitUntil(lambda: a.audit_id in window.opener.workspaces, timeout=5000)
    ws = window.opener.workspaces[a.audit_id]
    qtbot.addWidget(ws)
    with qtbot.waitActive(ws):
        ws.activateWindow()
    with qtbot.waitSignal(ws.saved, timeout=5000) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert saved.args[0].value == "partly" and saved.args[0].state.value == "in_progress"
    box = ws.areas[0].text_fields["even_better_if"]
    box.setFocus()
    qtbot.keyClicks(box, "Shared with the family sooner")
    ws.close()  # flushes the typing and waits for the worker
    app.runner.wait()
    loaded = app.services.workspace.load(a.audit_id, a.auditor)
    assert loaded.answers["A1"].value == "partly"
    assert loaded.areas["A"].even_better_if == "Shared with the family sooner"
    assert app.errors.last_message is None
    window.close()
    app.runner.wait()

"""Opening the workspace in GUI tests: a planned audit of the demo county, opened by its
auditor through the main window (as a person would, from the list)."""

from __future__ import annotations

from qa_desktop.app import Application
from qa_desktop.ui.screens.workspace import WorkspaceWindow
from qa_desktop.ui.shell.main_window import MainWindow
from tests.services.audit.workspace_helpers import Assignment, an_assignment
from tests.store_access import store_of


def open_workspace(
    application: Application, qtbot, a: Assignment | None = None
) -> tuple[MainWindow, WorkspaceWindow, Assignment]:
    a = a or an_assignment(store_of(application.services))
    window = application.show_window(a.auditor)
    qtbot.addWidget(window)
    window.open_audit(a.audit_id)
    workspace = window.opener.workspaces[a.audit_id]
    # Sign-offs are confirmed in a box; test_workspace_signoff.py reads and answers it.
    workspace.confirm = lambda box: True  # type: ignore[method-assign]
    qtbot.addWidget(workspace)
    with qtbot.waitActive(workspace):
        workspace.activateWindow()
    return window, workspace, a

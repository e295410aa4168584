"""The collaborative audit workspace: one window per audit being worked on."""

from qa_desktop.ui.screens.workspace.new_audit import NewAuditDialog
from qa_desktop.ui.screens.workspace.opener import WorkspaceOpener
from qa_desktop.ui.screens.workspace.window import WorkspaceWindow

__all__ = ["NewAuditDialog", "WorkspaceOpener", "WorkspaceWindow"]

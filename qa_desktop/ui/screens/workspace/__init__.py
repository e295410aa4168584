"""The collaborative audit workspace: one window per audit being worked on.

The window and its dialogs are imported when first asked for, so that the plain modules of
this package (``edit_buffer``, ``rationale``, ``undo``) import without Qt.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa_desktop.ui.screens.workspace.new_audit import NewAuditDialog
    from qa_desktop.ui.screens.workspace.opener import WorkspaceOpener
    from qa_desktop.ui.screens.workspace.window import WorkspaceWindow

__all__ = ["NewAuditDialog", "WorkspaceOpener", "WorkspaceWindow"]

_HOMES = {
    "NewAuditDialog": "new_audit",
    "WorkspaceOpener": "opener",
    "WorkspaceWindow": "window",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)

"""Opening audits from the main window: the workspace for an audit the person works on (one
window per audit), the read-only viewer for everyone else, and the "New audit" dialog.

One window per record: an audit already open is raised, and an audit whose load is still
on its way is not asked for again (Enter pressed twice, or a double-click on a screen that
also hears Enter, would otherwise make two windows of one audit, the second stale)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from qa_desktop.services.audit.workspace_data import Access, NewAudit, StartOptions, Workspace
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.workspace.new_audit import NewAuditDialog
from qa_desktop.ui.screens.workspace.window import WorkspaceWindow
from qa_desktop.ui.settings import AppSettings

if TYPE_CHECKING:
    from qa_desktop.ui.screens.sync.status import SyncController
    from qa_desktop.ui.screens.workspace.live import LiveHub


class WorkspaceOpener(QObject):
    def __init__(
        self,
        services: Services,
        runner: Runner,
        actor: Actor,
        settings: AppSettings,
        today: Callable[[], date],
        view_read_only: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.actor = actor
        self.settings = settings
        self.today = today
        self.view_read_only = view_read_only
        self.window_parent = parent
        self.workspaces: dict[str, WorkspaceWindow] = {}
        self.loading: set[str] = set()  # asked for, not yet shown
        self.new_audit_dialog: NewAuditDialog | None = None
        self.live: LiveHub | None = None

    def go_live(self, controller: SyncController) -> None:
        """Open workspaces see the other laptops' work at once (where this store syncs)."""
        from qa_desktop.ui.screens.workspace.live import LiveHub

        self.live = LiveHub(self.services.sync, controller, self)
        self.live.start()

    def open(self, audit_id: str) -> None:
        window = self.workspaces.get(audit_id)
        if window is not None:
            if window.isMinimized():
                window.showNormal()
            window.raise_()
            window.activateWindow()
            return
        if audit_id in self.loading:
            return
        self.loading.add(audit_id)

        def failed(exc: BaseException) -> None:
            self.loading.discard(audit_id)
            self.runner.report(exc)

        ops.read(
            self.runner,
            self.services.workspace.load,
            audit_id,
            self.actor,
            on_done=self._loaded,
            on_error=failed,
        )

    def _loaded(self, ws: Workspace) -> None:
        self.loading.discard(ws.id)
        if ws.access is Access.READ_ONLY:
            self.view_read_only(ws.id)
            return
        window = WorkspaceWindow(
            ws, self.services.workspace, self.runner, self.actor, self.settings, self.today
        )
        window.use_sync(self.services.sync)
        self.workspaces[ws.id] = window
        window.closed.connect(self._closed)
        if self.live is not None:
            self.live.attach(window)
        window.show()

    def _closed(self, audit_id: str) -> None:
        self.workspaces.pop(audit_id, None)
        self.runner.announce(Change.AUDITS)  # the lists show the audit as it now stands

    def close_all(self) -> None:
        for window in list(self.workspaces.values()):
            window.close()
        if self.live is not None:
            self.live.stop()

    def new_audit(self) -> None:
        ops.read(self.runner, self.services.workspace.start_options, self.actor, on_done=self._ask)

    def _ask(self, options: StartOptions) -> None:
        dialog = NewAuditDialog(options, self.window_parent)
        self.new_audit_dialog = dialog
        service, actor = self.services.workspace, self.actor
        dialog.search_requested.connect(
            lambda text: ops.read(
                self.runner, service.search_cases, text, on_done=dialog.show_cases
            )
        )
        dialog.start_assignment.connect(
            lambda audit_id: ops.write(
                self.runner,
                service.start_assignment,
                audit_id,
                actor,
                on_done=lambda _none: self.open(audit_id),
            )
        )

        def create(new: NewAudit) -> None:
            ops.write(self.runner, service.create, actor, new, on_done=self.open)

        dialog.create_requested.connect(create)
        dialog.show()

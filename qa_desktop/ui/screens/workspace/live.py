"""Live side by side, the Qt side: one hub per signed-in person, for every workspace open.

- The listening link (``sync/live.py``) runs on a thread of its own; its notices come to the
  GUI thread as a signal.
- A push from another laptop on an open audit ("changed up to seq n", n beyond this laptop's
  cursor) asks the sync controller for a sync now: the same push-then-pull as the timed sync,
  on the sync's own worker, so live and timed sync cannot disagree. The workspace then reloads
  as after any sync (what is being typed stays in its box).
- Each saved field asks for a sync after a short coalescing pause (the typing pause came
  before the save).
- Presence: the window's status bar names who else has the audit open and in which area.
Offline the link retries by itself with back-off and nothing else changes; once it is back,
a sync catches up at once.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel

from qa_desktop.services.live import Changed, LiveLink, Notice, Presence
from qa_desktop.services.sync import SyncService
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.screens.sync.status import SyncController
from qa_desktop.ui.screens.workspace.live_model import PresenceBoard
from qa_desktop.ui.screens.workspace.window import WorkspaceWindow

PUSH_DELAY_MS = 100  # saves close together go in one push
CLOSING, SIGNOFF = "closing", "signoff"


def _t(text: str) -> str:
    return QApplication.translate("LiveHub", text)


class LiveHub(QObject):
    heard = Signal(object)  # Notice, from the link's thread
    online_changed = Signal(bool)

    def __init__(
        self, service: SyncService, controller: SyncController, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.cursor = 0
        self.windows: dict[str, WorkspaceWindow] = {}
        self.boards: dict[str, PresenceBoard] = {}
        self.labels: dict[str, QLabel] = {}
        self.online = False
        self.push_timer = QTimer(self)
        self.push_timer.setSingleShot(True)
        self.push_timer.setInterval(PUSH_DELAY_MS)
        self.push_timer.timeout.connect(self._sync)
        self.expiry = QTimer(self)
        self.expiry.setInterval(1000)
        self.expiry.timeout.connect(self._show_all)
        self.heard.connect(self._heard)
        self.online_changed.connect(self._online)
        controller.synced.connect(lambda outcome: self._cursor(outcome.report.cursor))
        self.link: LiveLink | None = None
        self.link_thread: threading.Thread | None = None
        self.service = service

    def start(self) -> None:
        """Start listening where this store syncs (read on the caller's thread: the settings
        are a local read; the network is the link's thread's)."""
        self.cursor = self.service.cursor()
        self.link = self.service.live_link(self.heard.emit, self.online_changed.emit)
        if self.link is None:
            return
        self.link_thread = threading.Thread(target=self.link.run, name="live-link", daemon=True)
        self.link_thread.start()
        self.expiry.start()

    def stop(self, wait_s: float = 2.0) -> None:
        if self.link is not None:
            self.link.stop()
        if self.link_thread is not None:
            self.link_thread.join(wait_s)
        self.expiry.stop()

    # -- windows --------------------------------------------------------------------------

    def attach(self, window: WorkspaceWindow) -> None:
        audit_id = window.ws.id
        self.windows[audit_id] = window
        self.boards[audit_id] = PresenceBoard()
        label = StatusLabel()
        label.setObjectName("livePresence")
        window.statusBar().addPermanentWidget(label)
        self.labels[audit_id] = label
        window.saved.connect(lambda _saved: self.push_timer.start())
        window.nav.currentRowChanged.connect(lambda _row: self._moved(window))
        window.closed.connect(self._detached)
        if self.link is not None:
            self.link.open_audit(audit_id, self._area(window))

    def _detached(self, audit_id: str) -> None:
        self.windows.pop(audit_id, None)
        self.boards.pop(audit_id, None)
        self.labels.pop(audit_id, None)
        if self.link is not None:
            self.link.close_audit(audit_id)

    def _moved(self, window: WorkspaceWindow) -> None:
        if self.link is not None:
            self.link.move(window.ws.id, self._area(window))

    @staticmethod
    def _area(window: WorkspaceWindow) -> str:
        row = window.nav.currentRow()
        sections = window.ws.form.sections
        if 0 <= row < len(sections):
            return sections[row].id
        return CLOSING if row == len(sections) else SIGNOFF

    # -- what the link hears ----------------------------------------------------------------

    def _heard(self, notice: Notice) -> None:
        if isinstance(notice, Changed):
            if notice.seq > self.cursor and notice.audit_id in self.windows:
                self._sync()
        elif isinstance(notice, Presence) and notice.audit_id in self.boards:
            self.boards[notice.audit_id].hear(notice, time.monotonic())
            self._show(notice.audit_id)

    def _online(self, online: bool) -> None:
        was, self.online = self.online, online
        if online and not was:
            self._sync()  # back online: catch up at once (the outbox goes first)

    def _cursor(self, cursor: int) -> None:
        self.cursor = max(self.cursor, cursor)

    def _sync(self) -> None:
        if self.online:
            self.controller.sync_in_background()

    # -- presence -----------------------------------------------------------------------------

    def _show_all(self) -> None:
        for audit_id in list(self.labels):
            self._show(audit_id)

    def _show(self, audit_id: str) -> None:
        window, label = self.windows.get(audit_id), self.labels.get(audit_id)
        if window is None or label is None:
            return
        ws = window.ws
        names = {p.id: p.name for p in ws.owners}
        names[ws.auditor.id] = ws.auditor.name
        if ws.practitioner is not None:
            names[ws.practitioner.id] = ws.practitioner.name
        areas = {s.id: s.title for s in ws.form.sections}
        areas |= {CLOSING: _t("Closing the audit"), SIGNOFF: _t("Sign-off")}
        here = [
            _t("{name} ({area})").format(
                name=names.get(h.person_id, _t("someone else")), area=areas.get(h.area, h.area)
            )
            for h in self.boards[audit_id].present(time.monotonic())
        ]
        label.setText(_t("Also here: {people}").format(people=", ".join(here)) if here else "")

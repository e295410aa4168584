"""Sync in the background: a timer with back-off, "Sync now", and the status-bar widget that
shows the last sync, changes waiting and conflicts. Offline is a normal state, not an error.

Sync runs on a worker of its own (a second runner, one thread), never on the one runner
that saves answers: a push waits on the network (up to the lock and statement timeouts of a
central database another laptop is holding), and a save must never queue behind that. The
sync touches the store only in short local transactions between network calls (reading the
outbox, acknowledging a batch, applying a pulled batch), and SQLite's busy timeout lets a save
and those take turns. After a sync the main runner announces what a sync may change, so the
screens redraw as after any write. Reading the status (a local count) stays on the main runner.
Only frozen data (SyncOutcome, SyncStatus) comes back.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from qa_desktop.domain.personal_settings import PersonalSettings
from qa_desktop.errors import UserError
from qa_desktop.i18n import error_text
from qa_desktop.services.changes import changes_of
from qa_desktop.services.sync import SyncOutcome, SyncService, SyncStatus, is_offline
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner

log = logging.getLogger(__name__)
# The timed sync's interval unless the person chose their own (Settings: Sync every).
BASE_INTERVAL_MS = PersonalSettings().sync_interval_ms
LONGEST_INTERVAL_MS = 60 * 60 * 1000


class SyncController(QObject):
    """Runs syncs on a timer and on demand; backs off while the server cannot be reached."""

    status_changed = Signal(object)  # SyncStatus
    problem = Signal(str)  # the last attempt's message, "" when it went well
    synced = Signal(object)  # SyncOutcome

    def __init__(
        self,
        service: SyncService,
        runner: Runner,
        *,
        interval_ms: int = BASE_INTERVAL_MS,
        worker: Runner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        # Sync's own worker; its failures go to the same one error path as the runner's.
        self.worker = worker or Runner(runner.report, immediate=runner.is_immediate, parent=self)
        self.base_interval = interval_ms
        self.interval = interval_ms
        self.running = False
        self.again = False  # asked for while one ran (live side by side): one more after it
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_in_background)

    def start(self) -> None:
        self.refresh()
        self.timer.start(self.interval)

    def set_base_interval(self, interval_ms: int) -> None:
        """The person chose another interval: the next timed sync follows it (a back-off
        under way starts again from it)."""
        self.base_interval = self.interval = interval_ms
        if self.timer.isActive():
            self.timer.start(self.interval)

    def refresh(self) -> None:
        ops.read(self.runner, self.service.status, on_done=self.status_changed.emit)

    def sync_now(self) -> None:
        """The person asked: failures other than being offline go to the error path."""
        self._run(manual=True)

    def sync_in_background(self) -> None:
        self._run(manual=False)

    def _run(self, *, manual: bool) -> None:
        if self.running:
            self.again = True
            return
        self.running = True
        self.timer.stop()
        self.worker.submit(
            self.service.sync_now,
            self._done,
            lambda exc: self._failed(exc, manual),
        )

    def wait(self, msecs: int = 15000) -> bool:
        """Block until a sync under way ends (at shutdown, before the store closes)."""
        return self.worker.wait(msecs)

    def _done(self, outcome: SyncOutcome) -> None:
        self.running = False
        # What a sync may have brought, announced where the screens listen.
        self.runner.announce(changes_of(self.service.sync_now))
        self.interval = self.base_interval
        self.problem.emit("")
        self.status_changed.emit(outcome.status)
        self.synced.emit(outcome)
        self.timer.start(self.interval)
        if self.again:
            self.again = False
            self.sync_in_background()

    def _failed(self, exc: BaseException, manual: bool) -> None:
        self.running = False
        self.interval = min(self.interval * 2, LONGEST_INTERVAL_MS)
        self.timer.start(self.interval)
        if isinstance(exc, UserError):
            self.problem.emit(error_text(exc))
            if manual and not _offline(exc):
                self._to_error_path(exc)
        else:
            self._to_error_path(exc)
        self.refresh()

    def _to_error_path(self, exc: BaseException) -> None:
        """Hand a failure to the application's one error path (through the runner)."""

        def fail() -> None:
            raise exc

        self.runner.submit(fail)


def _offline(exc: BaseException) -> bool:
    return is_offline(exc)


class SyncStatusWidget(QWidget):
    """Last sync, changes waiting, conflicts; a "Sync now" button; a conflicts button and a
    refused-changes button (each shown only while there are some, each opening its list)."""

    conflicts_requested = Signal()
    refused_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.label = QLabel(self.tr("Sync: checking…"))
        self.label.setObjectName("syncStatus")
        self.conflicts = QPushButton()
        self.conflicts.setObjectName("syncConflicts")
        self.conflicts.setFlat(True)
        self.conflicts.hide()
        self.conflicts.clicked.connect(self.conflicts_requested)
        self.refused = QPushButton()
        self.refused.setObjectName("syncRefused")
        self.refused.setFlat(True)
        self.refused.hide()
        self.refused.clicked.connect(self.refused_requested)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(controller.sync_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.refused)
        layout.addWidget(self.sync_button)
        self.problem = ""
        self.status: SyncStatus | None = None
        controller.status_changed.connect(self.show_status)
        controller.problem.connect(self.show_problem)

    def show_problem(self, message: str) -> None:
        self.problem = message
        self.setToolTip(message)
        if self.status is not None:
            self.show_status(self.status)

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        if not status.configured:
            text = self.tr("Working offline (sync is not set up)")
            self.sync_button.setEnabled(False)
        else:
            self.sync_button.setEnabled(True)
            last = (
                status.last_sync_at.replace("T", " ")[:16]
                if status.last_sync_at
                else self.tr("never")
            )
            text = self.tr("Last sync {last} · %n change(s) waiting", "", status.waiting).format(
                last=last
            )
            if self.problem:
                text = self.tr("Not synced: %n change(s) waiting, kept here", "", status.waiting)
        self.label.setText(text)
        self.label.setAccessibleName(text)
        if status.conflicts:
            self.conflicts.setText(self.tr("%n conflict(s) to settle", "", status.conflicts))
            self.conflicts.show()
        else:
            self.conflicts.hide()
        if status.refused:
            self.refused.setText(self.tr("%n refused by the central database", "", status.refused))
            self.refused.setToolTip(self.tr("Open the list of refused changes"))
            self.refused.show()
        else:
            self.refused.hide()

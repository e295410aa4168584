"""The one runner for background work.

Every store query, and later every sync, import and PDF, runs here on a single worker thread,
one job at a time (so local writes happen one at a time and the window never freezes). The
result comes back to the GUI thread through a signal; a failure goes to the one error path.
Only plain frozen data crosses threads.

A result whose screen has gone (the person switched, the window closed while the job ran) is
dropped: the screen that asked is found from the callback (a bound method's object, else the
first Qt object a lambda closes over) and, once it has been deleted, the callback is not run.

Tests build the runner with ``immediate=True``: jobs then run at once on the calling thread,
so GUI tests are deterministic without sleeping.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

from qa_desktop.services.changes import Change

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


def owner_of(callback: Callable[..., Any] | None) -> QObject | None:
    """The Qt object a callback belongs to: a bound method's object, else the first Qt object
    its closure holds (``lambda rows: self._show(month, rows)`` belongs to ``self``)."""
    if callback is None:
        return None
    bound = getattr(callback, "__self__", None)
    if isinstance(bound, QObject):
        return bound
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # a cell not yet filled
            continue
        if isinstance(value, QObject):
            return value
    return None


def _gone(owner: QObject | None) -> bool:
    return owner is not None and not isValid(owner)


class _Relay(QObject):
    """Carries a job's outcome back to the GUI thread (queued signal delivery)."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


class Runner(QObject):
    """Runs work off the GUI thread, one job at a time."""

    busy_changed = Signal(bool)
    # Announced after a job that changed data, with what changed (a ``Change`` flag set), so
    # each screen decides whether to redraw. Screens never poll; they ``subscribe``.
    changed = Signal(object)

    def __init__(
        self, on_error: Failed, *, immediate: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._on_error = on_error
        self._immediate = immediate
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending = 0
        self._relays: set[_Relay] = set()
        self.subscribed = Change.NONE  # every flag some screen has listened for

    def subscribe(self, owner: QObject, flags: Change, slot: Callable[[Change], None]) -> None:
        """Call ``slot(what)`` after each write that changed any of ``flags``, for as long as
        ``owner`` lives: the subscription ends when the owner is destroyed, so a screen never
        outlives its person or its store."""
        self.subscribed |= flags

        def deliver(what: object) -> None:
            if isinstance(what, Change) and what & flags:
                slot(what)

        self.changed.connect(deliver)

        def end() -> None:
            with contextlib.suppress(RuntimeError, TypeError):  # gone with the runner
                self.changed.disconnect(deliver)

        owner.destroyed.connect(end)

    def announce(self, changes: Change) -> None:
        """Tell the screens that ``changes`` changed (after work done outside :meth:`submit`)."""
        if changes:
            self.changed.emit(changes)

    @property
    def is_immediate(self) -> bool:
        """Whether jobs run at once on the calling thread (tests)."""
        return self._immediate

    @property
    def pending(self) -> int:
        return self._pending

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        changes: Change = Change.NONE,
    ) -> None:
        """Run ``work`` in the background; ``on_done(result)`` then runs on the GUI thread.

        ``changes`` says what the work changed; it is announced on :attr:`changed` after
        success. Failures go to ``on_error`` if given, else to the application's error path.
        """
        relay = _Relay()
        self._relays.add(relay)
        done_owner, error_owner = owner_of(on_done), owner_of(on_error)

        def finish() -> None:
            self._relays.discard(relay)
            self._pending -= 1
            if not self._pending:
                self.busy_changed.emit(False)

        @Slot(object)
        def succeeded(result: Any) -> None:
            finish()
            if _gone(done_owner):
                log.debug("a result came back for a screen that has gone; dropped")
            elif on_done is not None:
                try:
                    on_done(result)
                except Exception as exc:
                    self._on_error(exc)
            self.announce(changes)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            finish()
            if on_error is not None and _gone(error_owner):
                log.warning("background work failed after its screen closed: %s", exc)
                return
            (on_error or self._on_error)(exc)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        job = _Job(work, relay)
        if self._immediate:
            job.run()
        else:
            self._pool.start(job)

    def report(self, exc: BaseException) -> None:
        """Send a failure a screen handled itself on to the one error path."""
        self._on_error(exc)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued jobs finish (used at shutdown)."""
        return self._pool.waitForDone(msecs)

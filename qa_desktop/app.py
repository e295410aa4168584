"""The entry point of the application: the one place where objects are built and wired.

Start-up order (so the window is on screen, and usable, at once): the QApplication and the
window's frame are built with Qt alone; on the background runner the quick start reads the
person and My work with plain SQL (``store/quick_start.py``), and the window shows them with
the navigation working; then, on the runner too, the store is opened and the services
(SQLAlchemy and the rest) imported, and the screens fill the window, My work read again from
the services. Where the quick start cannot decide (no key, a store to migrate, a person to
ask for) the window waits for the services as before. When the runner is idle, the PDF
library and the fonts are loaded, so that the first export does not wait for them. Nothing
here imports the services or SQLAlchemy at module level.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from qa_desktop import APP_NAME, ORG_NAME, __version__
from qa_desktop.errors import StoreLost, UserError
from qa_desktop.i18n import tr
from qa_desktop.logs import log_file, setup_logging
from qa_desktop.paths import default_store_path, demo_store_path
from qa_desktop.resources import app_icon_path, stylesheet
from qa_desktop.ui.errors import ErrorPresenter, describe
from qa_desktop.ui.fonts import register_shipped_fonts
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.settings import STORE_PATH, WELCOME_DONE, AppSettings
from qa_desktop.ui.shell.main_window import MainWindow
from qa_desktop.ui.text_size import apply_text_size

if TYPE_CHECKING:
    from qa_desktop.services.clock import Clock
    from qa_desktop.services.container import Services
    from qa_desktop.services.setup.people import Actor
    from qa_desktop.store.backups import Backup
    from qa_desktop.store.instance_lock import InstanceLock
    from qa_desktop.store.quick_start import QuickStart

log = logging.getLogger(__name__)


def system_clock() -> datetime:
    """The system's clock, imported when first asked: the clock's module loads the bank
    holidays (about 30 ms), which the window's first frame does not need."""
    from qa_desktop.services.clock import system_clock as now

    return now()


def today(clock: Clock) -> date:
    from qa_desktop.services.clock import today as on

    return on(clock)


def open_services(store_path: Path, clock: Clock, instance: InstanceLock | None = None) -> Services:
    """Open (and migrate) the store and build the services on it: the slow part of a start,
    run on the background runner while the window is already showing (``instance``: the
    store's lock, taken by the quick start)."""
    setup_logging()  # here, off the GUI thread: see logs.py
    from qa_desktop.services.container import build_services
    from qa_desktop.store.engine import open_store

    return build_services(open_store(store_path, exclusive=True, instance=instance), clock)


def read_quick_start(
    store_path: Path, clock: Clock, remembered: str | None, smoke_test: bool
) -> QuickStart | None:
    """The person and My work with plain SQL (on the runner): see store/quick_start.py."""
    setup_logging()
    from qa_desktop.store.quick_start import quick_start

    return quick_start(store_path, today(clock), remembered, first_if_unknown=smoke_test)


def preload_documents() -> None:
    """The PDF library and the house fonts, loaded while the person reads My work (on the
    runner, when it is idle): the first export of a session then takes what any export
    takes."""
    from qa_desktop.reports.pdf.preload import preload

    preload()


class Application:
    """Owns the open store, the runner and the window for one session of the program."""

    def __init__(
        self, services: Services | None, settings: AppSettings, *, immediate: bool = False
    ) -> None:
        self._services = services
        self.settings = settings
        self.window: MainWindow | None = None
        self.errors = ErrorPresenter(lambda: self.window)
        self.runner = Runner(self.errors, immediate=immediate)
        self.log_path = log_file()
        # Asks whether to put a backup in place of a lost store (replaceable in tests).
        self.restore_choice: Callable[[str, Backup], bool] = self._ask_to_restore
        # Ends the program with an exit code (replaceable in tests, which go on running).
        self.quit: Callable[[int], None] = QApplication.exit
        # Closing the window ends the program (set by run_app, which runs Qt's event loop;
        # in tests, which go on running, a closed window ends nothing).
        self.quit_on_close = False
        # Asks for the store's key (message, new store?) -> the text typed or None (tests).
        self.key_prompt: Callable[[str, bool], str | None] = self._ask_for_key
        # The quick start's person, until the services confirm them (None: none was read).
        self._quick: Actor | None = None

    @property
    def services(self) -> Services:
        assert self._services is not None, "the store is not open yet"
        return self._services

    @property
    def clock(self) -> Clock:
        return self._services.clock if self._services is not None else system_clock

    def choose_person(self, parent: QWidget | None = None, *, ask: bool = False) -> Actor | None:
        """The person using the app: a joined or standalone store's own person, never asked;
        else (the demo county, a store from before) remembered for this store, or asked."""
        from qa_desktop.ui.shell.identity import IdentityDialog

        own = self.services.directory.ownership().person_id
        if own is not None:
            return self.services.directory.actor(own)
        path = self.services.store_path
        remembered = self.settings.identity_for(path) if path else None
        if remembered and not ask:
            try:
                return self.services.directory.actor(remembered)
            except UserError:
                log.info("the remembered person is not in this store; asking again")
        people = self.services.directory.people()
        if not people:
            raise UserError(
                "This store has no people in it yet, so nobody can sign in. "
                "Open the demo county with 'qa-desktop --demo'."
            )
        dialog = IdentityDialog(people, parent, current=remembered)
        if dialog.exec() != IdentityDialog.DialogCode.Accepted or not dialog.chosen_id():
            return None
        person_id = dialog.chosen_id()
        assert person_id is not None
        if path:
            self.settings.remember_identity(path, person_id)
        return self.services.directory.actor(person_id)

    def new_window(self, store_path: Path | None) -> MainWindow:
        """The window's frame, shown before the store is open; :meth:`attach` fills it."""
        old = self.window
        self.window = MainWindow(
            self.runner, self.settings, lambda: today(self.clock), self.log_path, store_path
        )
        self.window.switch_person_requested.connect(self.switch_person)
        self.window.closed.connect(lambda window=self.window: self._window_closed(window))
        if old is not None:
            old.close()
            old.deleteLater()
        self.window.show()
        return self.window

    def _window_closed(self, window: MainWindow) -> None:
        """The person closed the window: the program ends, even if some other window (a box,
        a workspace left behind) would keep Qt's event loop going. A window replaced by
        Switch person is closed after the new one is in place, so it ends nothing."""
        if window is self.window and self.quit_on_close:
            self.quit(0)

    def catch_unexpected(self) -> None:
        """Unexpected errors (a slot that raised) never reach the terminal: the details go
        to the log and the person sees the one message of the error path."""
        sys.excepthook = self._unexpected

    def _unexpected(
        self, kind: type[BaseException], exc: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.quit(130)
            return
        try:
            self.errors(exc.with_traceback(trace))
        except Exception:  # the error path itself failed: the log is all that is left
            log.critical("the error path failed", exc_info=True)

    def show_window(self, actor: Actor) -> MainWindow:
        """A window for ``actor`` on the open store (switching person; tests)."""
        window = self.new_window(self.services.store_path)
        window.attach(self.services, actor)
        return window

    def open_store(self, store_path: Path, *, smoke_test: bool = False) -> None:
        """Read the quick start on the background runner and show it; then open the store
        and build the services there too; the window fills in when they are ready."""
        remembered = self.settings.identity_for(store_path)
        self.runner.submit(
            lambda: read_quick_start(store_path, system_clock, remembered, smoke_test),
            lambda quick: self._quick_read(quick, store_path, smoke_test),
            lambda exc: self._quick_read(None, store_path, smoke_test),
        )
        QTimer.singleShot(0, _import_my_work_screen)  # meanwhile, on the idle GUI thread

    def _quick_read(self, quick: QuickStart | None, store_path: Path, smoke_test: bool) -> None:
        instance = None
        if quick is not None and self.window is not None:
            self._quick = quick.actor
            instance = quick.instance
            self.window.attach_quick(quick.actor, quick.work)
        elif quick is not None:
            quick.instance.release()
        self.open_full(store_path, instance, smoke_test=smoke_test)

    def open_full(
        self, store_path: Path, instance: InstanceLock | None = None, *, smoke_test: bool = False
    ) -> None:
        """Open the store and build the services on the background runner."""
        self.runner.submit(
            lambda: open_services(store_path, system_clock, instance),
            lambda services: self.store_opened(services, smoke_test=smoke_test),
            lambda exc: self.fail(exc, store_path, smoke_test=smoke_test),
        )

    def store_opened(self, services: Services, *, smoke_test: bool = False) -> None:
        """The background open finished: find the person, then fill the window."""
        from qa_desktop.store.keys import persist_held

        persist_held()  # a key typed at start opened it: into the keyring, if there is one
        self._services = services
        window = self.window
        assert window is not None
        quick, self._quick = self._quick, None
        try:
            if quick is not None:  # the person the quick start showed, as the services say
                actor: Actor | None = services.directory.actor(quick.id)
            elif smoke_test:
                actor = _first_person(self)
            else:
                actor = self.choose_person(window)
        except UserError as exc:  # nobody can sign in (a store with no people): say so, quit
            self.fail(exc, services.store_path, smoke_test=smoke_test)
            return
        if actor is None:  # the person closed "Who are you?"
            window.close()
            self.quit(0)
            return
        window.attach(services, actor)
        self.runner.submit(lambda: _daily_backup(services, self.clock), None, self._backup_failed)
        self.runner.submit(preload_documents, None, self._preload_failed)

    def _preload_failed(self, exc: BaseException) -> None:
        """Nothing is lost: the first export loads the PDF library itself."""
        log.warning("the PDF library could not be loaded ahead: %s", type(exc).__name__)

    def _backup_failed(self, exc: BaseException) -> None:
        """Said in the status bar, not in a box: the work itself is safe in the store."""
        log.warning("the daily backup failed: %s", type(exc).__name__)
        if self.window is not None:
            text = tr("app", "Today's backup of the store could not be made: {reason}")
            self.window.statusBar().showMessage(text.format(reason=describe(exc)), 60_000)

    def fail(
        self, exc: BaseException, store_path: Path | None, *, smoke_test: bool = False
    ) -> None:
        """The store could not be opened (damaged, newer, missing...) or nobody can sign in to
        it: say so, offer the newest backup where one can take its place, else quit."""
        if isinstance(exc, UserError):
            log.info("could not open the store: %s", exc.template)
        else:
            log.error("could not open the store", exc_info=(type(exc), exc, exc.__traceback__))
        message = describe(exc)
        print(f"qa-desktop: {message}", file=sys.stderr)
        if not smoke_test and store_path is not None and self._key_given(exc, message):
            self.open_store(store_path)
            return
        if not smoke_test:
            from qa_desktop.store.backups import latest_backup, restore_backup

            backup = None
            if store_path is not None and isinstance(exc, StoreLost):
                backup = latest_backup(store_path)
                if backup is not None and self.restore_choice(message, backup):
                    try:
                        restore_backup(store_path, backup.path, self.clock())
                    except (UserError, OSError) as restore_failed:
                        self.fail(restore_failed, store_path)
                        return
                    self.open_store(store_path)
                    return
            if backup is None:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.critical(self.window, APP_NAME, message)
        self.quit(1)

    def _key_given(self, exc: BaseException, message: str) -> bool:
        """No key for the store, or the wrong one: ask for the recovery key or passphrase
        (with no keyring, a new passphrase), held in memory until it has opened the store."""
        from qa_desktop.store import keys

        if not isinstance(exc, keys.KeyNeeded | keys.WrongKey):
            return False
        new = isinstance(exc, keys.KeyNeeded) and exc.new
        typed = self.key_prompt(message, new)
        if not typed:
            return False
        key = keys.StoreKey.from_text(typed)
        if new and key.passphrase is not None and len(key.passphrase) < keys.MIN_PASSPHRASE:
            return self._key_given(
                keys.KeyNeeded(
                    "A passphrase must be at least {count} characters long.",
                    new=True,
                    count=keys.MIN_PASSPHRASE,
                ),
                describe(exc),
            )
        keys.hold(key)
        return True

    def _ask_for_key(self, message: str, new: bool) -> str | None:
        from qa_desktop.ui.shell.key_prompt import ask_for_key

        label = (
            tr("app", "Choose a passphrase for the store (at least 10 characters):")
            if new
            else tr("app", "Recovery key or passphrase:")
        )
        return ask_for_key(self.window, message, label)

    def _ask_to_restore(self, message: str, backup: Backup) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(APP_NAME)
        box.setText(message)
        box.setInformativeText(
            tr(
                "app",
                "The backup made on {day} can take its place: the store as it was when QA "
                "Desktop first opened it that day. The file it replaces is kept beside it, "
                "not deleted.",
            ).format(day=f"{backup.day.day} {backup.day:%B %Y}")
        )
        restore = box.addButton(
            tr("app", "&Restore that backup"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(tr("app", "&Close QA Desktop"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore

    def switch_person(self) -> None:
        """Only on the demo county: on a real store the person is the central login's."""
        if not self.services.directory.ownership().may_switch_person:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                self.window,
                APP_NAME,
                tr(
                    "app",
                    "Only the demo county lets you switch person. On this store you are the "
                    "person it was set up for.",
                ),
            )
            return
        if self.window is not None and not self.window.may_close():
            return  # the person keeps editing what could not be saved
        actor = self.choose_person(self.window, ask=True)
        if actor is not None:
            self.show_window(actor)
        elif self.window is not None:
            self.window.checked_before_close = False  # still open: ask again when it closes

    def shutdown(self) -> None:
        sync = getattr(self.window, "sync", None)  # the window's sync worker, once attached
        if sync is not None:
            sync.wait()
        self.runner.wait()
        if self._services is not None:
            self._services.close()


def _qapplication() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(QIcon(str(app_icon_path())))
    app.setDesktopFileName("qa-desktop")  # ties the windows to packaging/qa-desktop.desktop
    register_shipped_fonts()  # a machine with no fonts would show no text at all
    return app


def first_launch(settings: AppSettings, clock: Clock) -> Path | None:
    """Show the welcome (once ever) and prepare the store it chose; None if it was closed."""
    setup_logging()
    from qa_desktop.ui.shell.welcome import WelcomeDialog

    dialog: WelcomeDialog | None = None
    errors = ErrorPresenter(lambda: dialog)
    runner = Runner(errors)
    dialog = WelcomeDialog(
        runner,
        settings,
        clock,
        demo_path=demo_store_path(),
        own_path=default_store_path(),
        on_error=errors,
    )
    accepted = dialog.exec() == WelcomeDialog.DialogCode.Accepted
    runner.wait()
    prepared = dialog.prepared()
    return prepared.path if accepted and prepared else None


def store_to_open(store_path: Path, settings: AppSettings, clock: Clock) -> Path | None:
    """The store named on the command line; else the one chosen at first launch (the
    welcome asks once ever); None when the person closed the welcome."""
    if store_path != default_store_path():
        return store_path
    chosen = Path(settings.get(STORE_PATH) or store_path)
    if not settings.get(WELCOME_DONE) or not chosen.exists():
        # The first start, or the store it chose has gone (deleted, a drive not mounted):
        # welcome again rather than fail at every start.
        return first_launch(settings, clock)
    return chosen


def run_app(store_path: Path, *, smoke_test: bool = False) -> int:
    """Show the window, open the store behind it, and run until the window closes; returns
    the exit code.

    ``smoke_test`` (checking an installation): no questions; open the window as the
    remembered or first person, print a line once it is shown, and quit with 0.
    """
    qt_app = _qapplication()
    settings = AppSettings()
    apply_text_size(qt_app, settings.personal().text_size)  # the person's own, from the start
    if not smoke_test:
        chosen = store_to_open(store_path, settings, system_clock)
        if chosen is None:
            return 0
        store_path = chosen
    application = Application(None, settings)
    application.catch_unexpected()
    application.quit_on_close = True
    window = application.new_window(store_path)
    if smoke_test:  # first in the queue: the frame is reported even if the open fails at once
        QTimer.singleShot(0, lambda: _report_shown(window, application.runner, qt_app))
    application.open_store(store_path, smoke_test=smoke_test)
    code = qt_app.exec()
    application.shutdown()
    return code


def _import_my_work_screen() -> None:
    """My work's screen module (and the table widgets it uses), imported while the quick
    start reads on the runner: the GUI thread would only wait for it."""
    import qa_desktop.ui.screens.my_work  # noqa: F401


def _daily_backup(services: Services, clock: Clock) -> None:
    services.daily_backup(today(clock))


def _first_person(application: Application) -> Actor:
    own = application.services.directory.ownership().person_id
    if own is not None:
        return application.services.directory.actor(own)
    path = application.services.store_path
    remembered = application.settings.identity_for(path) if path else None
    people = application.services.directory.people()
    if not people:
        raise UserError("This store has no people in it yet, so nobody can sign in.")
    return application.services.directory.actor(remembered or people[0].id)


def _report_shown(window: MainWindow, runner: Runner, qt_app: QApplication) -> None:
    """Smoke test: the window is on screen; say so, then quit once its screens have data."""
    if not window.isVisible():
        print("qa-desktop: main window NOT shown", flush=True)
        qt_app.exit(1)
        return
    print("qa-desktop: main window shown", flush=True)
    said_usable: list[bool] = []

    def usable() -> None:  # once, the next time round the event loop (after painting)
        if not said_usable:
            said_usable.append(True)
            QTimer.singleShot(0, lambda: print("qa-desktop: My work usable", flush=True))

    window.usable.connect(usable)
    window.ready.connect(usable)  # no quick start: usable once the services are here

    def loaded() -> None:
        if window.is_ready and not runner.pending:
            print("qa-desktop: screens loaded", flush=True)
            qt_app.exit(0)

    runner.busy_changed.connect(lambda busy: None if busy else loaded())
    window.ready.connect(loaded)
    loaded()

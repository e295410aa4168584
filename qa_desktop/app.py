"""The entry point of the application: the one place where objects are built and wired."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from qa_desktop import APP_NAME, ORG_NAME, __version__
from qa_desktop.errors import UserError
from qa_desktop.i18n import error_text
from qa_desktop.logs import setup_logging
from qa_desktop.resources import stylesheet
from qa_desktop.services.clock import Clock, system_clock, today
from qa_desktop.services.container import Services, build_services
from qa_desktop.services.people import Actor
from qa_desktop.store.engine import open_store
from qa_desktop.ui.errors import ErrorPresenter
from qa_desktop.ui.identity import IdentityDialog
from qa_desktop.ui.main_window import MainWindow
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.settings import AppSettings

log = logging.getLogger(__name__)


class Application:
    """Owns the open store, the runner and the window for one session of the program."""

    def __init__(
        self, services: Services, settings: AppSettings, *, immediate: bool = False
    ) -> None:
        self.services = services
        self.settings = settings
        self.window: MainWindow | None = None
        self.errors = ErrorPresenter(lambda: self.window)
        self.runner = Runner(self.errors, immediate=immediate)
        self.log_path = setup_logging()

    @property
    def clock(self) -> Clock:
        return self.services.clock

    def choose_person(self, parent: QWidget | None = None, *, ask: bool = False) -> Actor | None:
        """The person using the app: remembered for this store, else asked once."""
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
        dialog = IdentityDialog(people, parent)
        if dialog.exec() != IdentityDialog.DialogCode.Accepted or not dialog.chosen_id():
            return None
        person_id = dialog.chosen_id()
        assert person_id is not None
        if path:
            self.settings.remember_identity(path, person_id)
        return self.services.directory.actor(person_id)

    def show_window(self, actor: Actor) -> MainWindow:
        old = self.window
        self.window = MainWindow(
            self.services,
            self.runner,
            actor,
            self.settings,
            lambda: today(self.clock),
            self.log_path,
        )
        self.window.switch_person_requested.connect(self.switch_person)
        if old is not None:
            old.close()
            old.deleteLater()
        self.window.show()
        return self.window

    def switch_person(self) -> None:
        actor = self.choose_person(self.window, ask=True)
        if actor is not None:
            self.show_window(actor)

    def shutdown(self) -> None:
        self.runner.wait()
        self.services.close()


def _qapplication() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setStyleSheet(stylesheet())
    return app


def run_app(store_path: Path) -> int:
    """Open the store and the main window; returns the exit code."""
    setup_logging()
    qt_app = _qapplication()
    try:
        store = open_store(store_path)
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, error_text(exc))
        print(f"qa-desktop: {error_text(exc)}", file=sys.stderr)
        return 1
    application = Application(build_services(store, system_clock), AppSettings())
    try:
        actor = application.choose_person()
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, error_text(exc))
        application.shutdown()
        return 1
    if actor is None:
        application.shutdown()
        return 0
    application.show_window(actor)
    code = qt_app.exec()
    application.shutdown()
    return code

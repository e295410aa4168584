"""The one way an error reaches a person: what happened and what to do, in plain words.
Details (the traceback) go to the log file, never to the screen."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from qa_desktop.errors import UserError
from qa_desktop.i18n import error_text
from qa_desktop.logs import log_file

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    """The text a person sees for an error."""
    if isinstance(exc, UserError):
        return error_text(exc)
    return QCoreApplication.translate(
        "errors",
        "Something went wrong that QA Desktop did not expect. Nothing you had saved has been "
        "lost. The details are in the log file: {log}",
    ).format(log=log_file())


def log_failure(exc: BaseException) -> None:
    """What the log keeps of a failure: a refusal in one line, the unexpected with its
    traceback (which never reaches the screen)."""
    if isinstance(exc, UserError):
        log.info("user error: %s", exc.template)
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))


class ErrorPresenter:
    """Shows errors to the person; logs the details. ``show_box`` is replaceable in tests."""

    def __init__(self, parent: Callable[[], QWidget | None]) -> None:
        self._parent = parent
        self.last_message: str | None = None

    def __call__(self, exc: BaseException) -> None:
        log_failure(exc)
        self.last_message = describe(exc)
        self.show_box(self.last_message)

    def show_box(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # not at start: each Qt type costs to load

        QMessageBox.warning(
            self._parent(), QCoreApplication.translate("errors", "QA Desktop"), message
        )

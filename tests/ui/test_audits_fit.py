"""The Audits filters on a small screen (a 1366x768 laptop at 200% leaves the screen about
680 pixels wide): the boxes narrow, their labels are never clipped."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from qa_desktop.app import Application
from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.main_window import NAV_AUDITS
from tests.ui.conftest import open_window_as


def test_the_filter_labels_keep_their_width_on_a_narrow_screen(
    application: Application, qtbot
) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_AUDITS)
    screen = window.audits
    window.splitter.setSizes([150, 520])
    window.resize(680, 380)
    QApplication.processEvents()
    assert screen.width() <= 540
    labels = [label for label in screen.findChildren(QLabel) if label.buddy() is not None]
    names = {label.text().replace("&", "") for label in labels}
    assert {"Service:", "Team:", "Grade:"} <= names
    for label in labels:
        assert label.width() >= label.sizeHint().width(), label.text()

"""Developer tool: the Programme screen as a QA officer sees it, on one tab, saved as a PNG.

    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_programme.py STORE OUT.png \
        [--size 1366x768] [--tab 0] [--plan 2026-12] [--role qa_officer]

``--plan MONTH`` plans that month first (on the store given: use a copy).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from qa_desktop.app import Application, _qapplication
from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import system_clock
from qa_desktop.services.container import build_services
from qa_desktop.store.engine import open_store
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--tab", type=int, default=0)
    parser.add_argument("--plan", default="")
    parser.add_argument("--role", default="qa_officer")
    parser.add_argument("--feedback", default="", help="open the feedback dialog on this audit")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    qt_app = _qapplication()
    services = build_services(open_store(args.store), system_clock)
    application = Application(services, AppSettings(args.out.with_suffix(".ini")), immediate=True)
    person = next(p for p in services.directory.people() if p.role is Role(args.role))
    window = application.show_window(services.directory.actor(person.id))
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.go_to(NAV_PROGRAMME)
    window.programme.tabs.setCurrentIndex(args.tab)
    if args.plan:
        window.programme.monthly.month.setText(args.plan)
        window.programme.monthly.plan_month()

    target = window
    if args.feedback:
        tab = window.programme.feedback
        tab.reference.setText(args.feedback)
        tab.open_dialog()
        assert tab.dialog is not None
        target = tab.dialog
        tab.dialog.consent.setChecked(True)
        tab.dialog.child.setChecked(args.child)

    def shoot() -> None:
        QApplication.processEvents()
        target.grab().save(str(args.out))
        qt_app.quit()

    QTimer.singleShot(800, shoot)
    qt_app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())

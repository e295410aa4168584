"""Developer tool: the Reports screen on a chosen quarter and tab, optionally with the
audits behind the first figure listed, saved as a PNG.

    xvfb-run -s "-screen 0 1920x1080x24" python scripts/screenshot_dashboard.py STORE OUT.png \
        [--size 1366x768] [--role practitioner] [--quarter 2026/27-Q2] [--tab 1] [--drill]
        [--scroll-to-tabs]
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
from qa_desktop.ui.shell.main_window import NAV_REPORTS


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--role", default="qa_officer")
    parser.add_argument("--quarter", default="")
    parser.add_argument("--tab", type=int, default=0)
    parser.add_argument("--drill", action="store_true")
    parser.add_argument("--scroll-to-tabs", action="store_true", help="at 200%%: the tabs in view")
    args = parser.parse_args()
    qt_app = _qapplication()
    services = build_services(open_store(args.store), system_clock)
    application = Application(services, AppSettings(args.out.with_suffix(".ini")), immediate=True)
    person = next(p for p in services.directory.people() if p.role is Role(args.role))
    window = application.show_window(services.directory.actor(person.id))
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.go_to(NAV_REPORTS)
    screen = window.reports
    if args.quarter:
        screen.quarter.setCurrentIndex(screen.quarter.findText(args.quarter))
    screen.tabs.setCurrentIndex(args.tab)
    if args.drill:
        screen.fig_inadequate.click()

    def shoot() -> None:
        QApplication.processEvents()
        if args.scroll_to_tabs:
            bar = screen.body_scroll.verticalScrollBar()
            bar.setValue(
                screen.tabs.mapTo(screen.body_scroll.widget(), screen.tabs.rect().topLeft()).y()
            )
            QApplication.processEvents()
        window.grab().save(str(args.out))
        qt_app.quit()

    QTimer.singleShot(800, shoot)
    qt_app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
